//! Saved breathing sessions on a real migrated database file, and the Wim Hof gate.

use crate::memory_support::profile;
use wbot_core::breathing::{
    GateReason, NewBreathingSession, Phase, RoundRecord, SessionConfig, StopPoint, Technique,
    WimHofSettings,
};
use wbot_core::db::Page;
use wbot_core::profile::{Contraindication, NewProfile, OnboardingAnswers};
use wbot_core::{BreathingSessionId, Core, ErrorCode, ProfileId};

async fn core_with_profile(dir: &std::path::Path) -> (Core, ProfileId) {
    let core = Core::open(dir).await.expect("open");
    let profile = profile(&core, "Ada").await;
    (core, profile)
}

fn session(
    config: SessionConfig,
    started_at: &str,
    completed: bool,
    duration_ms: u32,
) -> NewBreathingSession {
    NewBreathingSession {
        config,
        started_at: started_at.into(),
        ended_at: started_at.into(),
        completed,
        stopped_at: None,
        rounds: Vec::new(),
        duration_ms,
        mood_before: None,
        mood_after: None,
    }
}

fn round(number: u32, retention_ms: u32) -> RoundRecord {
    RoundRecord {
        number,
        completed: true,
        duration_ms: 120_000,
        breaths: Some(30),
        retention_ms: Some(retention_ms),
    }
}

#[tokio::test]
async fn sessions_round_trip_page_and_delete() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (core, profile) = core_with_profile(dir.path()).await;
    let mut stopped = session(
        SessionConfig::Coherent,
        "2025-03-02T08:00:00+01:00",
        false,
        21_500,
    );
    stopped.ended_at = "2025-03-02T08:00:30+01:00".into();
    stopped.stopped_at = Some(StopPoint {
        phase: Phase::Exhale,
        cycle: Some(2),
        round: None,
        breath: None,
        phase_elapsed_ms: 1500.0,
    });
    stopped.mood_before = Some(2);
    stopped.mood_after = Some(4);
    let saved = core
        .breathing()
        .save_breathing_session(&profile, stopped.clone())
        .await
        .expect("save");
    // Stored in UTC so that ordering by text is ordering by time.
    assert_eq!(saved.started_at, "2025-03-02T07:00:00Z");
    let got = core
        .breathing()
        .breathing_session(&profile, &saved.id)
        .await
        .expect("get");
    assert_eq!(got, saved);
    assert_eq!(got.stopped_at, stopped.stopped_at);
    assert_eq!((got.mood_before, got.mood_after), (Some(2), Some(4)));
    assert_eq!(got.wim_hof, None);

    for day in 3..=9 {
        let start = format!("2025-03-0{day}T08:00:00Z");
        core.breathing()
            .save_breathing_session(&profile, session(SessionConfig::Box, &start, true, 64_000))
            .await
            .expect("save");
    }
    let page = core
        .breathing()
        .breathing_history(&profile, Page::new(3, 0))
        .await
        .expect("page 1");
    assert_eq!(page.total, 8);
    let days: Vec<&str> = page.items.iter().map(|s| &s.started_at[..10]).collect();
    assert_eq!(days, ["2025-03-09", "2025-03-08", "2025-03-07"]);
    let last = core
        .breathing()
        .breathing_history(&profile, Page::new(3, 6))
        .await
        .expect("page 3");
    assert_eq!(last.items.len(), 2);
    assert_eq!(last.items[1].id, saved.id, "oldest last");
    let err = core
        .breathing()
        .breathing_history(&profile, Page::new(0, 0))
        .await
        .expect_err("limit 0");
    assert_eq!(err.code(), ErrorCode::Validation);

    // Another profile can neither read nor delete it.
    let other = core
        .profiles()
        .create_profile(NewProfile {
            display_name: "Bob".into(),
            onboarding: OnboardingAnswers::neutral(),
        })
        .await
        .expect("other")
        .id;
    let err = core
        .breathing()
        .breathing_session(&other, &saved.id)
        .await
        .expect_err("not theirs");
    assert_eq!(err.code(), ErrorCode::NotFound);
    let err = core
        .breathing()
        .delete_breathing_session(&other, &saved.id)
        .await
        .expect_err("not theirs");
    assert_eq!(err.code(), ErrorCode::NotFound);
    assert_eq!(
        core.breathing()
            .breathing_history(&other, Page::new(10, 0))
            .await
            .expect("list")
            .total,
        0
    );
    let err = core
        .breathing()
        .breathing_session(&profile, &BreathingSessionId::new())
        .await
        .expect_err("unknown id");
    assert_eq!(err.code(), ErrorCode::NotFound);

    core.breathing()
        .delete_breathing_session(&profile, &saved.id)
        .await
        .expect("delete");
    let err = core
        .breathing()
        .breathing_session(&profile, &saved.id)
        .await
        .expect_err("gone");
    assert_eq!(err.code(), ErrorCode::NotFound);
    let err = core
        .breathing()
        .delete_breathing_session(&profile, &saved.id)
        .await
        .expect_err("twice");
    assert_eq!(err.code(), ErrorCode::NotFound);
    assert_eq!(
        core.breathing()
            .breathing_history(&profile, Page::new(10, 0))
            .await
            .expect("list")
            .total,
        7
    );

    // Deleting the profile deletes its sessions.
    core.delete_profile(&profile).await.expect("delete profile");
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM breathing_sessions")
        .fetch_one(core.db().reader())
        .await
        .expect("count");
    assert_eq!(left, 0);
    core.close().await;
}

#[tokio::test]
async fn invalid_sessions_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (core, profile) = core_with_profile(dir.path()).await;
    let ok = session(SessionConfig::Box, "2025-03-02T08:00:00Z", true, 64_000);
    let cases: Vec<(NewBreathingSession, &str)> = vec![
        (
            NewBreathingSession {
                mood_after: Some(6),
                ..ok.clone()
            },
            "out_of_range mood_after min=1 max=5 actual=6",
        ),
        (
            NewBreathingSession {
                mood_before: Some(0),
                ..ok.clone()
            },
            "out_of_range mood_before min=1 max=5 actual=0",
        ),
        (
            NewBreathingSession {
                started_at: "yesterday".into(),
                ..ok.clone()
            },
            "invalid_time start_time value=\"yesterday\"",
        ),
        (
            NewBreathingSession {
                ended_at: "2025-03-01T08:00:00Z".into(),
                ..ok.clone()
            },
            "end_before_start",
        ),
        (
            NewBreathingSession {
                stopped_at: Some(StopPoint {
                    phase: Phase::Hold,
                    cycle: Some(1),
                    round: None,
                    breath: None,
                    phase_elapsed_ms: 0.0,
                }),
                ..ok.clone()
            },
            "completed_and_stopped",
        ),
        (
            NewBreathingSession {
                rounds: (1..=5).map(|n| round(n, 1000)).collect(),
                ..ok.clone()
            },
            "too_many_rounds max=4 actual=5",
        ),
        (
            NewBreathingSession {
                config: SessionConfig::WimHof(WimHofSettings {
                    rounds: 0,
                    ..WimHofSettings::default()
                }),
                ..ok.clone()
            },
            "out_of_range rounds min=1 max=10 actual=0",
        ),
    ];
    for (input, expected) in cases {
        let err = core
            .breathing()
            .save_breathing_session(&profile, input)
            .await
            .expect_err(expected);
        assert_eq!(err.code(), ErrorCode::Validation);
        assert!(err.to_string().contains(expected), "{err}");
    }
    let err = core
        .breathing()
        .save_breathing_session(&ProfileId::new(), ok)
        .await
        .expect_err("no such profile");
    assert_eq!(err.code(), ErrorCode::NotFound);
    core.close().await;
}

#[tokio::test]
async fn statistics_counts_months_wim_hof_and_trend() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (core, profile) = core_with_profile(dir.path()).await;
    let wim = SessionConfig::WimHof(WimHofSettings::default());
    let mut a = session(wim, "2025-01-10T07:00:00Z", true, 600_000);
    a.rounds = vec![round(1, 60_000), round(2, 90_000), round(3, 75_000)];
    let mut b = session(wim, "2025-01-10T19:00:00Z", false, 300_000);
    b.rounds = vec![round(1, 100_000)];
    let mut c = session(wim, "2025-02-01T07:00:00Z", true, 500_000);
    c.rounds = vec![round(1, 80_000), round(2, 120_000), round(3, 85_000)];
    for s in [a, b, c] {
        core.breathing()
            .save_breathing_session(&profile, s)
            .await
            .expect("save");
    }
    core.breathing()
        .save_breathing_session(
            &profile,
            session(SessionConfig::Box, "2025-01-11T07:00:00Z", true, 64_000),
        )
        .await
        .expect("save");
    core.breathing()
        .save_breathing_session(
            &profile,
            session(SessionConfig::Box, "2025-02-11T07:00:00Z", false, 10_000),
        )
        .await
        .expect("save");

    let stats = core
        .breathing()
        .breathing_stats(&profile)
        .await
        .expect("stats");
    assert_eq!((stats.total_sessions, stats.completed_sessions), (5, 3));
    assert_eq!(stats.total_duration_ms, 1_474_000.0);
    let by: Vec<(Technique, u32, u32)> = stats
        .by_technique
        .iter()
        .map(|t| (t.technique, t.started, t.completed))
        .collect();
    assert_eq!(by, [(Technique::Box, 2, 1), (Technique::WimHof, 3, 2)]);
    let months: Vec<(&str, u32, u32, f64)> = stats
        .monthly
        .iter()
        .map(|m| {
            (
                m.month.as_str(),
                m.sessions,
                m.completed,
                m.total_duration_ms,
            )
        })
        .collect();
    assert_eq!(
        months,
        [("2025-01", 3, 2, 964_000.0), ("2025-02", 2, 1, 510_000.0)]
    );
    assert_eq!(stats.wim_hof.sessions, 3);
    assert_eq!(stats.wim_hof.rounds, 7);
    assert_eq!(stats.wim_hof.best_retention_ms, Some(120_000.0));
    let avg = (60.0 + 90.0 + 75.0 + 100.0 + 80.0 + 120.0 + 85.0) * 1000.0 / 7.0;
    assert!((stats.wim_hof.average_retention_ms.unwrap_or(0.0) - avg).abs() < 1e-6);
    assert_eq!(stats.wim_hof.total_duration_ms, 1_400_000.0);

    let trend = core
        .breathing()
        .retention_trend(&profile)
        .await
        .expect("trend");
    assert_eq!(trend.len(), 2);
    assert_eq!(
        (trend[0].date.as_str(), trend[0].best_ms, trend[0].rounds),
        ("2025-01-10", 100_000.0, 4)
    );
    assert_eq!(trend[0].average_ms, 81_250.0);
    assert_eq!(
        (trend[1].date.as_str(), trend[1].best_ms),
        ("2025-02-01", 120_000.0)
    );

    let one = core
        .breathing()
        .breathing_history(&profile, Page::new(1, 4))
        .await
        .expect("oldest")
        .items
        .remove(0);
    let result = one.wim_hof.expect("wim hof result");
    assert_eq!(result.retentions_ms, [60_000, 90_000, 75_000]);
    assert_eq!(
        (result.best_retention_ms, result.average_retention_ms),
        (Some(90_000), Some(75_000.0))
    );
    assert_eq!(result.total_duration_ms, 600_000);

    assert_eq!(
        core.breathing()
            .completed_breathing_sessions(&profile)
            .await
            .expect("count"),
        3
    );
    core.close().await;
}

#[tokio::test]
async fn the_wim_hof_gate_reads_the_profile() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (core, profile) = core_with_profile(dir.path()).await;
    let gate = core
        .breathing()
        .wim_hof_gate(&profile, None)
        .await
        .expect("gate");
    assert!(gate.allowed);
    assert_eq!(gate.suggested_technique, Some(Technique::Box));
    assert_eq!(gate.reason, Some(GateReason::NewToBreathing));
    assert!(gate.show_safety_notice);

    core.breathing()
        .acknowledge_wim_hof_notice(&profile)
        .await
        .expect("ack");
    core.breathing()
        .acknowledge_wim_hof_notice(&profile)
        .await
        .expect("ack twice is fine");
    for day in 1..=3 {
        let start = format!("2025-03-0{day}T08:00:00Z");
        core.breathing()
            .save_breathing_session(&profile, session(SessionConfig::Box, &start, true, 64_000))
            .await
            .expect("save");
    }
    let gate = core
        .breathing()
        .wim_hof_gate(&profile, Some("feeling good today"))
        .await
        .expect("gate");
    assert!(gate.allowed && !gate.show_safety_notice);
    assert_eq!((gate.suggested_technique, gate.reason), (None, None));
    let gate = core
        .breathing()
        .wim_hof_gate(&profile, Some("I'm a bit Light-headed"))
        .await
        .expect("gate");
    assert_eq!(gate.suggested_technique, Some(Technique::DeepCalm));
    assert_eq!(gate.reason, Some(GateReason::Discomfort));
    let err = core
        .breathing()
        .wim_hof_gate(&profile, Some(&"dizzy ".repeat(2_000)))
        .await
        .expect_err("a message longer than any message");
    assert_eq!(err.reason, wbot_core::Reason::TooLong, "{err}");

    let mut answers = OnboardingAnswers::neutral();
    answers.contraindications = vec![Contraindication::Pregnancy];
    core.profiles()
        .update_onboarding(&profile, answers)
        .await
        .expect("update");
    let gate = core
        .breathing()
        .wim_hof_gate(&profile, None)
        .await
        .expect("gate");
    assert!(!gate.allowed);
    assert_eq!(gate.suggested_technique, Some(Technique::Coherent));
    assert_eq!(gate.reason, Some(GateReason::Contraindication));
    core.close().await;
}
