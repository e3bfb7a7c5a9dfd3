//! A hard kill during `wbot memory import`: every memory whose line was printed (acknowledged) is still
//! there after reopening, and the vector index agrees with SQLite (rebuilt if it was behind).
#![allow(clippy::unwrap_used)] // a failing test should panic

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::Stdio;

use wbot_core::memory::{IndexCheck, MemoryConfig, SearchOptions};
use wbot_core::{Core, ProfileId};

use crate::support::wbot_command;

fn memory_config() -> MemoryConfig {
    let mut config = MemoryConfig::from_resource_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../src-tauri/resources"),
    );
    if let Some(p) = std::env::var_os("ORT_DYLIB_PATH") {
        config.runtime_path = p.into();
    }
    config
}

#[test]
fn acknowledged_memories_survive_sigkill_during_import() {
    let dir = tempfile::tempdir().unwrap();
    let out = wbot_command(dir.path())
        .args(["profiles", "create", "Ana"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let profile: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let pid = profile["id"].as_str().unwrap().to_string();

    let mut child = wbot_command(dir.path())
        .args(["memory", "import", "--profile", &pid])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        for i in 0..20_000 {
            let line = format!(
                "Memory number {i}: on day {} I felt {} after {}.\n",
                i % 31,
                ["calm", "tired", "hopeful", "restless"][i % 4],
                ["a walk", "work", "a call with mum", "yoga"][i % 4]
            );
            if stdin.write_all(line.as_bytes()).is_err() {
                return; // the process is gone
            }
        }
    });

    // Kill it once a few batches are acknowledged, then collect every line it printed before dying.
    let mut acknowledged = Vec::new();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    while acknowledged.len() < 150 {
        line.clear();
        assert!(
            reader.read_line(&mut line).unwrap() > 0,
            "import ended early"
        );
        let m: serde_json::Value = serde_json::from_str(&line).unwrap();
        acknowledged.push(m["id"].as_str().unwrap().to_string());
    }
    child.kill().unwrap(); // SIGKILL on Unix
    let status = child.wait().unwrap();
    assert!(!status.success());
    for line in reader.lines() {
        let Ok(line) = line else { break };
        // A line cut by the kill was never acknowledged.
        if let Ok(m) = serde_json::from_str::<serde_json::Value>(&line) {
            acknowledged.push(m["id"].as_str().unwrap().to_string());
        }
    }
    let _ = writer.join();

    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let core = Core::open(dir.path()).await.unwrap();
        core.memory().configure(memory_config()).await;
        for id in &acknowledged {
            core.memory()
                .get_memory(&pid.parse().unwrap(), &id.parse().unwrap())
                .await
                .unwrap_or_else(|e| panic!("acknowledged memory {id} lost: {e}"));
        }
        let pid: ProfileId = pid.parse().unwrap();
        let status = core.memory().memory_status(&pid).await.unwrap();
        eprintln!(
            "after the kill: {} acknowledged, status {status:?}",
            acknowledged.len()
        );
        assert!(status.count as usize >= acknowledged.len());
        assert_eq!(
            status.indexed, status.count,
            "index agrees with SQLite: {status:?}"
        );
        assert_eq!(status.pending_embeddings, 0);
        assert!(matches!(
            status.last_check,
            Some(IndexCheck::Loaded | IndexCheck::Stale | IndexCheck::Missing)
        ));
        let hits = core
            .memory()
            .search_memories(
                &pid,
                "Memory number 7: on day 7 I felt restless after yoga.",
                SearchOptions::default(),
            )
            .await
            .unwrap();
        assert!(!hits.is_empty());
        core.memory().flush().await.unwrap();
        core.close().await;
    });

    // And the CLI itself sees the same store afterwards.
    let out = wbot_command(dir.path())
        .args(["memory", "status", "--profile", &pid])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let status: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(status["lastCheck"], "loaded");
    assert_eq!(status["indexed"], status["count"]);
}
