//! Effectiveness and progress on a real database (issue 12): what helped changes what the companion
//! proposes and tells the model; streaks count the person's own calendar days across time zones and DST;
//! the weekly goal, badges and the calendar; settings that turn them off; bad input.
#![allow(clippy::unwrap_used)]

use wbot_core::breathing::{NewBreathingSession, SessionConfig, Technique};
use wbot_core::chat::prompt::{CRISIS_NOTE, FOLLOW_UP_NOTE};
use wbot_core::chat::{ActivityResult, ActivitySuggestion, ProposalReason, ReplyEvent};
use wbot_core::journal::NewJournalEntry;
use wbot_core::mood::MoodActivity;
use wbot_core::progress::BadgeCode;
use wbot_core::{Core, ProfileId};

use crate::chat_support::*;
use crate::turn_support::*;

/// A session of `config` that started at `start` (RFC 3339 with the person's offset) and lasted a minute.
fn session(
    config: SessionConfig,
    start: &str,
    completed: bool,
    moods: (u8, u8),
) -> NewBreathingSession {
    let started =
        time::OffsetDateTime::parse(start, &time::format_description::well_known::Rfc3339).unwrap();
    let ended = started + time::Duration::minutes(1);
    NewBreathingSession {
        config,
        started_at: start.into(),
        ended_at: ended
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap(),
        completed,
        stopped_at: None,
        rounds: Vec::new(),
        duration_ms: 60_000,
        mood_before: Some(moods.0),
        mood_after: Some(moods.1),
    }
}

async fn save(core: &Core, profile: &ProfileId, s: NewBreathingSession) {
    core.breathing()
        .save_breathing_session(profile, s)
        .await
        .unwrap();
}

/// The breathing proposal a message gets now.
async fn proposal_for(h: &Harness, text: &str) -> wbot_core::chat::ActivityProposal {
    let (send, mut rx) = events();
    h.core
        .chat()
        .send_message(&h.profile, None, text, send)
        .await
        .unwrap();
    let ReplyEvent::Classified { message } = rx.next().await else {
        panic!("the classifier's verdict")
    };
    message.proposal.expect("a proposal")
}

#[tokio::test]
async fn the_proposal_follows_what_helped_as_the_history_changes() {
    let h = harness().await;
    let text = "I feel anxious, can you help me breathe?";
    let box_breathing = ActivitySuggestion::Breathing {
        technique: Technique::Box,
    };
    let first = proposal_for(&h, text).await;
    assert_eq!(first.suggestion, box_breathing);
    assert_eq!(first.reason, ProposalReason::Anxiety);

    // Three deep calm sessions that lifted the mood: recommended, and proposed with the reason.
    for day in 20..23 {
        let start = format!("2026-11-{day}T08:00:00+01:00");
        save(
            &h.core,
            &h.profile,
            session(SessionConfig::DeepCalm, &start, true, (2, 4)),
        )
        .await;
    }
    let helped = proposal_for(&h, text).await;
    assert_eq!(
        helped.suggestion,
        ActivitySuggestion::Breathing {
            technique: Technique::DeepCalm
        }
    );
    assert_eq!(helped.reason, ProposalReason::Helped);
    let evidence = helped.evidence.unwrap();
    assert_eq!((evidence.improved, evidence.rated), (3, 3));

    // Four stopped sessions that lowered it: the score falls under 50 and the usual proposal is back.
    for day in 23..27 {
        let start = format!("2026-11-{day}T08:00:00+01:00");
        save(
            &h.core,
            &h.profile,
            session(SessionConfig::DeepCalm, &start, false, (4, 2)),
        )
        .await;
    }
    let deep_calm = &h.core.progress().effectiveness(&h.profile).await.unwrap()[0];
    assert_eq!(
        (
            deep_calm.started,
            deep_calm.completed,
            deep_calm.improved,
            deep_calm.declined
        ),
        (7, 3, 3, 4)
    );
    assert!(!deep_calm.recommended, "score {}", deep_calm.score);
    let after = proposal_for(&h, text).await;
    assert_eq!(after.suggestion, box_breathing);
    assert_eq!(after.evidence, None);
}

#[tokio::test]
async fn the_companion_is_told_what_helped_and_follows_up_an_activity_once() {
    let h = harness().await;
    let server = Server::start(vec![stream(openai_stream(&["Glad to hear."], true))]).await;
    h.use_local_model(&server.base_url).await;
    let mut last = None;
    for day in 20..23 {
        let start = format!("2026-11-{day}T21:00:00-05:00");
        let s = session(SessionConfig::Relaxing478, &start, true, (2, 3));
        last = Some(
            h.core
                .breathing()
                .save_breathing_session(&h.profile, s)
                .await
                .unwrap(),
        );
    }
    let (send, mut rx) = events();
    let started = h
        .core
        .chat()
        .send_message(&h.profile, None, "Hello again", send)
        .await
        .unwrap();
    rx.until_done().await;
    let conversation = started.conversation.id;
    h.core
        .chat()
        .add_activity_summary(
            &h.profile,
            &conversation,
            ActivityResult::Breathing {
                session_id: last.unwrap().id,
            },
        )
        .await
        .unwrap();
    for text in ["I did the breathing, thanks", "I had pasta for lunch today"] {
        let (send, mut rx) = events();
        h.core
            .chat()
            .send_message(&h.profile, Some(&conversation), text, send)
            .await
            .unwrap();
        rx.until_done().await;
    }
    let systems: Vec<String> = server
        .requests()
        .iter()
        .map(|r| {
            r.body["messages"][0]["content"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(systems.len(), 3);
    assert!(
        systems[0].contains("- 4-7-8 breathing: their mood rose 3 of the last 3 times."),
        "{}",
        systems[0]
    );
    assert!(
        !systems.iter().any(|s| s.contains(CRISIS_NOTE)),
        "ordinary messages"
    );
    let follow_ups: Vec<bool> = systems.iter().map(|s| s.contains(FOLLOW_UP_NOTE)).collect();
    assert_eq!(
        follow_ups,
        [false, true, false],
        "only the reply after the activity"
    );
}

#[tokio::test]
async fn streaks_count_the_persons_own_days_across_time_zones_and_dst() {
    let h = harness().await;
    let s = |start: &str| session(SessionConfig::Box, start, true, (3, 3));
    // Day 1 in New York at 23:00; day 2 in Tokyo at 20:00, seven hours later. Read in one time zone,
    // both would fall on one day and the streak would break.
    save(&h.core, &h.profile, s("2026-03-26T23:00:00-05:00")).await;
    save(&h.core, &h.profile, s("2026-03-27T20:00:00+09:00")).await;
    // Days 3 and 4 in Madrid around the night the clocks go forward (+01:00, then +02:00 at 02:00).
    save(&h.core, &h.profile, s("2026-03-28T23:30:00+01:00")).await;
    save(&h.core, &h.profile, s("2026-03-29T03:30:00+02:00")).await;
    // The same day twice does not count twice.
    save(&h.core, &h.profile, s("2026-03-29T20:00:00+02:00")).await;
    let p = h
        .core
        .progress()
        .progress(&h.profile, Some("2026-03-29"))
        .await
        .unwrap();
    assert_eq!(
        p.active_days,
        ["2026-03-26", "2026-03-27", "2026-03-28", "2026-03-29"],
        "each session on its own calendar day"
    );
    let streak = p.streak.unwrap();
    assert_eq!(
        (streak.current, streak.longest, streak.active_today),
        (4, 4, true)
    );

    // A stopped session does not make a day active; the streak holds while today is still open.
    save(
        &h.core,
        &h.profile,
        session(
            SessionConfig::Box,
            "2026-03-30T12:00:00+02:00",
            false,
            (3, 3),
        ),
    )
    .await;
    let p = h
        .core
        .progress()
        .progress(&h.profile, Some("2026-03-30"))
        .await
        .unwrap();
    let streak = p.streak.unwrap();
    assert_eq!((streak.current, streak.active_today), (4, false));
    // 2026-03-30 is a Monday: a new week with no active day yet.
    assert_eq!(p.weekly_goal.week_start, "2026-03-30");
    assert_eq!((p.weekly_goal.active_days, p.weekly_goal.goal_days), (0, 5));
    let p = h
        .core
        .progress()
        .progress(&h.profile, Some("2026-04-01"))
        .await
        .unwrap();
    assert_eq!(p.streak.unwrap().current, 0, "a whole day missed");
}

#[tokio::test]
async fn badges_totals_and_switches_come_from_saved_activities() {
    let h = harness().await;
    save(
        &h.core,
        &h.profile,
        session(
            SessionConfig::Box,
            "2026-11-20T09:00:00+01:00",
            true,
            (2, 4),
        ),
    )
    .await;
    h.core
        .journal()
        .save_journal_entry(
            &h.profile,
            NewJournalEntry {
                category: None,
                prompt: None,
                text: "A quiet walk by the river.".into(),
                writing_ms: 60_000,
                mood_before: None,
                mood_after: None,
            },
        )
        .await
        .unwrap();
    let p = h.core.progress().progress(&h.profile, None).await.unwrap();
    let badges = p.badges.unwrap();
    let badge = |code: BadgeCode| badges.iter().find(|b| b.code == code).unwrap().clone();
    assert_eq!(
        badge(BadgeCode::FirstBreath).earned_on.as_deref(),
        Some("2026-11-20")
    );
    assert!(badge(BadgeCode::FirstJournal).earned_on.is_some());
    let ten = badge(BadgeCode::TenBreaths);
    assert_eq!((ten.progress, ten.target, ten.earned_on), (1, 10, None));
    assert_eq!(badge(BadgeCode::FirstMeditation).progress, 0);
    let total = |a: MoodActivity| p.totals.iter().find(|t| t.activity == a).unwrap().completed;
    assert_eq!(
        (
            total(MoodActivity::Breathing),
            total(MoodActivity::Journaling)
        ),
        (1, 1)
    );
    let journaling = h.core.progress().effectiveness(&h.profile).await.unwrap();
    assert!(journaling
        .iter()
        .any(|e| e.activity == MoodActivity::Journaling && e.kind == "free"));

    // Streaks and badges turned off are not computed; the weekly goal follows the setting.
    let mut settings = h.core.profiles().settings(&h.profile).await.unwrap();
    settings.streaks_on = false;
    settings.badges_on = false;
    settings.weekly_goal_days = 3;
    h.core.update_settings(&h.profile, settings).await.unwrap();
    let p = h.core.progress().progress(&h.profile, None).await.unwrap();
    assert_eq!(
        (p.streak, p.badges, p.weekly_goal.goal_days),
        (None, None, 3)
    );
}

#[tokio::test]
async fn bad_days_and_unknown_profiles_are_refused() {
    let h = harness().await;
    for bad in ["2026-13-01", "yesterday", ""] {
        let err = h
            .core
            .progress()
            .progress(&h.profile, Some(bad))
            .await
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("invalid_format date value={bad:?}")
        );
    }
    let stranger = ProfileId::new();
    assert_eq!(
        h.core
            .progress()
            .effectiveness(&stranger)
            .await
            .unwrap_err()
            .code(),
        wbot_core::ErrorCode::NotFound
    );
}
