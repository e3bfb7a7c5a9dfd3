//! `wbot meditation` end to end: the real binary imports sessions with their timer settings, lists
//! them newest first, deletes one, and refuses bad lines and bad timer settings before anything runs.

use crate::support::{create_profile, failure, ok};

#[test]
fn meditations_can_be_imported_listed_and_bad_timers_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let profile = create_profile(d, "Ana");
    let p = profile.as_str();
    let lines = concat!(
        r#"{"plannedMs":600000,"durationMs":600000,"completed":true,"startedAt":"2026-11-20T08:00:00+01:00","endedAt":"2026-11-20T08:10:00+01:00","moodBefore":2,"moodAfter":4}"#,
        "\n",
        r#"{"plannedMs":1200000,"intervalMs":300000,"ambient":"forest","binaural":"theta","durationMs":300000,"completed":false,"startedAt":"2026-11-21T21:00:00Z","endedAt":"2026-11-21T21:06:00Z","moodBefore":null,"moodAfter":3}"#,
        "\n",
    );
    let saved = ok(d, &["meditation", "import", "--profile", p], lines);
    assert_eq!(saved.len(), 2);
    assert_eq!(saved[0]["startedAt"], "2026-11-20T07:00:00Z");
    let history = ok(d, &["meditation", "history", "--profile", p], "");
    let got: Vec<(&str, &str)> = history
        .iter()
        .map(|s| {
            (
                s["ambient"].as_str().unwrap_or("none"),
                s["binaural"].as_str().unwrap_or("none"),
            )
        })
        .collect();
    assert_eq!(got, [("forest", "theta"), ("none", "none")], "newest first");
    assert_eq!(history[0]["intervalMs"], 300_000);
    assert_eq!(history[1]["moodAfter"], 4);

    let err = failure(
        d,
        &["meditation", "import", "--profile", p],
        r#"{"plannedMs":600000,"intervalMs":10000,"durationMs":60000,"completed":false,"startedAt":"2026-11-22T08:00:00Z","endedAt":"2026-11-22T08:10:00Z"}"#,
    );
    assert_eq!(err["params"]["subject"], "bell_interval");
    for (args, reason, subject) in [
        (["--minutes", "0"], "out_of_range", "meditation_length"),
        (["--minutes", "181"], "out_of_range", "meditation_length"),
    ] {
        let mut all = vec!["meditation", "run", "--profile", p];
        all.extend(args);
        let err = failure(d, &all, "");
        assert_eq!(
            (err["reason"].as_str(), err["params"]["subject"].as_str()),
            (Some(reason), Some(subject))
        );
    }
    let err = failure(
        d,
        &[
            "meditation",
            "run",
            "--profile",
            p,
            "--minutes",
            "5",
            "--ambient",
            "thunder",
        ],
        "",
    );
    assert_eq!(err["reason"], "invalid_value");
    assert_eq!(
        ok(d, &["meditation", "history", "--profile", p], "").len(),
        2,
        "nothing more was saved"
    );

    let id = history[0]["id"].as_str().expect("id");
    ok(d, &["meditation", "delete", "--profile", p, id], "");
    let err = failure(d, &["meditation", "delete", "--profile", p, id], "");
    assert_eq!(err["code"], "not_found");
    assert_eq!(
        ok(d, &["meditation", "history", "--profile", p], "").len(),
        1
    );
}

#[test]
fn guided_tracks_can_be_imported_listed_and_deleted_and_bad_files_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let profile = create_profile(d, "Ana");
    let p = profile.as_str();
    let wav = d.join("Body scan.wav");
    let second: Vec<f32> = (0..48_000 * 2)
        .map(|i| ((i / 2) as f32 * 0.01).sin() * 0.3)
        .collect();
    wbot_core::audio::write_wav(&wav, &second, 48_000).expect("wav");
    let wav = wav.to_string_lossy().into_owned();

    let lines = ok(
        d,
        &[
            "meditation",
            "import-track",
            "--profile",
            p,
            "--kind",
            "body_scan",
            &wav,
        ],
        "",
    );
    let (track, progress) = lines.split_last().expect("lines");
    assert_eq!(
        progress.last().map(|p| &p["done"]),
        Some(&serde_json::json!(100))
    );
    assert_eq!(track["title"], "Body scan");
    assert_eq!(track["durationMs"], 1_000);
    let listed = ok(d, &["meditation", "tracks", "--profile", p], "");
    assert_eq!(listed.as_slice(), std::slice::from_ref(track));

    let text = d.join("words.wav");
    std::fs::write(&text, "not sound at all").expect("text");
    let err = failure(
        d,
        &[
            "meditation",
            "import-track",
            "--profile",
            p,
            "--kind",
            "sleep",
            &text.to_string_lossy(),
        ],
        "",
    );
    assert_eq!(
        (err["reason"].as_str(), err["params"]["subject"].as_str()),
        (Some("not_audio"), Some("track_file"))
    );
    let err = failure(
        d,
        &[
            "meditation",
            "import-track",
            "--profile",
            p,
            "--kind",
            "nap",
            &wav,
        ],
        "",
    );
    assert_eq!(err["reason"], "invalid_value");

    let id = track["id"].as_str().expect("id");
    ok(d, &["meditation", "delete-track", "--profile", p, id], "");
    assert!(ok(d, &["meditation", "tracks", "--profile", p], "").is_empty());
}

#[test]
fn series_are_listed_and_a_day_before_its_turn_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let profile = create_profile(d, "Ana");
    let p = profile.as_str();
    let series = ok(d, &["meditation", "series", "--profile", p], "");
    let got: Vec<(&str, usize, usize)> = series
        .iter()
        .map(|s| {
            let days = s["days"].as_array().expect("days");
            let open = days.iter().filter(|d| d["open"] == true).count();
            (s["id"].as_str().unwrap_or(""), days.len(), open)
        })
        .collect();
    assert_eq!(got, [("seven_day_calm", 7, 1), ("sleep_better", 5, 1)]);
    for (series, day, reason, subject) in [
        ("sleep_better", "3", "series_day_locked", "series_day"),
        ("sleep_better", "6", "out_of_range", "series_day"),
        ("seven_days", "1", "invalid_value", "meditation_series"),
    ] {
        let err = failure(
            d,
            &[
                "meditation",
                "series-day",
                "--profile",
                p,
                "--series",
                series,
                "--day",
                day,
                "--title",
                "Night",
            ],
            "",
        );
        assert_eq!(
            (err["reason"].as_str(), err["params"]["subject"].as_str()),
            (Some(reason), Some(subject))
        );
    }
}
