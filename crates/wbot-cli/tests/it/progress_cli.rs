//! `wbot breathing import` and `wbot progress` end to end: sessions imported on three days of the person's
//! calendar make a streak, a weekly goal and badges; effectiveness says what helped; bad lines are named.

use crate::support::{create_profile, failure, ok};

fn session(start: &str, end: &str, completed: bool, moods: (u8, u8)) -> String {
    serde_json::json!({
        "config": {"technique": "box"},
        "startedAt": start,
        "endedAt": end,
        "completed": completed,
        "stoppedAt": null,
        "rounds": [],
        "durationMs": 60000,
        "moodBefore": moods.0,
        "moodAfter": moods.1,
    })
    .to_string()
}

#[test]
fn imported_sessions_make_a_streak_and_say_what_helped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let profile = create_profile(d, "Ana");
    let p = profile.as_str();
    let lines = [
        session(
            "2026-11-25T22:30:00-05:00",
            "2026-11-25T22:31:00-05:00",
            true,
            (2, 4),
        ),
        session(
            "2026-11-26T08:00:00+01:00",
            "2026-11-26T08:01:00+01:00",
            true,
            (3, 4),
        ),
        "".to_string(),
        session(
            "2026-11-27T08:00:00+01:00",
            "2026-11-27T08:01:00+01:00",
            true,
            (2, 3),
        ),
    ];
    let saved = ok(
        d,
        &["breathing", "import", "--profile", p],
        &lines.join("\n"),
    );
    assert_eq!(saved.len(), 3);
    assert_eq!(
        saved[0]["startedAt"], "2026-11-26T03:30:00Z",
        "stored in UTC"
    );

    let shown = ok(
        d,
        &["progress", "show", "--profile", p, "--today", "2026-11-27"],
        "",
    );
    let progress = &shown[0];
    assert_eq!(progress["streak"]["current"], 3, "{progress}");
    assert_eq!(
        progress["activeDays"],
        serde_json::json!(["2026-11-25", "2026-11-26", "2026-11-27"])
    );
    assert_eq!(progress["weeklyGoal"]["activeDays"], 3);
    let first_breath = progress["badges"]
        .as_array()
        .expect("badges")
        .iter()
        .find(|b| b["code"] == "first_breath")
        .expect("first breath")
        .clone();
    assert_eq!(first_breath["earnedOn"], "2026-11-25");

    let helped = ok(d, &["progress", "effectiveness", "--profile", p], "");
    assert_eq!(helped.len(), 1);
    assert_eq!(
        (helped[0]["kind"].as_str(), helped[0]["improved"].as_u64()),
        (Some("box"), Some(3))
    );
    assert_eq!(helped[0]["recommended"], true);

    // A bad line is named and stops the import; the lines before it are kept.
    let bad = [
        session(
            "2026-11-28T08:00:00+01:00",
            "2026-11-28T08:01:00+01:00",
            true,
            (3, 3),
        ),
        session(
            "2026-11-28T09:00:00+01:00",
            "2026-11-28T08:00:00+01:00",
            true,
            (3, 3),
        ),
    ];
    let err = failure(d, &["breathing", "import", "--profile", p], &bad.join("\n"));
    assert_eq!(
        (&err["reason"], &err["params"]["item"]),
        (
            &serde_json::json!("end_before_start"),
            &serde_json::json!(2)
        )
    );
    let err = failure(
        d,
        &["breathing", "import", "--profile", p],
        "{\"config\": 1}",
    );
    assert_eq!(err["reason"], "invalid_input");
    assert_eq!(err["params"]["item"], 1);
    let history = ok(d, &["breathing", "history", "--profile", p], "");
    assert_eq!(history.len(), 4);
    let err = failure(
        d,
        &["progress", "show", "--profile", p, "--today", "28/11/2026"],
        "",
    );
    assert_eq!(
        (&err["reason"], &err["params"]["subject"]),
        (
            &serde_json::json!("invalid_format"),
            &serde_json::json!("date")
        )
    );
}
