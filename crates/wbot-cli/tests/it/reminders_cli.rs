//! `wbot reminders` end to end: the real binary keeps a profile's reminders and refuses bad ones.

use crate::support::{create_profile, failure, ok};

#[test]
fn reminders_can_be_scripted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let profile = create_profile(d, "Ana");
    let p = profile.as_str();
    // `wbot reminders add --profile <p>` and then `rest`.
    let add = |rest: &[&'static str]| {
        let mut args = vec!["reminders", "add", "--profile", p];
        args.extend_from_slice(rest);
        args
    };
    let every_day = ok(d, &add(&["--kind", "checkin", "--time", "08:30"]), "");
    assert_eq!(every_day[0]["days"].as_array().map(Vec::len), Some(7));
    let weekdays = ok(
        d,
        &add(&[
            "--kind", "practice", "--time", "21:00", "--day", "fri", "--day", "mon", "--off",
        ]),
        "",
    );
    assert_eq!(weekdays[0]["days"], serde_json::json!(["mon", "fri"]));
    assert_eq!(weekdays[0]["enabled"], false);
    assert_eq!(ok(d, &["reminders", "list", "--profile", p], "").len(), 2);

    let err = failure(d, &add(&["--kind", "checkin", "--time", "8:30"]), "");
    assert_eq!(err["reason"], "invalid_format");
    assert_eq!(err["params"]["subject"], "reminder_time");
    let err = failure(d, &add(&["--kind", "nap", "--time", "08:30"]), "");
    assert_eq!(err["reason"], "invalid_value");
    let err = failure(
        d,
        &add(&["--kind", "checkin", "--time", "08:30", "--day", "someday"]),
        "",
    );
    assert_eq!(err["reason"], "invalid_value");

    let id = every_day[0]["id"].as_str().expect("id");
    ok(d, &["reminders", "delete", "--profile", p, id], "");
    assert_eq!(ok(d, &["reminders", "list", "--profile", p], "").len(), 1);
    let err = failure(d, &["reminders", "delete", "--profile", p, id], "");
    assert_eq!(err["code"], "not_found");
}
