//! A hard kill while a draft is being written (`wbot journal draft`, which saves the draft after each line
//! as the editor does every couple of seconds): after reopening, the draft holds at least every line whose
//! save was acknowledged. With the editor saving at most 2 s after the last keystroke, a crash loses at most
//! those 2 s of typing (the UI's debounce is tested in the Journal page's component tests).
#![allow(clippy::unwrap_used)] // a failing test should panic

use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;

use crate::support::wbot_command;

#[test]
fn acknowledged_draft_text_survives_sigkill() {
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
        .args(["journal", "draft", "--profile", &pid])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        for i in 0..100_000 {
            if stdin
                .write_all(format!("line {i} of what I am writing\n").as_bytes())
                .is_err()
            {
                return; // the process is gone
            }
        }
    });

    // Kill it after a few hundred acknowledged saves; keep the longest acknowledged text.
    let mut acknowledged = String::new();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    for _ in 0..300 {
        line.clear();
        assert!(
            reader.read_line(&mut line).unwrap() > 0,
            "the draft ended early"
        );
        let draft: serde_json::Value = serde_json::from_str(&line).unwrap();
        acknowledged = draft["text"].as_str().unwrap().to_string();
    }
    child.kill().unwrap(); // SIGKILL on Unix
    assert!(!child.wait().unwrap().success());
    for line in reader.lines() {
        let Ok(line) = line else { break };
        // A line cut by the kill was never acknowledged.
        if let Ok(draft) = serde_json::from_str::<serde_json::Value>(&line) {
            acknowledged = draft["text"].as_str().unwrap().to_string();
        }
    }
    let _ = writer.join();

    let out = wbot_command(dir.path())
        .args(["journal", "show-draft", "--profile", &pid])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let kept: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let kept = kept["text"].as_str().unwrap();
    assert!(
        kept.starts_with(&acknowledged),
        "the draft lost acknowledged text: kept {} characters, acknowledged {}",
        kept.len(),
        acknowledged.len()
    );
    eprintln!(
        "kept {} characters, {} acknowledged",
        kept.len(),
        acknowledged.len()
    );
}
