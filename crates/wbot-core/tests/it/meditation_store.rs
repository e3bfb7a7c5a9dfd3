//! Saved silent meditations on a real migrated database file, and their chat summary.

use crate::memory_support::profile;
use wbot_core::chat::{Activity, ActivityResult, MessageRole};
use wbot_core::db::Page;
use wbot_core::meditation::{MeditationKind, NewMeditationSession, TimerConfig};
use wbot_core::{Core, ErrorCode, MeditationSessionId, ProfileId};

fn session(planned_ms: u32, duration_ms: u32, completed: bool) -> NewMeditationSession {
    NewMeditationSession {
        config: TimerConfig {
            planned_ms,
            interval_ms: None,
            ambient: None,
            binaural: None,
        },
        duration_ms,
        completed,
        started_at: "2026-11-25T11:00:00+01:00".into(),
        ended_at: "2026-11-25T11:20:00+01:00".into(),
        mood_before: Some(2),
        mood_after: Some(4),
    }
}

#[tokio::test]
async fn sessions_round_trip_newest_first_and_survive_reopen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let core = Core::open(dir.path()).await.expect("open");
    let ada = profile(&core, "Ada").await;

    let done = core
        .meditation()
        .save_meditation_session(&ada, session(600_000, 600_400, true))
        .await
        .expect("save complete");
    assert_eq!(done.kind, MeditationKind::Silent);
    assert_eq!(done.started_at, "2026-11-25T10:00:00Z");
    assert_eq!(done.ended_at, "2026-11-25T10:20:00Z");

    let mut later = session(300_000, 95_000, false);
    later.started_at = "2026-11-26T08:00:00Z".into();
    later.ended_at = "2026-11-26T08:02:00Z".into();
    later.mood_after = None;
    let early = core
        .meditation()
        .save_meditation_session(&ada, later)
        .await
        .expect("save early");

    let list = core
        .meditation()
        .meditation_history(&ada, Page::default())
        .await
        .expect("list")
        .items;
    assert_eq!(list, vec![early.clone(), done.clone()]);
    assert_eq!(
        core.meditation()
            .meditation_session(&ada, &done.id)
            .await
            .expect("get"),
        done
    );
    core.close().await;

    let core = Core::open(dir.path()).await.expect("reopen");
    let again = core
        .meditation()
        .meditation_session(&ada, &early.id)
        .await
        .expect("get");
    assert_eq!(again, early);
    assert!(!again.completed);
    assert_eq!(again.mood_after, None);
}

#[tokio::test]
async fn bad_inputs_are_validation_errors_and_nothing_is_saved() {
    let dir = tempfile::tempdir().expect("tempdir");
    let core = Core::open(dir.path()).await.expect("open");
    let ada = profile(&core, "Ada").await;

    let mut cases = vec![
        ("planned zero", session(0, 0, false)),
        ("planned 30 s", session(30_000, 10_000, false)),
        ("planned 181 min", session(181 * 60_000, 60_000, false)),
        ("longer than planned", session(300_000, 400_000, true)),
        ("completed too early", session(600_000, 60_000, true)),
        ("ended early but full", session(300_000, 300_000, false)),
    ];
    let mut bad_time = session(300_000, 300_000, true);
    bad_time.started_at = "yesterday".into();
    cases.push(("not RFC 3339", bad_time));
    let mut backwards = session(300_000, 300_000, true);
    backwards.ended_at = "2026-11-25T09:00:00Z".into();
    cases.push(("ends before start", backwards));
    let mut short_span = session(600_000, 600_000, true);
    short_span.ended_at = "2026-11-25T10:01:00Z".into();
    cases.push(("span shorter than duration", short_span));
    let mut mood = session(300_000, 300_000, true);
    mood.mood_after = Some(6);
    cases.push(("mood 6", mood));
    let mut mood0 = session(300_000, 300_000, true);
    mood0.mood_before = Some(0);
    cases.push(("mood 0", mood0));

    for (name, input) in cases {
        let err = core
            .meditation()
            .save_meditation_session(&ada, input)
            .await
            .expect_err(name);
        assert_eq!(err.code(), ErrorCode::Validation, "{name}: {err}");
    }
    assert!(core
        .meditation()
        .meditation_history(&ada, Page::default())
        .await
        .expect("list")
        .items
        .is_empty());

    let err = core
        .meditation()
        .meditation_session(&ada, &MeditationSessionId::new())
        .await
        .expect_err("unknown id");
    assert_eq!(err.code(), ErrorCode::NotFound);
    let err = core
        .meditation()
        .save_meditation_session(&ProfileId::new(), session(300_000, 300_000, true))
        .await
        .expect_err("no such profile");
    assert_eq!(err.code(), ErrorCode::NotFound);
}

#[tokio::test]
async fn another_profiles_session_is_not_found() {
    let dir = tempfile::tempdir().expect("tempdir");
    let core = Core::open(dir.path()).await.expect("open");
    let ada = profile(&core, "Ada").await;
    let bo = profile(&core, "Bo").await;
    let mine = core
        .meditation()
        .save_meditation_session(&ada, session(300_000, 300_000, true))
        .await
        .expect("save");

    let err = core
        .meditation()
        .meditation_session(&bo, &mine.id)
        .await
        .expect_err("other profile");
    assert_eq!(err.code(), ErrorCode::NotFound);
    assert!(core
        .meditation()
        .meditation_history(&bo, Page::default())
        .await
        .expect("list")
        .items
        .is_empty());
    let conversation = core
        .chat()
        .create_conversation(&bo)
        .await
        .expect("conversation");
    let err = core
        .chat()
        .add_activity_summary(
            &bo,
            &conversation.id,
            ActivityResult::Meditation {
                session_id: mine.id.clone(),
            },
        )
        .await
        .expect_err("summary of another profile's session");
    assert_eq!(err.code(), ErrorCode::NotFound);
}

#[tokio::test]
async fn the_summary_describes_the_saved_session() {
    let dir = tempfile::tempdir().expect("tempdir");
    let core = Core::open(dir.path()).await.expect("open");
    let ada = profile(&core, "Ada").await;
    let saved = core
        .meditation()
        .save_meditation_session(&ada, session(600_000, 245_000, false))
        .await
        .expect("save");
    let conversation = core
        .chat()
        .create_conversation(&ada)
        .await
        .expect("conversation");

    let message = core
        .chat()
        .add_activity_summary(
            &ada,
            &conversation.id,
            ActivityResult::Meditation {
                session_id: saved.id.clone(),
            },
        )
        .await
        .expect("summary");
    assert_eq!(message.role, MessageRole::SystemSummary);
    let summary = message.summary.expect("typed summary");
    assert_eq!(summary.activity, Activity::Meditation);
    assert_eq!(summary.technique, "silent");
    assert_eq!(summary.duration_ms, 245_000);
    assert!(!summary.completed);
    assert_eq!(
        (summary.mood_before, summary.mood_after),
        (Some(2), Some(4))
    );
    assert_eq!(summary.session_id, saved.id.to_string());
    assert!(
        message.content.contains("meditation") && message.content.contains("4 min 5 s"),
        "{}",
        message.content
    );
}

#[tokio::test]
async fn a_session_is_deleted_with_its_moods_and_only_by_its_profile() {
    let dir = tempfile::tempdir().expect("tempdir");
    let core = Core::open(dir.path()).await.expect("open");
    let ada = profile(&core, "Ada").await;
    let bo = profile(&core, "Bo").await;
    let saved = core
        .meditation()
        .save_meditation_session(&ada, session(600_000, 600_000, true))
        .await
        .expect("save");
    let moods = |core: &Core| {
        let db = core.db().clone();
        async move {
            let n: i64 = sqlx::query_scalar("SELECT count(*) FROM mood_checkins")
                .fetch_one(db.reader())
                .await
                .expect("count");
            n
        }
    };
    assert_eq!(moods(&core).await, 2, "before and after");
    let err = core
        .meditation()
        .delete_meditation_session(&bo, &saved.id)
        .await
        .expect_err("not Bo's");
    assert_eq!(err.code(), ErrorCode::NotFound);
    core.meditation()
        .delete_meditation_session(&ada, &saved.id)
        .await
        .expect("delete");
    assert_eq!(moods(&core).await, 0, "its check-ins go with it");
    assert!(core
        .meditation()
        .meditation_history(&ada, Page::default())
        .await
        .expect("list")
        .items
        .is_empty());
    let err = core
        .meditation()
        .delete_meditation_session(&ada, &saved.id)
        .await
        .expect_err("gone");
    assert_eq!(err.code(), ErrorCode::NotFound);
}

#[tokio::test]
async fn the_history_comes_a_page_at_a_time_and_a_bad_page_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let core = Core::open(dir.path()).await.expect("open");
    let ada = profile(&core, "Ada").await;
    let mut ids = Vec::new();
    for day in 20..23 {
        let mut s = session(600_000, 600_000, true);
        s.started_at = format!("2026-11-{day}T08:00:00Z");
        s.ended_at = format!("2026-11-{day}T08:10:00Z");
        ids.push(
            core.meditation()
                .save_meditation_session(&ada, s)
                .await
                .expect("save")
                .id,
        );
    }
    let page = core
        .meditation()
        .meditation_history(&ada, Page::new(2, 1))
        .await
        .expect("page");
    assert_eq!(page.total, 3);
    let got: Vec<&MeditationSessionId> = page.items.iter().map(|s| &s.id).collect();
    assert_eq!(got, [&ids[1], &ids[0]], "newest first, after the first");
    for limit in [0, 101] {
        let err = core
            .meditation()
            .meditation_history(&ada, Page::new(limit, 0))
            .await
            .expect_err("bad page");
        assert_eq!(err.code(), ErrorCode::Validation);
    }
}
