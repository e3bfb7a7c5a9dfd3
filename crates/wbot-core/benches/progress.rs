//! Progress, effectiveness and wellness benchmark (not run by the test suite): three years of daily
//! activity, about 5,000 saved activities with moods before and after, and 1,800 messages; then the
//! Progress page, the effectiveness list, and learning the wellness profile again (which runs after a
//! reply, so it does not add to a turn, but should stay cheap).
//!
//! `cargo bench -p wbot-core --bench progress` (release profile). Prints a Markdown report on stdout.
//!
//! Each of 1,095 days has three breathing sessions (box, coherent, deep calm; one in five stopped early),
//! one silent meditation and, every other day, a journal entry: 4,928 activities, each with a mood before
//! and after, saved through the services as the app saves them (in +01:00).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark that fails should stop loudly

use std::time::{Duration, Instant};

use wbot_core::breathing::{NewBreathingSession, SessionConfig};
use wbot_core::journal::NewJournalEntry;
use wbot_core::meditation::{NewMeditationSession, TimerConfig};
use wbot_core::profile::{NewProfile, OnboardingAnswers};
use wbot_core::{Core, ProfileId};

mod support;
use support::{percentile, runtime};

const DAYS: i64 = 3 * 365;

fn main() {
    let rt = runtime();
    let dir = tempfile::tempdir().unwrap();
    // No embedding model: journal entries are saved without vectors, which progress never reads.
    let core = rt.block_on(Core::open(dir.path())).unwrap();
    let profile: ProfileId = rt
        .block_on(core.profiles().create_profile(NewProfile {
            display_name: "Bench".into(),
            onboarding: OnboardingAnswers::neutral(),
        }))
        .unwrap()
        .id;
    let today = time::OffsetDateTime::now_utc().date();
    let first = today - time::Duration::days(DAYS - 1);
    // 90 conversations of 20 messages each (the learning window's worth), about work, sleep and more;
    // saved first, as they would be among the activities (a log of writes the benchmark just made would
    // slow every read until SQLite checkpoints it).
    const SAYINGS: [&str; 5] = [
        "Work was a lot today, my boss keeps adding deadlines",
        "I slept badly again",
        "Had dinner with my sister, it was nice",
        "ok",
        "Money is tight this month and the rent is due",
    ];
    let mut messages = 0usize;
    rt.block_on(async {
        for d in 0..90 {
            let c = core.chat().create_conversation(&profile).await.unwrap().id;
            for i in 0..20 {
                core.chat()
                    .append_user_message(&profile, &c, SAYINGS[i % SAYINGS.len()])
                    .await
                    .unwrap();
                messages += 1;
            }
            // One conversation a day (the chat saves messages at the time they are sent).
            let day = today - time::Duration::days(d);
            let mut tx = core.db().begin_write().await.unwrap();
            sqlx::query("UPDATE messages SET created_at = ? WHERE conversation_id = ?")
                .bind(format!("{day}T19:00:00Z"))
                .bind(c.as_str())
                .execute(&mut *tx)
                .await
                .unwrap();
            tx.commit().await.unwrap();
        }
    });
    let saving = Instant::now();
    let mut saved = 0usize;
    rt.block_on(async {
        for d in 0..DAYS {
            let day = first + time::Duration::days(d);
            let configs = [
                SessionConfig::Box,
                SessionConfig::Coherent,
                SessionConfig::DeepCalm,
            ];
            for (i, config) in configs.into_iter().enumerate() {
                let hour = 8 + 5 * i;
                let completed = (d + i as i64) % 5 != 0;
                core.breathing()
                    .save_breathing_session(
                        &profile,
                        NewBreathingSession {
                            config,
                            started_at: format!("{day}T{hour:02}:00:00+01:00"),
                            ended_at: format!("{day}T{hour:02}:03:00+01:00"),
                            completed,
                            stopped_at: None,
                            rounds: Vec::new(),
                            duration_ms: 180_000,
                            mood_before: Some(2 + (d % 3) as u8),
                            mood_after: Some(2 + ((d + i as i64) % 4) as u8),
                        },
                    )
                    .await
                    .unwrap();
            }
            core.meditation()
                .save_meditation_session(
                    &profile,
                    NewMeditationSession {
                        config: TimerConfig {
                            planned_ms: 600_000,
                            interval_ms: None,
                            ambient: None,
                            binaural: None,
                        },
                        duration_ms: 600_000,
                        completed: true,
                        started_at: format!("{day}T20:00:00+01:00"),
                        ended_at: format!("{day}T20:10:00+01:00"),
                        mood_before: Some(3),
                        mood_after: Some(4),
                    },
                )
                .await
                .unwrap();
            saved += 4;
            if d % 2 == 0 {
                core.journal()
                    .save_journal_entry(
                        &profile,
                        NewJournalEntry {
                            category: None,
                            prompt: None,
                            text: format!("Day {d}: a walk, dinner, an early night."),
                            writing_ms: 120_000,
                            mood_before: Some(3),
                            mood_after: Some(3),
                        },
                    )
                    .await
                    .unwrap();
                saved += 1;
            }
        }
    });
    eprintln!(
        "saved {saved} activities in {:.1} s",
        saving.elapsed().as_secs_f64()
    );
    let today_text = today.to_string();
    let mut progress = Vec::new();
    let mut effectiveness = Vec::new();
    for _ in 0..50 {
        let start = Instant::now();
        let p = rt
            .block_on(core.progress().progress(&profile, Some(&today_text)))
            .unwrap();
        progress.push(start.elapsed());
        assert_eq!(p.active_days.len(), 365);
        let start = Instant::now();
        let e = rt
            .block_on(core.progress().effectiveness(&profile))
            .unwrap();
        effectiveness.push(start.elapsed());
        assert_eq!(e.len(), 5);
    }
    let mut learning = Vec::new();
    for _ in 0..20 {
        let start = Instant::now();
        assert!(rt.block_on(core.wellness().learn(&profile)).unwrap());
        learning.push(start.elapsed());
    }
    let learned = rt.block_on(core.wellness().profile(&profile)).unwrap();
    assert!(learned.items.iter().any(|i| i.code == "work"));
    rt.block_on(core.close());
    let row = |name: &str, samples: &mut Vec<Duration>, target: &str| {
        println!(
            "| {name}, {saved} activities ({} runs) | {:.2} ms | {:.2} ms | {target} |",
            samples.len(),
            percentile(samples, 0.5),
            percentile(samples, 0.99)
        );
    };
    println!("| measure | p50 | p99 | target |");
    println!("|---|---|---|---|");
    row(
        "Progress page (streak, week, badges, calendar, totals)",
        &mut progress,
        "< 30 ms",
    );
    row(
        "effectiveness of every kind of activity",
        &mut effectiveness,
        "< 30 ms",
    );
    row(
        &format!("wellness profile learned again, {messages} messages and"),
        &mut learning,
        "after the reply",
    );
}
