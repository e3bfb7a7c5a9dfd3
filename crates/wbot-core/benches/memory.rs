//! Memory benchmarks (not run by the test suite): embedding latency and throughput, HNSW build and search
//! (recall@10 against exact search), end-to-end `recall_for_prompt` over 100,000 memories, file size, RSS.
//!
//! `cargo bench -p wbot-core --bench memory` (release profile; assets from scripts/fetch-assets).
//! Optional: `WBOT_BENCH_N=20000` for a quicker run. Prints a Markdown report on stdout.
//!
//! The 100k vectors are synthetic but built from real embeddings: 10,000 distinct generated diary-like sentences are
//! embedded with the real model; vector i = normalise(base[i % 10000] + r·base[j] + noise), with j random,
//! r uniform in [0, 0.5] and Gaussian noise of norm ≈ 0.5 — clusters of related memories, like a long diary.
//! Queries are 200 other generated sentences, embedded with the real model.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark that fails should stop loudly

use std::path::Path;
use std::time::Instant;

use wbot_core::events::EventBus;
use wbot_core::memory::vector::{encode_f16, normalize};
use wbot_core::memory::{Embedder, MemoryConfig, Priority, TextRole, VectorIndex};
use wbot_core::profile::{NewProfile, OnboardingAnswers};
use wbot_core::Core;

mod support;
use support::{config, percentile, rss_mb, runtime, sentence, Rng};

/// Real embeddings behind the synthetic vectors (distinct generated sentences).
const BASE: usize = 10_000;

fn main() {
    let n: usize = std::env::var("WBOT_BENCH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let rt = runtime();
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    let mut out = String::new();
    macro_rules! line { ($($t:tt)*) => {{ let s = format!($($t)*); println!("{s}"); out.push_str(&s); out.push('\n'); }} }

    // ---- embedding ----
    let mut seen = std::collections::HashSet::new();
    let mut distinct = std::iter::from_fn(|| loop {
        let s = sentence(&mut rng);
        if seen.insert(s.clone()) {
            return Some(s);
        }
    });
    let base_texts: Vec<String> = distinct.by_ref().take(BASE).collect();
    let query_texts: Vec<String> = distinct.take(200).collect();
    let mut rng = Rng(0x5EED_1234_ABCD_0002);
    let embedder = Embedder::new(config(), EventBus::default());
    let load = Instant::now();
    rt.block_on(embedder.embed(
        vec!["warm up".into()],
        TextRole::Query,
        Priority::Interactive,
    ))
    .unwrap();
    let load_ms = load.elapsed().as_secs_f64() * 1000.0;
    let short_queries = [
        "how was my sister",
        "work stress",
        "sleep",
        "did breathing help me?",
        "feeling lonely lately",
    ];
    let mut lat = Vec::new();
    for i in 0..200 {
        let q = if i % 2 == 0 {
            short_queries[i / 2 % short_queries.len()].to_string()
        } else {
            query_texts[i].clone()
        };
        let t = Instant::now();
        rt.block_on(embedder.embed(vec![q], TextRole::Query, Priority::Interactive))
            .unwrap();
        lat.push(t.elapsed());
    }
    let (q50, q99) = (percentile(&mut lat, 0.5), percentile(&mut lat, 0.99));

    let t = Instant::now();
    let mut base = rt
        .block_on(embedder.embed_many(&base_texts[..2000], TextRole::Passage, Priority::Bulk))
        .unwrap();
    let tput1 = 2000.0 / t.elapsed().as_secs_f64();
    let queries = rt
        .block_on(embedder.embed_many(&query_texts, TextRole::Query, Priority::Bulk))
        .unwrap();
    let embedder2 = Embedder::new(
        MemoryConfig {
            embed_threads: 2,
            ..config()
        },
        EventBus::default(),
    );
    rt.block_on(embedder2.embed(
        vec!["warm up".into()],
        TextRole::Query,
        Priority::Interactive,
    ))
    .unwrap();
    let t = Instant::now();
    base.extend(
        rt.block_on(embedder2.embed_many(&base_texts[2000..], TextRole::Passage, Priority::Bulk))
            .unwrap(),
    );
    let tput2 = (BASE - 2000) as f64 / t.elapsed().as_secs_f64();
    drop(embedder2);
    let (rss_model, _) = rss_mb();

    line!(
        "### Embedding ({}, ONNX Runtime 1.24.4, 1 intra-op thread unless noted)",
        wbot_core::memory::MODEL_ID
    );
    line!("");
    line!("| measure | value |");
    line!("|---|---|");
    line!("| model load (first use) | {load_ms:.0} ms |");
    line!("| query embedding p50 / p99 (200 queries: 2–5 word and ~20 word) | {q50:.2} ms / {q99:.2} ms |");
    line!("| batch throughput, batch 32, 2,000 generated sentences of ~20 words, 1 thread | {tput1:.0} sentences/s |");
    line!(
        "| same, 2 intra-op threads ({} sentences) | {tput2:.0} sentences/s |",
        BASE - 2000
    );
    line!("| process RSS with the model loaded | {rss_model:.0} MB |");
    line!("");

    // ---- recall on real embeddings only ----
    let threads = 4 + 1 + 2;
    {
        let real = VectorIndex::new(384, 64, threads).unwrap();
        let items: Vec<(u64, Vec<f32>)> = base
            .iter()
            .enumerate()
            .map(|(i, v)| (i as u64 + 1, v.clone()))
            .collect();
        real.add_batch(&items, 2).unwrap();
        let truth: Vec<Vec<u64>> = queries
            .iter()
            .map(|q| {
                real.exact_search(q, 10)
                    .unwrap()
                    .into_iter()
                    .map(|(k, _)| k)
                    .collect()
            })
            .collect();
        line!("### Recall on {BASE} real sentence embeddings (no synthetic vectors), k = 10");
        line!("");
        line!("| expansion_search | p50 | recall@10 vs exact |");
        line!("|---|---|---|");
        for ef in [32usize, 64, 128, 256] {
            real.set_expansion_search(ef);
            let mut lat = Vec::new();
            let mut found = 0usize;
            for (q, t) in queries.iter().zip(&truth) {
                let s = Instant::now();
                let hits = real.search(q, 10).unwrap();
                lat.push(s.elapsed());
                found += hits.iter().filter(|(k, _)| t.contains(k)).count();
            }
            let recall = found as f64 / (10 * queries.len()) as f64;
            line!(
                "| {ef} | {:.3} ms | {recall:.4} |",
                percentile(&mut lat, 0.5)
            );
        }
        line!("");
    }

    // ---- synthetic vectors ----
    let dims = 384;
    let noise = 0.5 / (dims as f32).sqrt();
    let vectors: Vec<Vec<f32>> = (0..n)
        .map(|i| {
            let b = &base[i % base.len()];
            let other = &base[rng.below(base.len())];
            let r = rng.unit() * 0.5;
            let mut v: Vec<f32> = b
                .iter()
                .zip(other)
                .map(|(x, y)| x + r * y + noise * rng.gauss())
                .collect();
            normalize(&mut v);
            v
        })
        .collect();

    // ---- index build ----
    line!("### HNSW index (usearch 2.26.6: cos, f16, connectivity 16, expansion_add 64)");
    line!("");
    line!("| vectors | build, 1 thread | build, 2 threads | file size | load |");
    line!("|---|---|---|---|---|");
    let dir = tempfile::tempdir().unwrap();
    let mut big: Option<VectorIndex> = None;
    for size in [10_000usize.min(n), n] {
        let items: Vec<(u64, Vec<f32>)> = vectors[..size]
            .iter()
            .enumerate()
            .map(|(i, v)| (i as u64 + 1, v.clone()))
            .collect();
        let one = VectorIndex::new(dims, 64, threads).unwrap();
        one.reserve(size).unwrap();
        let t = Instant::now();
        for (k, v) in &items {
            one.add(*k, v).unwrap();
        }
        let t1 = t.elapsed().as_secs_f64();
        drop(one);
        let two = VectorIndex::new(dims, 64, threads).unwrap();
        two.reserve(size).unwrap();
        let t = Instant::now();
        two.add_batch(&items, 2).unwrap();
        let t2 = t.elapsed().as_secs_f64();
        let path = dir.path().join(format!("{size}.usearch"));
        two.save(&path).unwrap();
        let bytes = std::fs::metadata(&path).unwrap().len();
        let t = Instant::now();
        let loaded = VectorIndex::load(&path, dims, 64, threads).unwrap();
        let tl = t.elapsed().as_secs_f64() * 1000.0;
        line!(
            "| {size} | {t1:.1} s ({:.0}/s) | {t2:.1} s ({:.0}/s) | {:.1} MB | {tl:.0} ms |",
            size as f64 / t1,
            size as f64 / t2,
            bytes as f64 / 1e6
        );
        if size == n {
            big = Some(loaded);
        }
    }
    line!("");
    let big = big.unwrap();

    // ---- search vs exact ----
    let truth: Vec<Vec<u64>> = queries
        .iter()
        .map(|q| {
            big.exact_search(q, 10)
                .unwrap()
                .into_iter()
                .map(|(k, _)| k)
                .collect()
        })
        .collect();
    line!("### Search over {n} vectors, k = 10, 200 real query embeddings, 1 thread");
    line!("");
    line!("| expansion_search | p50 | p99 | recall@10 vs exact |");
    line!("|---|---|---|---|");
    for ef in [32usize, 64, 128, 192, 256] {
        big.set_expansion_search(ef);
        let mut lat = Vec::new();
        let mut found = 0usize;
        for _round in 0..3 {
            for (q, t) in queries.iter().zip(&truth) {
                let s = Instant::now();
                let hits = big.search(q, 10).unwrap();
                lat.push(s.elapsed());
                found += hits.iter().filter(|(k, _)| t.contains(k)).count();
            }
        }
        let recall = found as f64 / (3 * 10 * queries.len()) as f64;
        line!(
            "| {ef} | {:.3} ms | {:.3} ms | {recall:.4} |",
            percentile(&mut lat, 0.5),
            percentile(&mut lat, 0.99)
        );
    }
    let mut lat = Vec::new();
    for q in &queries {
        let s = Instant::now();
        big.exact_search(q, 10).unwrap();
        lat.push(s.elapsed());
    }
    line!(
        "| exact (brute force) | {:.3} ms | {:.3} ms | 1 |",
        percentile(&mut lat, 0.5),
        percentile(&mut lat, 0.99)
    );
    line!("");
    drop(big);

    // ---- end to end ----
    let data = tempfile::tempdir().unwrap();
    let (insert_s, rebuild_s, e2e, file_mb) = rt.block_on(async {
        let core = Core::open(data.path()).await.unwrap();
        core.memory().configure(config()).await;
        let pid = core
            .profiles().create_profile(NewProfile { display_name: "Bench".into(), onboarding: OnboardingAnswers::neutral() })
            .await
            .unwrap()
            .id;
        // Rows written directly (embedding 100k texts would take the model ~10 minutes); same columns and
        // encoding as the engine. The index is then missing, so the first use rebuilds it from SQLite.
        let t = Instant::now();
        let now = wbot_core::db::now_rfc3339();
        for chunk in vectors.chunks(5_000).enumerate() {
            let (c, part) = chunk;
            let mut tx = core.db().begin_write().await.unwrap();
            for (j, v) in part.iter().enumerate() {
                let i = c * 5_000 + j;
                sqlx::query(
                    "INSERT INTO memories (id, profile_id, kind, text, created_at, updated_at, source, embedding)
                     VALUES (?, ?, 'note', ?, ?, ?, 'import', ?)",
                )
                .bind(uuid::Uuid::new_v4().to_string())
                .bind(&pid)
                .bind(&base_texts[i % base_texts.len()])
                .bind(&now)
                .bind(&now)
                .bind(encode_f16(v))
                .execute(&mut *tx)
                .await
                .unwrap();
            }
            tx.commit().await.unwrap();
        }
        let insert_s = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let status = core.memory().memory_status(&pid).await.unwrap();
        let rebuild_s = t.elapsed().as_secs_f64();
        assert_eq!(status.indexed as usize, n);
        core.memory().recall_for_prompt(&pid, "warm up", None).await.unwrap();
        let mut long = Vec::new();
        for q in &query_texts {
            let s = Instant::now();
            let r = core.memory().recall_for_prompt(&pid, q, None).await.unwrap();
            long.push(s.elapsed());
            assert!(r.block.chars().count() <= 2000);
        }
        let mut short = Vec::new();
        for i in 0..100 {
            let s = Instant::now();
            core.memory().recall_for_prompt(&pid, short_queries[i % short_queries.len()], None).await.unwrap();
            short.push(s.elapsed());
        }
        let mut embed_long = Vec::new();
        for q in &query_texts {
            let s = Instant::now();
            embedder.embed(vec![q.clone()], TextRole::Query, Priority::Interactive).await.unwrap();
            embed_long.push(s.elapsed());
        }
        let lat = (long, short, embed_long);
        let file = data.path().join("index").join(format!("{pid}.usearch"));
        let file_mb = std::fs::metadata(&file).map(|m| m.len() as f64 / 1e6).unwrap_or(0.0);
        core.close().await;
        (insert_s, rebuild_s, lat, file_mb)
    });
    let (mut long, mut short, mut embed_long) = e2e;
    let (rss, hwm) = rss_mb();
    let default_ef = wbot_core::memory::index::DEFAULT_EXPANSION_SEARCH;
    line!("### End to end: `recall_for_prompt` over {n} memories of one profile");
    line!("");
    line!("Profile check + query embedding, concurrently FTS5 (capped word counts, BM25 top-50), then HNSW top-50 (expansion_search {default_ef}), row fetch, exact cosine, fusion, prompt block.");
    line!("");
    line!("| measure | value |");
    line!("|---|---|");
    line!(
        "| p50 / p99, 200 diary-like queries of ~20 words | {:.2} ms / {:.2} ms |",
        percentile(&mut long, 0.5),
        percentile(&mut long, 0.99)
    );
    line!(
        "| (of which: embedding the same 200 queries alone, p50 / p99) | {:.2} ms / {:.2} ms |",
        percentile(&mut embed_long, 0.5),
        percentile(&mut embed_long, 0.99)
    );
    line!(
        "| p50 / p99, 100 short queries (2–5 words) | {:.2} ms / {:.2} ms |",
        percentile(&mut short, 0.5),
        percentile(&mut short, 0.99)
    );
    line!("| writing {n} rows (with FTS triggers) | {insert_s:.1} s |");
    line!("| index check + rebuild from SQLite on first use (file missing) | {rebuild_s:.1} s |");
    line!("| index file | {file_mb:.1} MB |");
    line!("| process RSS at the end / peak | {rss:.0} MB / {hwm:.0} MB |");
    let _ = std::fs::write(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/memory-bench.md"),
        out,
    );
}
