#!/usr/bin/env python3
"""Reference embeddings for the memory tests, from an implementation independent of the Rust core.

The Rust core embeds with fastembed (Rust tokenizers + ort). This script computes the same vectors with
onnxruntime-python + HF `tokenizers` + numpy: tokenize (truncate to 256 tokens), run the ONNX model, mean-pool
the last hidden state over the attention mask, L2-normalise. The test `memory_embedding` requires cosine >= 0.999
between the two.

Run once, from the repository root (assets from scripts/fetch-assets; nothing is downloaded):
    python3 -m pip install onnxruntime==1.24.4 tokenizers numpy
    python3 scripts/make-embedding-fixture.py
It writes crates/wbot-core/tests/fixtures/embeddings-minilm.json.
"""

import json
import pathlib

import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer

ROOT = pathlib.Path(__file__).resolve().parent.parent
MODEL_DIR = ROOT / "src-tauri" / "resources" / "models" / "all-MiniLM-L6-v2"
OUT = ROOT / "crates" / "wbot-core" / "tests" / "fixtures" / "embeddings-minilm.json"
MAX_LENGTH = 256

SENTENCES = [
    "I felt anxious before my job interview this morning.",
    "Breathing slowly for five minutes helped me calm down.",
    "My sister visited on Sunday and we went for a long walk by the river.",
    "I can't sleep well when I drink coffee after lunch.",
    "Journaling at night makes it easier to let go of the day.",
    "The weather was grey and I stayed inside all afternoon.",
    "I'm proud that I kept my meditation streak for three weeks.",
    "Work deadlines keep piling up and I feel overwhelmed.",
    "Café au lait and a croissant: a small, happy ritual.",
    "ok",
    "A much longer memory that goes on and on about the week: " + "the meetings, the commute, the rain, " * 40,
]


def main() -> None:
    tokenizer = Tokenizer.from_file(str(MODEL_DIR / "tokenizer.json"))
    tokenizer.enable_truncation(max_length=MAX_LENGTH)
    tokenizer.no_padding()
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    session = ort.InferenceSession(str(MODEL_DIR / "model.onnx"), options, providers=["CPUExecutionProvider"])
    input_names = {i.name for i in session.get_inputs()}

    vectors = []
    for sentence in SENTENCES:
        enc = tokenizer.encode(sentence)
        ids = np.array([enc.ids], dtype=np.int64)
        mask = np.array([enc.attention_mask], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in input_names:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = session.run(None, feeds)[0]  # (1, tokens, 384): last_hidden_state
        m = mask[..., None].astype(np.float32)
        pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
        v = pooled[0] / np.linalg.norm(pooled[0])
        vectors.append([round(float(x), 7) for x in v])

    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(
        json.dumps(
            {
                "model": "all-MiniLM-L6-v2 (int8 ONNX, resources/models/all-MiniLM-L6-v2/model.onnx)",
                "method": "onnxruntime-python + tokenizers, max_length 256, mean pooling, L2 norm",
                "onnxruntime": ort.__version__,
                "sentences": SENTENCES,
                "vectors": vectors,
            },
            ensure_ascii=False,
        )
        + "\n"
    )
    print(f"wrote {len(vectors)} vectors of {len(vectors[0])} dims to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
