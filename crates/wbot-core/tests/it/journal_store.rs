//! Journal entries on a real migrated SQLite file: saving, reading back, paging, bad input, another
//! profile's entries, and the summary that joins a conversation.
#![allow(clippy::unwrap_used)]

use crate::memory_support::profile;
use wbot_core::chat::{Activity, ActivityResult, JournalCategory, MessageRole};
use wbot_core::db::Page;
use wbot_core::journal::NewJournalEntry;
use wbot_core::profile::{NewProfile, OnboardingAnswers};
use wbot_core::{Core, ErrorCode, JournalEntryId, ProfileId};

fn entry(text: &str) -> NewJournalEntry {
    NewJournalEntry {
        category: JournalCategory::Processing,
        prompt: "What happened, and what are you feeling about it now?".into(),
        text: text.into(),
        writing_ms: 95_000,
        mood_before: Some(2),
        mood_after: Some(3),
    }
}

#[tokio::test]
async fn entries_round_trip_page_stay_private_and_summarise() {
    let dir = tempfile::tempdir().unwrap();
    let core = Core::open(dir.path()).await.unwrap();
    let ana = profile(&core, "Ana").await;
    let ben = profile(&core, "Ben").await;

    let saved = core
        .journal()
        .save_journal_entry(
            &ana,
            entry("  The meeting went badly, but I said what I meant.  "),
        )
        .await
        .unwrap();
    assert_eq!(
        saved.text,
        "The meeting went badly, but I said what I meant."
    );
    assert_eq!(saved.word_count, 10);
    assert_eq!(
        core.journal().journal_entry(&ana, &saved.id).await.unwrap(),
        saved
    );
    core.journal()
        .save_journal_entry(&ana, entry("Second entry"))
        .await
        .unwrap();
    let page = core
        .journal()
        .list_journal_entries(&ana, Page::new(1, 0))
        .await
        .unwrap();
    assert_eq!(page.len(), 1);
    assert_eq!(page[0].text, "Second entry", "newest first");
    assert_eq!(
        core.journal()
            .list_journal_entries(
                &ana,
                Page {
                    limit: None,
                    offset: 1
                }
            )
            .await
            .unwrap()[0]
            .id,
        saved.id
    );
    assert!(core
        .journal()
        .list_journal_entries(&ana, Page::new(0, 0))
        .await
        .is_err());

    // Another profile sees none of it.
    assert!(core
        .journal()
        .list_journal_entries(&ben, Page::default())
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        core.journal()
            .journal_entry(&ben, &saved.id)
            .await
            .unwrap_err()
            .code(),
        ErrorCode::NotFound
    );

    // Bad input: typed errors, nothing stored.
    for bad in [
        entry(" "),
        NewJournalEntry {
            mood_before: Some(0),
            ..entry("x")
        },
    ] {
        assert_eq!(
            core.journal()
                .save_journal_entry(&ana, bad)
                .await
                .unwrap_err()
                .code(),
            ErrorCode::Validation
        );
    }
    assert_eq!(
        core.journal()
            .journal_entry(&ana, &JournalEntryId::new())
            .await
            .unwrap_err()
            .code(),
        ErrorCode::NotFound
    );
    assert_eq!(
        core.journal()
            .list_journal_entries(&ana, Page::default())
            .await
            .unwrap()
            .len(),
        2
    );

    // The conversation it was started from gets a summary, without the words.
    let conversation = core.chat().create_conversation(&ana).await.unwrap();
    let note = core
        .chat()
        .add_activity_summary(
            &ana,
            &conversation.id,
            ActivityResult::Journaling {
                entry_id: saved.id.clone(),
            },
        )
        .await
        .unwrap();
    assert_eq!(note.role, MessageRole::SystemSummary);
    let summary = note.summary.unwrap();
    assert_eq!(summary.activity, Activity::Journaling);
    assert_eq!(summary.technique, "processing");
    assert_eq!(
        (summary.mood_before, summary.mood_after),
        (Some(2), Some(3))
    );
    assert!(!note.content.contains("meeting"), "{}", note.content);
    assert!(core
        .chat()
        .add_activity_summary(
            &ben,
            &conversation.id,
            ActivityResult::Journaling { entry_id: saved.id },
        )
        .await
        .is_err());
}

#[tokio::test]
async fn the_journal_service_works_alone_built_from_the_parts_it_names() {
    use wbot_core::db::Db;
    use wbot_core::events::EventBus;
    use wbot_core::journal::JournalService;
    use wbot_core::profile::ProfileService;

    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(dir.path()).await.unwrap();
    let profiles = ProfileService::new(db.clone(), EventBus::default());
    let journal = JournalService::new(db.clone(), profiles.clone());
    let ana = profiles
        .create_profile(NewProfile {
            display_name: "Ana".into(),
            onboarding: OnboardingAnswers::neutral(),
        })
        .await
        .unwrap();
    let saved = journal
        .save_journal_entry(&ana.id, entry("A long walk by the river."))
        .await
        .unwrap();
    assert_eq!(
        journal.journal_entry(&ana.id, &saved.id).await.unwrap(),
        saved
    );
    let unknown = ProfileId::new();
    assert_eq!(
        journal
            .save_journal_entry(&unknown, entry("Nobody's."))
            .await
            .unwrap_err()
            .code(),
        ErrorCode::NotFound
    );
    db.close().await;
}
