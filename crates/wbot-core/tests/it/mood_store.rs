//! Mood check-ins on a real migrated SQLite file: saving, listing, deleting, bad input, another profile's
//! check-ins, the trend on the person's calendar days, and the moods saved before migration 0012 moved
//! into check-ins without loss.
#![allow(clippy::unwrap_used)]

use std::borrow::Cow;

use crate::memory_support::profile;
use sqlx::migrate::Migrator;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::ConnectOptions;
use wbot_core::breathing::{NewBreathingSession, SessionConfig};
use wbot_core::db::{Page, MIGRATOR};
use wbot_core::mood::{DayRange, Emotion, Moment, MoodActivity, NewCheckin};
use wbot_core::{CheckinId, Core, ErrorCode, Reason, Subject};

fn checkin(mood: u8, at: &str) -> NewCheckin {
    NewCheckin {
        mood,
        emotions: vec!["anxious".into(), "tired".into()],
        note: "long day".into(),
        at: Some(at.into()),
    }
}

fn range(from: &str, to: &str, utc_offset_minutes: i16) -> DayRange {
    DayRange {
        from: from.into(),
        to: to.into(),
        utc_offset_minutes,
    }
}

#[tokio::test]
async fn checkins_are_saved_listed_checked_and_private() {
    let dir = tempfile::tempdir().unwrap();
    let core = Core::open(dir.path()).await.unwrap();
    let ana = profile(&core, "Ana").await;
    let ben = profile(&core, "Ben").await;
    let mood = core.mood();

    let saved = mood
        .add_checkin(&ana, checkin(2, "2026-03-01T08:00:00+01:00"))
        .await
        .unwrap();
    assert_eq!(saved.emotions, vec![Emotion::Tired, Emotion::Anxious]);
    assert_eq!(saved.created_at, "2026-03-01T07:00:00Z");
    assert_eq!(saved.activity, None);
    let now = mood
        .add_checkin(
            &ana,
            NewCheckin {
                mood: 5,
                emotions: Vec::new(),
                note: String::new(),
                at: None,
            },
        )
        .await
        .unwrap();
    let listed = mood.list_checkins(&ana, Page::default()).await.unwrap();
    assert_eq!(listed, vec![now.clone(), saved.clone()], "newest first");
    assert!(mood
        .list_checkins(&ben, Page::default())
        .await
        .unwrap()
        .is_empty());

    // Bad input: a clear, typed error, and nothing saved.
    let bad = [
        (
            checkin(0, "2026-03-01T08:00:00Z"),
            Reason::OutOfRange,
            Subject::Mood,
        ),
        (
            checkin(6, "2026-03-01T08:00:00Z"),
            Reason::OutOfRange,
            Subject::Mood,
        ),
        (
            NewCheckin {
                emotions: vec!["glum".into()],
                ..checkin(3, "2026-03-01T08:00:00Z")
            },
            Reason::InvalidValue,
            Subject::Emotion,
        ),
        (
            NewCheckin {
                note: "n".repeat(1_001),
                ..checkin(3, "2026-03-01T08:00:00Z")
            },
            Reason::TooLong,
            Subject::CheckinNote,
        ),
        (
            checkin(3, "yesterday"),
            Reason::InvalidTime,
            Subject::CheckinTime,
        ),
        (
            checkin(3, "2999-01-01T00:00:00Z"),
            Reason::InvalidTime,
            Subject::CheckinTime,
        ),
    ];
    for (input, reason, subject) in bad {
        let err = mood.add_checkin(&ana, input).await.unwrap_err();
        assert_eq!((err.reason, err.params.subject), (reason, Some(subject)));
    }
    assert_eq!(
        mood.list_checkins(&ana, Page::default())
            .await
            .unwrap()
            .len(),
        2
    );

    // Deleting: one's own only.
    assert_eq!(
        mood.delete_checkin(&ben, &saved.id)
            .await
            .unwrap_err()
            .code(),
        ErrorCode::NotFound
    );
    mood.delete_checkin(&ana, &saved.id).await.unwrap();
    assert_eq!(
        mood.delete_checkin(&ana, &CheckinId::new())
            .await
            .unwrap_err()
            .code(),
        ErrorCode::NotFound
    );
    assert_eq!(
        mood.list_checkins(&ana, Page::default()).await.unwrap(),
        vec![now]
    );
    core.close().await;
}

#[tokio::test]
async fn the_trend_follows_local_days_and_marks_activities() {
    let dir = tempfile::tempdir().unwrap();
    let core = Core::open(dir.path()).await.unwrap();
    let ana = profile(&core, "Ana").await;
    let ben = profile(&core, "Ben").await;
    let mood = core.mood();
    // 23:30 UTC on the 1st is the 2nd for someone at UTC+1.
    for (value, at) in [
        (2, "2026-03-01T09:00:00Z"),
        (4, "2026-03-01T20:00:00Z"),
        (1, "2026-03-01T23:30:00Z"),
        (5, "2026-03-03T12:00:00Z"),
    ] {
        mood.add_checkin(&ana, checkin(value, at)).await.unwrap();
    }
    mood.add_checkin(&ben, checkin(1, "2026-03-02T12:00:00Z"))
        .await
        .unwrap();
    // A breathing session on the 2nd with moods 2 → 4: two check-ins linked to it.
    let session = core
        .breathing()
        .save_breathing_session(
            &ana,
            NewBreathingSession {
                config: SessionConfig::Box,
                started_at: "2026-03-02T10:00:00Z".into(),
                ended_at: "2026-03-02T10:02:00Z".into(),
                completed: true,
                stopped_at: None,
                rounds: Vec::new(),
                duration_ms: 120_000,
                mood_before: Some(2),
                mood_after: Some(4),
            },
        )
        .await
        .unwrap();
    let linked: Vec<_> = mood
        .list_checkins(&ana, Page::default())
        .await
        .unwrap()
        .into_iter()
        .filter(|c| c.activity_id.as_deref() == Some(session.id.as_str()))
        .collect();
    assert_eq!(linked.len(), 2);
    assert!(linked
        .iter()
        .all(|c| c.activity == Some(MoodActivity::Breathing)));
    assert!(linked
        .iter()
        .any(|c| c.moment == Some(Moment::Before) && c.mood == 2));

    let trend = mood
        .mood_trend(&ana, &range("2026-03-01", "2026-03-04", 60))
        .await
        .unwrap();
    type Day<'a> = (&'a str, u32, Option<f64>, Option<u8>, Option<u8>);
    let days: Vec<Day> = trend
        .days
        .iter()
        .map(|d| (d.date.as_str(), d.checkins, d.average, d.lowest, d.highest))
        .collect();
    assert_eq!(
        days,
        vec![
            ("2026-03-01", 2, Some(3.0), Some(2), Some(4)),
            ("2026-03-02", 3, Some(7.0 / 3.0), Some(1), Some(4)),
            ("2026-03-03", 1, Some(5.0), Some(5), Some(5)),
            ("2026-03-04", 0, None, None, None),
        ]
    );
    assert_eq!(trend.days[1].activities.len(), 1);
    assert_eq!(
        trend.days[1].activities[0].activity,
        MoodActivity::Breathing
    );
    assert_eq!(trend.changes.len(), 1);
    assert_eq!((trend.changes[0].rated, trend.changes[0].improved), (1, 1));
    assert_eq!(trend.changes[0].average_change, 2.0);

    // In UTC the late check-in stays on the 1st.
    let utc = mood
        .mood_trend(&ana, &range("2026-03-01", "2026-03-01", 0))
        .await
        .unwrap();
    assert_eq!(utc.days[0].checkins, 3);

    // Bad ranges.
    for (bad, reason, subject) in [
        (
            range("2026-03-04", "2026-03-01", 0),
            Reason::EndBeforeStart,
            Subject::DateRange,
        ),
        (
            range("2026-03-01", "2027-03-03", 0),
            Reason::OutOfRange,
            Subject::DateRange,
        ),
        (
            range("March", "2026-03-03", 0),
            Reason::InvalidFormat,
            Subject::Date,
        ),
        (
            range("2026-03-01", "2026-03-03", 901),
            Reason::OutOfRange,
            Subject::UtcOffset,
        ),
    ] {
        let err = mood.mood_trend(&ana, &bad).await.unwrap_err();
        assert_eq!((err.reason, err.params.subject), (reason, Some(subject)));
    }

    // Deleting the session deletes its moods.
    core.breathing()
        .delete_breathing_session(&ana, &session.id)
        .await
        .unwrap();
    let after = mood
        .mood_trend(&ana, &range("2026-03-02", "2026-03-02", 60))
        .await
        .unwrap();
    assert_eq!(after.days[0].checkins, 1);
    assert!(after.changes.is_empty());
    core.close().await;
}

#[tokio::test]
async fn moods_saved_before_check_ins_existed_become_check_ins() {
    let dir = tempfile::tempdir().unwrap();
    // The database as the release before migration 0012 left it, with moods on three kinds of rows.
    let before = Migrator {
        migrations: Cow::Owned(MIGRATOR.migrations[..11].to_vec()),
        ..Migrator::DEFAULT
    };
    let mut conn = SqliteConnectOptions::new()
        .filename(dir.path().join(wbot_core::db::DB_FILE))
        .create_if_missing(true)
        .connect()
        .await
        .unwrap();
    before.run(&mut conn).await.unwrap();
    let profile = "6f9619ff-8b86-4011-b42d-00c04fc964ff";
    for sql in [
        format!(
            "INSERT INTO profiles (id, display_name, created_at)
             VALUES ('{profile}', 'Ana', '2026-01-01T00:00:00Z')"
        ),
        format!(
            "INSERT INTO breathing_sessions (id, profile_id, technique, settings, started_at, ended_at,
               completed, rounds, mood_before, mood_after, duration_ms)
             VALUES ('b1', '{profile}', 'box', '{{}}', '2026-01-02T10:00:00Z', '2026-01-02T10:05:00Z',
               1, '[]', 2, 4, 300000)"
        ),
        format!(
            "INSERT INTO meditation_sessions (id, profile_id, kind, planned_ms, duration_ms, completed,
               started_at, ended_at, mood_before, mood_after)
             VALUES ('m1', '{profile}', 'silent', 600000, 600000, 1, '2026-01-03T10:00:00Z',
               '2026-01-03T10:10:00Z', NULL, 3)"
        ),
        format!(
            "INSERT INTO journal_entries (id, profile_id, category, prompt, text, word_count, writing_ms,
               mood_before, mood_after, created_at, updated_at)
             VALUES ('j1', '{profile}', 'growth', 'What did you learn?', 'Patience.', 1, 1000, 1, 2,
               '2026-01-04T10:00:00Z', '2026-01-04T10:00:00Z')"
        ),
    ] {
        sqlx::query(&sql).execute(&mut conn).await.unwrap();
    }
    drop(conn);

    let core = Core::open(dir.path()).await.unwrap();
    let rows: Vec<(String, String, u8, String, String)> = sqlx::query_as(
        "SELECT id, activity_id, mood, moment, created_at FROM mood_checkins ORDER BY created_at",
    )
    .fetch_all(core.db().reader())
    .await
    .unwrap();
    let moved: Vec<(&str, u8, &str, &str)> = rows
        .iter()
        .map(|(_, a, m, w, t)| (a.as_str(), *m, w.as_str(), t.as_str()))
        .collect();
    assert_eq!(
        moved,
        vec![
            ("b1", 2, "before", "2026-01-02T10:00:00Z"),
            ("b1", 4, "after", "2026-01-02T10:05:00Z"),
            ("m1", 3, "after", "2026-01-03T10:10:00Z"),
            ("j1", 1, "before", "2026-01-04T10:00:00Z"),
            ("j1", 2, "after", "2026-01-04T10:00:00Z"),
        ]
    );
    for (id, ..) in &rows {
        CheckinId::parse(id).unwrap();
    }
    let ids: std::collections::HashSet<&String> = rows.iter().map(|r| &r.0).collect();
    assert_eq!(ids.len(), rows.len(), "each moved mood has its own id");
    // The journal entry is still there, found by its words, with its moods.
    let ana = wbot_core::ProfileId::parse(profile).unwrap();
    let entries = core
        .journal()
        .list_journal_entries(
            &ana,
            wbot_core::journal::JournalFilter {
                search: Some("patience".into()),
                ..Default::default()
            },
            Page::default(),
        )
        .await
        .unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(
        (entries[0].entry.mood_before, entries[0].entry.mood_after),
        (Some(1), Some(2))
    );
    core.close().await;
}
