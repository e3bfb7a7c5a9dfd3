//! Journal and mood benchmarks (not run by the test suite): searching 10,000 journal entries by meaning
//! (the query's embedding included) and by words, and the mood trend over a year of daily check-ins.
//!
//! `cargo bench -p wbot-core --bench journal` (release profile; assets from scripts/fetch-assets). Prints a
//! Markdown report on stdout.
//!
//! The entries are 1,000 distinct generated diary entries of three sentences, embedded with the real model,
//! each written ten times over three years (10,000 rows): copy *k* of entry *i* has the text of *i* with a
//! different closing sentence, and the vector normalise(real[*i*] + Gaussian noise of norm ≈ 0.3), written
//! straight into `journal_entries` as the core stores them (half floats, with the model's id). Queries are
//! 200 one- to five-word phrases.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark that fails should stop loudly

use std::time::{Duration, Instant};

use wbot_core::breathing::{NewBreathingSession, SessionConfig};
use wbot_core::db::Page;
use wbot_core::events::EventBus;
use wbot_core::journal::{JournalFilter, JournalSearchMode};
use wbot_core::memory::vector::{encode_f16, normalize};
use wbot_core::memory::{Embedder, Priority, TextRole};
use wbot_core::mood::{DayRange, NewCheckin};
use wbot_core::profile::{NewProfile, OnboardingAnswers};
use wbot_core::{Core, JournalEntryId, ProfileId};

mod support;
use support::{config, percentile, runtime, sentence, Rng};

const DISTINCT: usize = 1_000;
const QUERIES: &[&str] = &[
    "feeling lonely",
    "work stress",
    "my sister",
    "sleep",
    "a calm evening",
    "arguments about money",
    "gratitude",
    "moving abroad",
    "the dog",
    "missed deadlines",
    "yoga",
    "hard phone call",
    "proud of myself",
    "tired after work",
    "weekend plans with friends",
    "feeling heard",
    "anxious before meetings",
    "cooking dinner together",
    "walks by the river",
    "restless nights",
];
/// Each entry is written once with each closing sentence.
const CLOSINGS: &[&str] = &[
    "Tomorrow will be different.",
    "I want to remember this.",
    "Writing it down helps.",
    "Not sure what to make of it.",
    "Enough for today.",
    "I will talk to someone about it.",
    "It was a long week.",
    "Small steps.",
    "I am learning.",
    "Bed now.",
];

fn time<F: std::future::Future>(rt: &tokio::runtime::Runtime, f: F) -> (Duration, F::Output) {
    let start = Instant::now();
    let out = rt.block_on(f);
    (start.elapsed(), out)
}

fn main() {
    let rt = runtime();
    let dir = tempfile::tempdir().unwrap();
    let core = rt.block_on(Core::open(dir.path())).unwrap();
    rt.block_on(core.memory().configure(config()));
    let profile: ProfileId = rt
        .block_on(core.profiles().create_profile(NewProfile {
            display_name: "Bench".into(),
            onboarding: OnboardingAnswers::neutral(),
        }))
        .unwrap()
        .id;

    // 1,000 distinct entries, embedded for real.
    let mut rng = Rng(0x5EED_10E2_0000_0001);
    let mut texts: Vec<String> = Vec::new();
    while texts.len() < DISTINCT {
        let text = format!(
            "{} {} {}",
            sentence(&mut rng),
            sentence(&mut rng),
            sentence(&mut rng)
        );
        if !texts.contains(&text) {
            texts.push(text);
        }
    }
    let embedder = Embedder::new(config(), EventBus::default());
    let (took, vectors) = time(
        &rt,
        embedder.embed_many(&texts, TextRole::Passage, Priority::Bulk),
    );
    let vectors = vectors.unwrap();
    eprintln!("embedded {DISTINCT} entries in {:.1} s", took.as_secs_f64());
    let model_id = config().model_id;

    // 10,000 rows over three years.
    let start = time::OffsetDateTime::now_utc() - time::Duration::days(3 * 365);
    rt.block_on(async {
        let mut tx = core.db().begin_write().await.unwrap();
        for (k, closing) in CLOSINGS.iter().enumerate() {
            for (i, (text, base)) in texts.iter().zip(&vectors).enumerate() {
                let n = k * DISTINCT + i;
                let mut v: Vec<f32> = base
                    .iter()
                    .map(|x| x + 0.3 / (base.len() as f32).sqrt() * rng.gauss())
                    .collect();
                normalize(&mut v);
                let at = (start + time::Duration::minutes((n * 157) as i64))
                    .format(&time::format_description::well_known::Rfc3339)
                    .unwrap();
                let text = format!("{text} {closing}");
                let words = text.split_whitespace().count() as i64;
                sqlx::query(
                    "INSERT INTO journal_entries (id, profile_id, text, word_count, writing_ms,
                       created_at, updated_at, embedding, embedding_model)
                     VALUES (?, ?, ?, ?, 120000, ?, ?, ?, ?)",
                )
                .bind(JournalEntryId::new())
                .bind(&profile)
                .bind(&text)
                .bind(words)
                .bind(&at)
                .bind(&at)
                .bind(encode_f16(&v))
                .bind(&model_id)
                .execute(&mut *tx)
                .await
                .unwrap();
            }
        }
        tx.commit().await.unwrap();
    });

    let journal = core.journal();
    let search = |words: &str, mode| JournalFilter {
        search: Some(words.into()),
        mode: Some(mode),
        ..JournalFilter::default()
    };
    let page = Page::new(20, 0);
    // The model loads on first use; the first search below then measures reading the vectors.
    rt.block_on(core.memory().embed_queries(&["warm up".to_string()]))
        .unwrap();
    let (cold, first) = time(
        &rt,
        journal.list_journal_entries(
            &profile,
            search("feeling lonely", JournalSearchMode::Meaning),
            page,
        ),
    );
    assert_eq!(first.unwrap().len(), 20);
    let mut meaning = Vec::new();
    let mut embedding = Vec::new();
    let mut words = Vec::new();
    for query in QUERIES {
        for _ in 0..5 {
            let (t, _) = time(&rt, core.memory().embed_queries(&[query.to_string()]));
            embedding.push(t);
        }
    }
    for round in 0..10 {
        for query in QUERIES {
            let (t, hits) = time(
                &rt,
                journal.list_journal_entries(
                    &profile,
                    search(query, JournalSearchMode::Meaning),
                    page,
                ),
            );
            assert!(!hits.unwrap().is_empty());
            meaning.push(t);
            if round == 0 {
                let (t, _) = time(
                    &rt,
                    journal.list_journal_entries(
                        &profile,
                        search(query, JournalSearchMode::Words),
                        page,
                    ),
                );
                words.push(t);
            }
        }
    }
    // Words that are in the entries: one and two at a time.
    let vocabulary = [
        "walk", "river", "sister", "money", "dinner", "anxious", "proud", "yoga", "deadline",
        "grateful",
    ];
    for (i, word) in vocabulary.iter().enumerate() {
        for query in [
            word.to_string(),
            format!("{word} {}", vocabulary[(i + 3) % vocabulary.len()]),
        ] {
            for _ in 0..9 {
                let (t, _) = time(
                    &rt,
                    journal.list_journal_entries(
                        &profile,
                        search(&query, JournalSearchMode::Words),
                        page,
                    ),
                );
                words.push(t);
            }
        }
    }

    // A year of daily check-ins (three a day) and a breathing session a day with moods before and after.
    let last_day = time::OffsetDateTime::now_utc().date() - time::Duration::days(1);
    let first_day = last_day - time::Duration::days(364);
    rt.block_on(async {
        for d in 0..365 {
            let day = first_day + time::Duration::days(d);
            for (hour, mood) in [(8, 2 + (d % 3) as u8), (13, 3), (21, 1 + (d % 5) as u8)] {
                let at = format!("{day}T{hour:02}:00:00Z");
                core.mood()
                    .add_checkin(
                        &profile,
                        NewCheckin {
                            mood,
                            emotions: vec!["calm".into()],
                            note: String::new(),
                            at: Some(at),
                        },
                    )
                    .await
                    .unwrap();
            }
            core.breathing()
                .save_breathing_session(
                    &profile,
                    NewBreathingSession {
                        config: SessionConfig::Box,
                        started_at: format!("{day}T18:00:00Z"),
                        ended_at: format!("{day}T18:04:00Z"),
                        completed: true,
                        stopped_at: None,
                        rounds: Vec::new(),
                        duration_ms: 240_000,
                        mood_before: Some(2),
                        mood_after: Some(4),
                    },
                )
                .await
                .unwrap();
        }
    });
    let year = DayRange {
        from: first_day.to_string(),
        to: last_day.to_string(),
        utc_offset_minutes: 60,
    };
    let mut trend = Vec::new();
    for _ in 0..50 {
        let (t, result) = time(&rt, core.mood().mood_trend(&profile, &year));
        assert_eq!(result.unwrap().days.len(), 365);
        trend.push(t);
    }
    rt.block_on(core.close());

    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("| measure | p50 | p99 | target |");
    println!("|---|---|---|---|");
    println!(
        "| search by meaning, 10,000 entries, query embedding included ({} searches) | {:.2} ms | {:.2} ms | p50 < 15 ms |",
        meaning.len(),
        percentile(&mut meaning, 0.5),
        percentile(&mut meaning, 0.99)
    );
    println!(
        "| the query's embedding alone ({} embeddings) | {:.2} ms | {:.2} ms | |",
        embedding.len(),
        percentile(&mut embedding, 0.5),
        percentile(&mut embedding, 0.99)
    );
    println!(
        "| first search by meaning after a start (reads the 10,000 vectors; model already loaded) | {:.2} ms | | |",
        ms(cold)
    );
    println!(
        "| search by words, 10,000 entries ({} searches) | {:.2} ms | {:.2} ms | p50 < 5 ms |",
        words.len(),
        percentile(&mut words, 0.5),
        percentile(&mut words, 0.99)
    );
    println!(
        "| mood trend, 365 days × 3 check-ins + 365 sessions ({} runs) | {:.2} ms | {:.2} ms | < 20 ms |",
        trend.len(),
        percentile(&mut trend, 0.5),
        percentile(&mut trend, 0.99)
    );
}
