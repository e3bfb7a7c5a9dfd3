//! Shared by the CLI's tests.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// Each line of the output as JSON.
pub fn json_lines(bytes: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(bytes)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

/// The `wbot` binary on a data directory, to be given its arguments.
pub fn wbot_command(data_dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_wbot"));
    cmd.arg("--data-dir").arg(data_dir);
    cmd
}

/// Runs `wbot` with `args` on a data directory, `stdin` as its input, until it ends.
pub fn wbot(data_dir: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = wbot_command(data_dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("wbot runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("wbot ends")
}

/// Runs `wbot`, which must succeed; its JSON lines.
pub fn ok(dir: &std::path::Path, args: &[&str], stdin: &str) -> Vec<Value> {
    let out = wbot(dir, args, stdin);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    json_lines(&out.stdout)
}

/// Runs `wbot`, which must fail with one JSON error line on stderr; that error.
pub fn failure(dir: &std::path::Path, args: &[&str], stdin: &str) -> Value {
    let out = wbot(dir, args, stdin);
    assert!(!out.status.success(), "{args:?} should fail");
    let errors = json_lines(&out.stderr);
    assert_eq!(errors.len(), 1, "{}", String::from_utf8_lossy(&out.stderr));
    errors[0].clone()
}

/// Creates a profile named `name` with the neutral answers; its id.
pub fn create_profile(dir: &Path, name: &str) -> String {
    ok(dir, &["profiles", "create", name], "")[0]["id"]
        .as_str()
        .expect("id")
        .to_string()
}
