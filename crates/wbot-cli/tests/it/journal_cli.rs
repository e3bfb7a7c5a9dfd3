//! `wbot journal` and `wbot mood` end to end: the real binary on a real data dir, with the real model.

use crate::support::{create_profile, failure, ok};

#[test]
fn the_journal_and_mood_can_be_scripted_and_imported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let profile = create_profile(d, "Ana");
    let p = profile.as_str();

    let added = ok(
        d,
        &[
            "journal",
            "add",
            "--profile",
            p,
            "--category",
            "gratitude",
            "--prompt",
            "Three good things",
            "--mood-before",
            "2",
            "--mood-after",
            "4",
            "The tea, the sun, a call from Sam.",
        ],
        "",
    );
    assert_eq!(added[0]["category"], "gratitude");
    assert_eq!(added[0]["moodAfter"], 4);
    let id = added[0]["id"].as_str().expect("id").to_string();

    let imported = ok(
        d,
        &["journal", "import", "--profile", p],
        "{\"text\":\"Nobody invited me to the party.\",\"writingMs\":60000}\n\n\
         {\"text\":\"Presupuesto trimestral otra vez.\",\"writingMs\":1000}\n",
    );
    assert_eq!(imported.len(), 2);
    // A bad line stops the import with its number; what came before is saved.
    let err = failure(
        d,
        &["journal", "import", "--profile", p],
        "{\"text\":\"Walked the dog before work.\",\"writingMs\":0}\n{\"text\":\"\",\"writingMs\":0}\n",
    );
    assert_eq!(
        (err["reason"].as_str(), err["params"]["item"].as_u64()),
        (Some("empty"), Some(2))
    );

    assert_eq!(ok(d, &["journal", "list", "--profile", p], "").len(), 4);
    let found = ok(d, &["journal", "search", "--profile", p, "invited"], "");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["entry"]["text"], "Nobody invited me to the party.");
    let by_meaning = ok(
        d,
        &[
            "journal",
            "search",
            "--profile",
            p,
            "--by",
            "meaning",
            "--limit",
            "1",
            "nobody wanted me there",
        ],
        "",
    );
    assert_eq!(
        by_meaning[0]["entry"]["text"],
        "Nobody invited me to the party."
    );
    assert!(by_meaning[0]["similarity"].as_f64().is_some());
    assert_eq!(
        ok(d, &["journal", "show", "--profile", p, &id], "")[0]["id"],
        id.as_str()
    );
    ok(d, &["journal", "delete", "--profile", p, &id], "");
    assert_eq!(
        failure(d, &["journal", "show", "--profile", p, &id], "")["code"],
        "not_found"
    );

    ok(
        d,
        &[
            "mood",
            "add",
            "--profile",
            p,
            "--mood",
            "3",
            "--emotion",
            "calm",
            "--at",
            "2026-03-01T09:00:00Z",
        ],
        "",
    );
    let listed = ok(d, &["mood", "list", "--profile", p], "");
    assert_eq!(
        listed.len(),
        1,
        "the standalone check-in only: the deleted entry's moods went with it"
    );
    let trend = ok(
        d,
        &[
            "mood",
            "trend",
            "--profile",
            p,
            "--from",
            "2026-02-28",
            "--to",
            "2026-03-01",
            "--utc-offset",
            "-60",
        ],
        "",
    );
    assert_eq!(trend[0]["days"][1]["checkins"], 1);

    for (args, reason) in [
        (
            vec!["mood", "add", "--profile", p, "--mood", "0"],
            "out_of_range",
        ),
        (
            vec![
                "mood",
                "add",
                "--profile",
                p,
                "--mood",
                "3",
                "--emotion",
                "glum",
            ],
            "invalid_value",
        ),
        (
            vec![
                "mood",
                "trend",
                "--profile",
                p,
                "--from",
                "2026-03-02",
                "--to",
                "2026-03-01",
            ],
            "end_before_start",
        ),
        (
            vec![
                "journal",
                "add",
                "--profile",
                p,
                "--category",
                "gratitude",
                "no prompt",
            ],
            "category_and_prompt",
        ),
    ] {
        assert_eq!(failure(d, &args, "")["reason"], reason, "{args:?}");
    }
}
