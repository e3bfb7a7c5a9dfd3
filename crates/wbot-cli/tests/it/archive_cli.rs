//! `wbot export` and `wbot import` end to end: the real binary, a real data folder, the real model.

use crate::support::{create_profile, failure, json_lines, ok, wbot};

#[test]
fn a_profile_exported_imports_as_a_new_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let ana = create_profile(&data, "Ana");
    let p = ana.as_str();
    ok(
        &data,
        &[
            "memory",
            "add",
            "--profile",
            p,
            "My sister Lucía lives in Sevilla",
        ],
        "",
    );
    ok(
        &data,
        &[
            "journal",
            "add",
            "--profile",
            p,
            "--mood-before",
            "2",
            "A long walk helped",
        ],
        "",
    );
    let archive = dir.path().join("ana.zip");
    let file = archive.to_str().expect("path");
    let out = wbot(&data, &["export", "--profile", p, file], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary = &json_lines(&out.stdout)[0];
    assert_eq!(summary["path"], file);
    assert_eq!(
        summary["rows"], 6,
        "profile, settings, onboarding, memory, entry, mood"
    );
    let progress = json_lines(&out.stderr);
    assert!(progress.iter().any(|e| e["job"] == "profile.export"));

    // Into another data folder, as on a new device.
    let other = dir.path().join("other");
    let imported = &ok(&other, &["import", file], "")[0];
    assert_eq!(imported["profile"]["displayName"], "Ana");
    assert_eq!(imported["rows"], 6);
    let copy = imported["profile"]["id"].as_str().expect("id");
    let hits = ok(
        &other,
        &[
            "memory",
            "search",
            "--profile",
            copy,
            "where does my sister live?",
        ],
        "",
    );
    assert_eq!(
        hits[0]["memory"]["text"],
        "My sister Lucía lives in Sevilla"
    );
    let entries = ok(&other, &["journal", "list", "--profile", copy], "");
    assert_eq!(
        entries[0]["entry"]["text"], "A long walk helped",
        "{entries:?}"
    );

    // And next to the original: a second profile, the first untouched.
    ok(&data, &["import", file], "");
    let names: Vec<_> = ok(&data, &["profiles", "list"], "")
        .iter()
        .map(|p| p["displayName"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(names, ["Ana", "Ana"]);
}

#[test]
fn bad_archives_and_paths_exit_non_zero_with_a_typed_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let ana = create_profile(&data, "Ana");
    let not_zip = dir.path().join("notes.zip");
    std::fs::write(&not_zip, "not an archive").expect("write");
    let err = failure(&data, &["import", not_zip.to_str().expect("path")], "");
    assert_eq!(err["reason"], "invalid_format");
    assert_eq!(err["params"]["subject"], "archive");

    let missing = dir.path().join("missing.zip");
    let err = failure(&data, &["import", missing.to_str().expect("path")], "");
    assert_eq!(err["reason"], "file_access");
    assert_eq!(err["params"]["value"], "NotFound");

    let nowhere = dir.path().join("no/folder/a.zip");
    // Progress went to stderr before the error: the error is the last line.
    let out = wbot(
        &data,
        &["export", "--profile", &ana, nowhere.to_str().expect("path")],
        "",
    );
    assert!(!out.status.success());
    let err = json_lines(&out.stderr).pop().expect("an error line");
    assert_eq!(err["reason"], "file_access");
    let err = failure(&data, &["export", "--profile", "nobody", "a.zip"], "");
    assert_eq!(err["reason"], "invalid_format");
    assert_eq!(err["params"]["subject"], "profile");
    assert_eq!(
        ok(&data, &["profiles", "list"], "").len(),
        1,
        "nothing was created"
    );
}
