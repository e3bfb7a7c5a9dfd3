//! `wbot wellness` end to end: the real binary learns a profile's baseline from check-ins, keeps notes and
//! removals, pauses, resets, and refuses bad input.

use crate::support::{create_profile, failure, ok};

#[test]
fn the_wellness_profile_can_be_scripted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let profile = create_profile(d, "Ana");
    let p = profile.as_str();
    for mood in ["2", "3", "2"] {
        ok(
            d,
            &[
                "mood",
                "add",
                "--profile",
                p,
                "--mood",
                mood,
                "--emotion",
                "anxious",
            ],
            "",
        );
    }
    assert!(ok(d, &["wellness", "show", "--profile", p], "").is_empty());
    let items = ok(d, &["wellness", "learn", "--profile", p], "");
    let codes: Vec<&str> = items.iter().filter_map(|i| i["code"].as_str()).collect();
    assert_eq!(codes, ["anxious", "mood"], "{items:?}");
    let mood = &items[1];
    assert_eq!(mood["value"], 2.3);
    assert_eq!(mood["sources"]["checkins"], 3);

    let id = mood["id"].as_str().expect("id");
    let noted = ok(
        d,
        &["wellness", "note", "--profile", p, id, "worse on Mondays"],
        "",
    );
    assert_eq!(noted[0]["note"], "worse on Mondays");
    let err = failure(
        d,
        &["wellness", "note", "--profile", p, id, &"x".repeat(201)],
        "",
    );
    assert_eq!(err["reason"], "too_long");
    assert_eq!(err["params"]["subject"], "wellness_note");

    let anxious = items[0]["id"].as_str().expect("id");
    ok(d, &["wellness", "remove", "--profile", p, anxious], "");
    let err = failure(d, &["wellness", "remove", "--profile", p, anxious], "");
    assert_eq!(err["code"], "not_found");
    let err = failure(d, &["wellness", "remove", "--profile", p, "nope"], "");
    assert_eq!(err["reason"], "invalid_format");
    assert_eq!(
        ok(d, &["wellness", "learn", "--profile", p], "").len(),
        1,
        "removed stays removed"
    );

    ok(d, &["wellness", "pause", "--profile", p], "");
    ok(
        d,
        &[
            "mood",
            "add",
            "--profile",
            p,
            "--mood",
            "5",
            "--emotion",
            "calm",
        ],
        "",
    );
    let paused = ok(d, &["wellness", "learn", "--profile", p], "");
    assert_eq!(paused[0]["value"], 2.3, "paused: nothing learned");
    ok(d, &["wellness", "resume", "--profile", p], "");

    ok(d, &["wellness", "reset", "--profile", p], "");
    assert!(ok(d, &["wellness", "learn", "--profile", p], "").is_empty());
}
