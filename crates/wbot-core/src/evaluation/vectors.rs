//! Vectors of the labelled sentences kept between runs, when `WBOT_VECTOR_CACHE` names a directory (the
//! test script sets it): the sets hold about 10,000 sentences, and embedding them all takes minutes on two
//! cores while the same model and runtime give the same vectors. One file per model and runtime: the
//! model's id and both files' sizes and a hash of their first and last MiB name it, so a changed model is
//! embedded again. A file that cannot be read is ignored (and replaced).

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use crate::memory::MemoryConfig;

/// Where the vectors of one model and runtime are kept, and those read from it.
pub(super) struct VectorCache {
    path: PathBuf,
    vectors: HashMap<String, Vec<f32>>,
    changed: bool,
}

/// `size-hash` of a file (the hash of its first and last MiB), or `None` when it cannot be read. Copies of
/// one file give the same fingerprint, whatever their dates.
fn fingerprint(path: &Path) -> Option<String> {
    const EDGE: u64 = 1024 * 1024;
    let mut file = std::fs::File::open(path).ok()?;
    let len = file.metadata().ok()?.len();
    let mut bytes = Vec::new();
    (&mut file).take(EDGE).read_to_end(&mut bytes).ok()?;
    file.seek(SeekFrom::Start(len.saturating_sub(EDGE))).ok()?;
    file.read_to_end(&mut bytes).ok()?;
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    Some(format!("{len}-{:016x}", hasher.finish()))
}

impl VectorCache {
    /// The cache for `config`'s model, when `WBOT_VECTOR_CACHE` is set and the model files are there.
    pub(super) fn open(config: &MemoryConfig) -> Option<Self> {
        let dir = PathBuf::from(std::env::var_os("WBOT_VECTOR_CACHE")?);
        let model = fingerprint(&config.model_dir.join("model.onnx"))?;
        let runtime = fingerprint(&config.runtime_path)?;
        let path = dir.join(format!("{}-{model}-{runtime}.bin", config.model_id));
        let vectors = std::fs::read(&path)
            .ok()
            .and_then(|bytes| decode(&bytes))
            .unwrap_or_default();
        Some(Self {
            path,
            vectors,
            changed: false,
        })
    }

    pub(super) fn get(&self, text: &str) -> Option<&Vec<f32>> {
        self.vectors.get(text)
    }

    pub(super) fn insert(&mut self, text: String, vector: Vec<f32>) {
        self.vectors.insert(text, vector);
        self.changed = true;
    }

    /// Writes the file again when something was added (to a temporary file first, so a run stopped
    /// midway or a second run at the same time never leaves half a file).
    pub(super) fn save(&self) {
        if !self.changed {
            return;
        }
        let tmp = self
            .path
            .with_extension(format!("{}.tmp", std::process::id()));
        let written = self
            .path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::File::create(&tmp))
            .and_then(|mut file| file.write_all(&encode(&self.vectors)))
            .and_then(|()| std::fs::rename(&tmp, &self.path));
        if let Err(e) = written {
            let _ = std::fs::remove_file(&tmp);
            tracing::warn!(error = %e, "evaluation vectors not cached");
        }
    }
}

/// Each entry: text length (u32), the text, the vector's length (u32), its values (f32), little endian.
fn encode(vectors: &HashMap<String, Vec<f32>>) -> Vec<u8> {
    let mut out = Vec::new();
    for (text, vector) in vectors {
        out.extend((text.len() as u32).to_le_bytes());
        out.extend(text.as_bytes());
        out.extend((vector.len() as u32).to_le_bytes());
        for v in vector {
            out.extend(v.to_le_bytes());
        }
    }
    out
}

fn decode(mut bytes: &[u8]) -> Option<HashMap<String, Vec<f32>>> {
    fn take<'a>(bytes: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
        let (head, rest) = bytes.split_at_checked(n)?;
        *bytes = rest;
        Some(head)
    }
    fn length(bytes: &mut &[u8]) -> Option<usize> {
        let raw = take(bytes, 4)?;
        Some(u32::from_le_bytes(raw.try_into().ok()?) as usize)
    }
    let mut out = HashMap::new();
    while !bytes.is_empty() {
        let n = length(&mut bytes)?;
        let text = String::from_utf8(take(&mut bytes, n)?.to_vec()).ok()?;
        let dims = length(&mut bytes)?;
        let raw = take(&mut bytes, dims.checked_mul(4)?)?;
        let vector = raw
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        out.insert(text, vector);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_round_trip_and_a_cut_file_is_refused() {
        let vectors = HashMap::from([
            ("Tengo miedo".to_string(), vec![0.25, -1.5, 3.0]),
            (String::new(), vec![]),
        ]);
        let bytes = encode(&vectors);
        assert_eq!(decode(&bytes), Some(vectors));
        assert_eq!(decode(&bytes[..bytes.len() - 1]), None);
    }
}
