//! `wbot classify` and `wbot judge` end to end: the real binary, the real model, a real data dir.

use crate::support::{json_lines, wbot};

#[test]
fn classify_reports_every_layer_over_one_conversation() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = wbot(
        dir.path(),
        &["classify"],
        "I want to kill myself\n\nCan we do a breathing exercise? I'm so stressed\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 2, "blank lines are skipped");
    assert_eq!(lines[0]["crisis"]["layer"], "pattern");
    assert_eq!(lines[0]["layers"]["pattern"], "kill~ myself");
    assert!(lines[0]["layers"]["semantic"].as_f64().expect("a score") > 0.5);
    for key in ["pattern", "semantic", "semanticCategory", "conversation"] {
        assert!(
            lines[1]["layers"].get(key).is_some(),
            "{key} in {}",
            lines[1]
        );
    }
    assert_eq!(lines[1]["activity"]["activity"], "breathing");
    assert_eq!(lines[1]["activity"]["propose"], true);
}

#[test]
fn judge_refuses_a_bad_split_and_a_missing_data_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = wbot(dir.path(), &["judge", "eval", "--split", "everything"], "");
    assert!(!out.status.success());
    let err = json_lines(&out.stderr);
    assert_eq!(err[0]["code"], "validation");
    assert_eq!(err[0]["reason"], "invalid_input");
    assert!(err[0]["detail"]
        .as_str()
        .expect("a detail")
        .contains("--split"));

    let missing = dir.path().join("no-such-folder");
    let out = wbot(
        dir.path(),
        &["judge", "eval", "--data", missing.to_str().expect("utf-8")],
        "",
    );
    assert!(!out.status.success());
    assert_eq!(json_lines(&out.stderr)[0]["code"], "validation");
}
