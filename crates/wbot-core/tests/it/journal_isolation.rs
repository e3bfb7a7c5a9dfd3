//! Property: whatever journal entries, drafts and check-ins 2–3 profiles hold, no list, search (by words or
//! by meaning), get, edit, favourite, delete, draft, check-in list or trend of one profile ever returns or
//! touches another profile's.
#![allow(clippy::unwrap_used)] // a failing test should panic

use crate::memory_support;

use std::collections::HashMap;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use wbot_core::db::Page;
use wbot_core::journal::{JournalEdit, JournalFilter, JournalSearchMode, NewJournalEntry};
use wbot_core::mood::{DayRange, NewCheckin};
use wbot_core::{ErrorCode, JournalEntryId, ProfileId};

const WORDS: &[&str] = &[
    "river", "sister", "deadline", "garden", "party", "yoga", "train", "letter",
];

fn text() -> impl Strategy<Value = String> {
    (0..WORDS.len(), 0..WORDS.len())
        .prop_map(|(a, b)| format!("Today the {} and then the {}.", WORDS[a], WORDS[b]))
}

fn entry(text: &str) -> NewJournalEntry {
    NewJournalEntry {
        category: None,
        prompt: None,
        text: text.into(),
        writing_ms: 1_000,
        mood_before: Some(2),
        mood_after: Some(3),
    }
}

#[test]
fn no_journal_or_mood_operation_crosses_profiles() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let core = rt.block_on(memory_support::open(dir.path()));
    let mut runner = TestRunner::new(Config {
        cases: 6,
        failure_persistence: None,
        ..Config::default()
    });
    let strategy = (
        // Per profile: its entries and its check-ins' moods.
        prop::collection::vec(
            (
                prop::collection::vec(text(), 0..4),
                prop::collection::vec(1u8..=5, 0..4),
            ),
            2..=3,
        ),
        0..WORDS.len(),
    );
    let today = time::OffsetDateTime::now_utc().date();
    let week = DayRange {
        from: (today - time::Duration::days(6)).to_string(),
        to: today.to_string(),
        utc_offset_minutes: 0,
    };
    runner
        .run(&strategy, |(per_profile, word)| {
            rt.block_on(async {
                let mut owner: HashMap<JournalEntryId, ProfileId> = HashMap::new();
                let mut profiles = Vec::new();
                for (i, (texts, moods)) in per_profile.iter().enumerate() {
                    let pid = memory_support::profile(&core, &format!("P{i}")).await;
                    for t in texts {
                        let saved = core
                            .journal()
                            .save_journal_entry(&pid, entry(t))
                            .await
                            .unwrap();
                        owner.insert(saved.id, pid.clone());
                    }
                    for m in moods {
                        let checkin = NewCheckin {
                            mood: *m,
                            emotions: Vec::new(),
                            note: String::new(),
                            at: None,
                        };
                        core.mood().add_checkin(&pid, checkin).await.unwrap();
                    }
                    profiles.push((pid, texts.len(), moods.len()));
                }
                for (pid, entries, checkins) in &profiles {
                    let all = core
                        .journal()
                        .list_journal_entries(pid, JournalFilter::default(), Page::new(100, 0))
                        .await
                        .unwrap();
                    prop_assert_eq!(all.len(), *entries);
                    prop_assert!(all.iter().all(|h| owner[&h.entry.id] == *pid));
                    for mode in [JournalSearchMode::Words, JournalSearchMode::Meaning] {
                        let filter = JournalFilter {
                            search: Some(WORDS[word].into()),
                            mode: Some(mode),
                            ..JournalFilter::default()
                        };
                        let hits = core
                            .journal()
                            .list_journal_entries(pid, filter, Page::new(100, 0))
                            .await
                            .unwrap();
                        prop_assert!(hits.iter().all(|h| owner[&h.entry.id] == *pid));
                    }
                    // Check-ins: its own standalone ones and two per entry (before and after).
                    let own_checkins = core
                        .mood()
                        .list_checkins(pid, Page::new(200, 0))
                        .await
                        .unwrap();
                    prop_assert_eq!(own_checkins.len(), checkins + 2 * entries);
                    let trend = core.mood().mood_trend(pid, &week).await.unwrap();
                    let counted: u32 = trend.days.iter().map(|d| d.checkins).sum();
                    prop_assert_eq!(counted as usize, checkins + 2 * entries);
                    let written: u32 = trend
                        .days
                        .iter()
                        .flat_map(|d| &d.activities)
                        .map(|a| a.count)
                        .sum();
                    prop_assert_eq!(written as usize, *entries);
                    // Another profile's entries are not there for any operation.
                    for (id, p) in &owner {
                        if p == pid {
                            continue;
                        }
                        let journal = core.journal();
                        let edit = JournalEdit {
                            text: "mine now".into(),
                            writing_ms: 0,
                        };
                        prop_assert_eq!(
                            journal.journal_entry(pid, id).await.unwrap_err().code(),
                            ErrorCode::NotFound
                        );
                        prop_assert_eq!(
                            journal
                                .edit_journal_entry(pid, id, edit)
                                .await
                                .unwrap_err()
                                .code(),
                            ErrorCode::NotFound
                        );
                        prop_assert_eq!(
                            journal
                                .set_journal_favourite(pid, id, true)
                                .await
                                .unwrap_err()
                                .code(),
                            ErrorCode::NotFound
                        );
                        prop_assert_eq!(
                            journal
                                .delete_journal_entry(pid, id)
                                .await
                                .unwrap_err()
                                .code(),
                            ErrorCode::NotFound
                        );
                        prop_assert!(
                            journal.journal_entry(p, id).await.is_ok(),
                            "and the owner still has it"
                        );
                    }
                    for checkin in &own_checkins {
                        for (other, ..) in profiles.iter().filter(|(o, ..)| o != pid) {
                            prop_assert_eq!(
                                core.mood()
                                    .delete_checkin(other, &checkin.id)
                                    .await
                                    .unwrap_err()
                                    .code(),
                                ErrorCode::NotFound
                            );
                        }
                    }
                    prop_assert_eq!(core.journal().journal_draft(pid).await.unwrap(), None);
                }
                Ok(())
            })
        })
        .unwrap();
    rt.block_on(core.close());
}
