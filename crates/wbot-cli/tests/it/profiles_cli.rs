//! `wbot profiles` end to end: the real binary on a real data dir.

use crate::support::{create_profile, failure, json_lines, ok, wbot};

#[test]
fn create_then_list() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = wbot(dir.path(), &["profiles", "create", "Ana"], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let created = json_lines(&out.stdout);
    assert_eq!(created.len(), 1);
    assert_eq!(created[0]["displayName"], "Ana");

    let answers = r#"{"currentFeeling":"low","primaryGoal":"improve_sleep","challenges":["sleep"],"communicationStyle":"direct","supportType":"guidance","preferredActivities":[],"experienceLevel":"some","sessionLength":"medium","contraindications":["epilepsy"]}"#;
    let out = wbot(
        dir.path(),
        &["profiles", "create", "Ben", "--onboarding", answers],
        "",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let listed = json_lines(&wbot(dir.path(), &["profiles", "list"], "").stdout);
    let names: Vec<_> = listed
        .iter()
        .map(|p| p["displayName"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(names, ["Ana", "Ben"]);
}

#[test]
fn bad_input_exits_non_zero_with_a_typed_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    for args in [
        vec!["profiles", "create", "  "],
        vec![
            "profiles",
            "create",
            "Ana",
            "--onboarding",
            r#"{"currentFeeling":"sideways"}"#,
        ],
    ] {
        let out = wbot(dir.path(), &args, "");
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = json_lines(&out.stderr);
        assert_eq!(err[0]["code"], "validation", "{args:?}: {err:?}");
    }
    assert!(
        wbot(dir.path(), &["profiles", "list"], "")
            .stdout
            .is_empty(),
        "nothing was saved"
    );
}

/// One process at a time writes a data folder: while another holds it (here this test, as the app
/// would), the CLI refuses with `data_in_use` and the holder's process id, and writes nothing.
#[test]
fn a_folder_another_process_has_open_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let core = rt
        .block_on(wbot_core::Core::open(dir.path()))
        .expect("open");
    let out = wbot(dir.path(), &["profiles", "create", "Ana"], "");
    assert_eq!(out.status.code(), Some(1));
    let err = json_lines(&out.stderr);
    assert_eq!(err[0]["code"], "conflict", "{err:?}");
    assert_eq!(err[0]["reason"], "data_in_use", "{err:?}");
    assert_eq!(err[0]["params"]["value"], std::process::id().to_string());
    rt.block_on(core.close());
    let out = wbot(dir.path(), &["profiles", "list"], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty(), "nothing was saved");
}

#[test]
fn a_profile_is_renamed_and_a_blank_name_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let profile = create_profile(d, "Ana");
    let renamed = ok(
        d,
        &["profiles", "rename", "--profile", &profile, "Ana María"],
        "",
    );
    assert_eq!(renamed[0]["displayName"], "Ana María");
    let err = failure(d, &["profiles", "rename", "--profile", &profile, "  "], "");
    assert_eq!(err["reason"], "empty");
    assert_eq!(err["params"]["subject"], "display_name");
    let listed = ok(d, &["profiles", "list"], "");
    assert_eq!(listed[0]["displayName"], "Ana María");
}

/// Runs `wbot` with these PIN variables set (and no others); its output.
fn with_pins(dir: &std::path::Path, pins: &[(&str, &str)], args: &[&str]) -> std::process::Output {
    let mut cmd = crate::support::wbot_command(dir);
    cmd.env_remove("WBOT_PIN").env_remove("WBOT_NEW_PIN");
    for (name, value) in pins {
        cmd.env(name, value);
    }
    cmd.args(args).output().expect("wbot runs")
}

#[test]
fn a_locked_profile_needs_its_pin_from_the_environment() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ana = create_profile(dir.path(), "Ana");
    ok(
        dir.path(),
        &["journal", "add", "--profile", &ana, "A private thought"],
        "",
    );
    let out = with_pins(
        dir.path(),
        &[("WBOT_NEW_PIN", "2468")],
        &["profiles", "set-pin", "--profile", &ana],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(json_lines(&out.stdout)[0]["hasPin"], true);

    // Each run starts locked.
    let listed = ok(dir.path(), &["profiles", "list"], "");
    assert_eq!(listed[0]["locked"], true);
    let err = failure(dir.path(), &["journal", "list", "--profile", &ana], "");
    assert_eq!(err["reason"], "profile_locked");
    for (pins, reason) in [(vec![], "empty"), (vec![("WBOT_PIN", "1357")], "wrong_pin")] {
        let out = with_pins(
            dir.path(),
            &pins,
            &["--unlock", &ana, "journal", "list", "--profile", &ana],
        );
        assert!(!out.status.success());
        assert_eq!(json_lines(&out.stderr)[0]["reason"], reason);
        assert!(out.stdout.is_empty(), "nothing of the profile was printed");
    }
    let out = with_pins(
        dir.path(),
        &[("WBOT_PIN", "2468")],
        &["--unlock", &ana, "journal", "list", "--profile", &ana],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        json_lines(&out.stdout)[0]["entry"]["text"],
        "A private thought"
    );

    let out = with_pins(
        dir.path(),
        &[("WBOT_PIN", "2468")],
        &["profiles", "remove-pin", "--profile", &ana],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    ok(dir.path(), &["journal", "list", "--profile", &ana], "");
}
