//! Without a usable ONNX Runtime, memory says so (`unavailable`, a clear message) and never panics; the
//! rest of memory (list, get, delete) keeps working. Its own test binary: ONNX Runtime loads once per
//! process, so no other test here may load the real one first.
#![allow(clippy::unwrap_used)] // a failing test should panic

use crate::memory_support;

use wbot_core::db::Page;
use wbot_core::memory::{MemoryConfig, NewMemory, SearchOptions};
use wbot_core::{ErrorCode, Reason};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_or_broken_runtime_is_unavailable() {
    let dir = tempfile::tempdir().unwrap();
    let good = memory_support::config();
    let missing = MemoryConfig {
        runtime_path: dir.path().join("nope/libonnxruntime.so"),
        ..good.clone()
    };
    let core = memory_support::open_with(dir.path(), missing).await;
    let pid = memory_support::profile(&core, "Ana").await;

    let err = core
        .memory()
        .add_memory(&pid, NewMemory::note("hello"))
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Unavailable);
    assert_eq!(err.reason, Reason::RuntimeMissing, "{err}");
    let err = core
        .memory()
        .search_memories(&pid, "hello", SearchOptions::default())
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Unavailable);
    assert_eq!(
        core.memory()
            .list_memories(&pid, Page::default())
            .await
            .unwrap()
            .total,
        0,
        "nothing half-stored"
    );

    // A file that is not a shared library.
    let fake = dir.path().join("libonnxruntime.so");
    std::fs::write(&fake, b"not a library").unwrap();
    core.memory()
        .configure(MemoryConfig {
            runtime_path: fake,
            ..good.clone()
        })
        .await;
    let err = core
        .memory()
        .add_memory(&pid, NewMemory::note("hello"))
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Unavailable);
    assert_eq!(err.reason, Reason::RuntimeUnusable, "{err}");

    // A model folder without the model.
    core.memory()
        .configure(MemoryConfig {
            model_dir: dir.path().join("empty"),
            ..good.clone()
        })
        .await;
    let err = core
        .memory()
        .add_memory(&pid, NewMemory::note("hello"))
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Unavailable);
    assert_eq!(err.reason, Reason::ModelMissing, "{err}");

    // Fixed: it works without reopening.
    core.memory().configure(good).await;
    let m = core
        .memory()
        .add_memory(&pid, NewMemory::note("hello"))
        .await
        .unwrap();
    core.memory().delete_memory(&pid, &m.id).await.unwrap();
    core.close().await;
}
