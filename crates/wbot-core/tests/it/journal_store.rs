//! Journal entries on a real migrated SQLite file: saving, reading back, paging, bad input, another
//! profile's entries, and the summary that joins a conversation.
#![allow(clippy::unwrap_used)]

use crate::memory_support::profile;
use wbot_core::chat::{Activity, ActivityResult, JournalCategory, MessageRole};
use wbot_core::db::Page;
use wbot_core::journal::{JournalDraft, JournalEdit, JournalSearchMode};
use wbot_core::journal::{JournalFilter, NewJournalEntry};
use wbot_core::mood::DayRange;
use wbot_core::profile::{NewProfile, OnboardingAnswers};
use wbot_core::{Core, ErrorCode, JournalEntryId, ProfileId, Reason, Subject};

fn entry(text: &str) -> NewJournalEntry {
    NewJournalEntry {
        category: Some(JournalCategory::Processing),
        prompt: Some("What happened, and what are you feeling about it now?".into()),
        text: text.into(),
        writing_ms: 95_000,
        mood_before: Some(2),
        mood_after: Some(3),
    }
}

#[tokio::test]
async fn entries_round_trip_page_stay_private_and_summarise() {
    let dir = tempfile::tempdir().unwrap();
    let core = crate::memory_support::open(dir.path()).await;
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
        .list_journal_entries(&ana, JournalFilter::default(), Page::new(1, 0))
        .await
        .unwrap();
    assert_eq!(page.len(), 1);
    assert_eq!(page[0].entry.text, "Second entry", "newest first");
    assert_eq!(
        core.journal()
            .list_journal_entries(
                &ana,
                JournalFilter::default(),
                Page {
                    limit: None,
                    offset: 1
                }
            )
            .await
            .unwrap()[0]
            .entry
            .id,
        saved.id
    );
    assert!(core
        .journal()
        .list_journal_entries(&ana, JournalFilter::default(), Page::new(0, 0))
        .await
        .is_err());

    // Another profile sees none of it.
    assert!(core
        .journal()
        .list_journal_entries(&ben, JournalFilter::default(), Page::default())
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
            .list_journal_entries(&ana, JournalFilter::default(), Page::default())
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
    use wbot_core::memory::{MemoryEngine, MemoryService};
    use wbot_core::profile::ProfileService;

    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(dir.path()).await.unwrap();
    let profiles = ProfileService::new(db.clone(), EventBus::default());
    let engine = MemoryEngine::new(db.clone(), dir.path().to_path_buf(), EventBus::default());
    let memory = MemoryService::new(profiles.clone(), engine);
    memory.configure(crate::memory_support::config()).await;
    let journal = JournalService::new(db.clone(), profiles.clone(), memory);
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

fn free(text: &str) -> NewJournalEntry {
    NewJournalEntry {
        category: None,
        prompt: None,
        text: text.into(),
        writing_ms: 30_000,
        mood_before: None,
        mood_after: None,
    }
}

async fn list(core: &Core, profile: &ProfileId, filter: JournalFilter) -> Vec<String> {
    core.journal()
        .list_journal_entries(profile, filter, Page::default())
        .await
        .unwrap()
        .into_iter()
        .map(|hit| hit.entry.text)
        .collect()
}

fn search(words: &str, mode: JournalSearchMode) -> JournalFilter {
    JournalFilter {
        search: Some(words.into()),
        mode: Some(mode),
        ..JournalFilter::default()
    }
}

#[tokio::test]
async fn entries_are_found_by_words_and_by_meaning_edited_favourited_and_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let core = crate::memory_support::open(dir.path()).await;
    let ana = profile(&core, "Ana").await;
    let ben = profile(&core, "Ben").await;
    let journal = core.journal();

    let party = journal
        .save_journal_entry(
            &ana,
            free("Nobody invited me to the party on Saturday. I stayed home."),
        )
        .await
        .unwrap();
    let garden = journal
        .save_journal_entry(
            &ana,
            entry("The tomatoes in the garden are finally ripening."),
        )
        .await
        .unwrap();
    journal
        .save_journal_entry(
            &ana,
            free("Long meeting about the quarterly budget numbers."),
        )
        .await
        .unwrap();
    journal
        .save_journal_entry(&ben, free("Nobody invited me either, says Ben."))
        .await
        .unwrap();
    assert_eq!(party.category, None);
    assert_eq!(party.prompt, None);

    // By words: every word must appear; word forms match; the prompt's words count too; only Ana's.
    assert_eq!(
        list(
            &core,
            &ana,
            search("invited party", JournalSearchMode::Words)
        )
        .await,
        vec![party.text.clone()]
    );
    assert_eq!(
        list(&core, &ana, search("ripen", JournalSearchMode::Words)).await,
        vec![garden.text.clone()]
    );
    assert_eq!(
        list(&core, &ana, search("feeling", JournalSearchMode::Words)).await,
        vec![garden.text.clone()]
    );
    assert!(list(
        &core,
        &ana,
        search("invited budget", JournalSearchMode::Words)
    )
    .await
    .is_empty());
    assert!(
        list(&core, &ana, search("\"* OR", JournalSearchMode::Words))
            .await
            .is_empty()
    );

    // By meaning: an entry is found by words it never uses, in English and in Spanish.
    for query in ["lonely weekend", "sentirme excluida"] {
        let hits = journal
            .list_journal_entries(
                &ana,
                search(query, JournalSearchMode::Meaning),
                Page::default(),
            )
            .await
            .unwrap();
        assert_eq!(hits.len(), 3, "only Ana's entries are ranked");
        assert_eq!(hits[0].entry.id, party.id, "{query}");
        assert!(hits[0].similarity.unwrap() > hits[1].similarity.unwrap());
    }

    // Favourites and categories filter every kind of list.
    let starred = journal
        .set_journal_favourite(&ana, &garden.id, true)
        .await
        .unwrap();
    assert!(starred.favourite);
    let favourites = JournalFilter {
        favourites_only: true,
        ..JournalFilter::default()
    };
    assert_eq!(
        list(&core, &ana, favourites).await,
        vec![garden.text.clone()]
    );
    let processing = JournalFilter {
        category: Some(JournalCategory::Processing),
        ..search("left out", JournalSearchMode::Meaning)
    };
    assert_eq!(
        list(&core, &ana, processing).await,
        vec![garden.text.clone()]
    );
    let today = time::OffsetDateTime::now_utc().date();
    let days = |from: time::Date, to: time::Date| JournalFilter {
        days: Some(DayRange {
            from: from.to_string(),
            to: to.to_string(),
            utc_offset_minutes: 0,
        }),
        ..JournalFilter::default()
    };
    assert_eq!(list(&core, &ana, days(today, today)).await.len(), 3);
    let yesterday = today.previous_day().unwrap();
    assert!(list(&core, &ana, days(yesterday, yesterday))
        .await
        .is_empty());
    let err = journal
        .list_journal_entries(&ana, days(today, yesterday), Page::default())
        .await
        .unwrap_err();
    assert_eq!(
        (err.reason, err.params.subject),
        (Reason::EndBeforeStart, Some(Subject::DateRange))
    );

    // Editing replaces the words everywhere: the old ones are found no more, the new ones are.
    let edited = journal
        .edit_journal_entry(
            &ana,
            &party.id,
            JournalEdit {
                text: "Sam called in the evening and we laughed for an hour.".into(),
                writing_ms: 60_000,
            },
        )
        .await
        .unwrap();
    assert_eq!(edited.word_count, 11);
    assert_eq!(edited.created_at, party.created_at);
    assert!(
        list(&core, &ana, search("invited", JournalSearchMode::Words))
            .await
            .is_empty()
    );
    assert_eq!(
        list(&core, &ana, search("laughed", JournalSearchMode::Words))
            .await
            .len(),
        1
    );
    assert_eq!(
        journal
            .edit_journal_entry(
                &ben,
                &party.id,
                JournalEdit {
                    text: "mine".into(),
                    writing_ms: 0
                }
            )
            .await
            .unwrap_err()
            .code(),
        ErrorCode::NotFound,
        "another profile's entry is not there"
    );

    // Deleting leaves no trace of the words in any file.
    journal
        .delete_journal_entry(&ana, &garden.id)
        .await
        .unwrap();
    assert_eq!(
        journal
            .journal_entry(&ana, &garden.id)
            .await
            .unwrap_err()
            .code(),
        ErrorCode::NotFound
    );
    assert_eq!(
        journal
            .delete_journal_entry(&ana, &garden.id)
            .await
            .unwrap_err()
            .code(),
        ErrorCode::NotFound
    );
    crate::memory_support::assert_no_trace(dir.path(), &["tomatoes", "invited me to the party"]);
    core.close().await;
}

#[tokio::test]
async fn a_draft_is_kept_until_the_entry_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let core = crate::memory_support::open(dir.path()).await;
    let ana = profile(&core, "Ana").await;
    let ben = profile(&core, "Ben").await;
    let journal = core.journal();
    assert_eq!(journal.journal_draft(&ana).await.unwrap(), None);
    let draft = JournalDraft {
        entry_id: None,
        category: Some(JournalCategory::Gratitude),
        prompt: Some("Three small things".into()),
        text: "The sun, the".into(),
        writing_ms: 4_000,
        mood_before: Some(2),
        updated_at: None,
    };
    let saved = journal
        .save_journal_draft(&ana, draft.clone())
        .await
        .unwrap();
    assert!(saved.updated_at.is_some());
    let later = JournalDraft {
        text: "The sun, the tea, the call.".into(),
        ..draft.clone()
    };
    journal
        .save_journal_draft(&ana, later.clone())
        .await
        .unwrap();
    let kept = journal.journal_draft(&ana).await.unwrap().unwrap();
    assert_eq!(kept.text, later.text);
    assert_eq!(kept.mood_before, Some(2));
    assert_eq!(
        journal.journal_draft(&ben).await.unwrap(),
        None,
        "drafts are per profile"
    );

    // Bad drafts change nothing.
    for bad in [
        JournalDraft {
            text: "a".repeat(50_001),
            ..later.clone()
        },
        JournalDraft {
            mood_before: Some(6),
            ..later.clone()
        },
        JournalDraft {
            entry_id: Some(JournalEntryId::new()),
            ..later.clone()
        },
    ] {
        assert!(journal.save_journal_draft(&ana, bad).await.is_err());
    }
    assert_eq!(
        journal.journal_draft(&ana).await.unwrap().unwrap().text,
        later.text
    );

    journal
        .save_journal_entry(
            &ana,
            NewJournalEntry {
                category: later.category,
                prompt: later.prompt.clone(),
                text: later.text.clone(),
                writing_ms: 9_000,
                mood_before: later.mood_before,
                mood_after: Some(4),
            },
        )
        .await
        .unwrap();
    assert_eq!(
        journal.journal_draft(&ana).await.unwrap(),
        None,
        "saving the entry ends the draft"
    );

    journal.save_journal_draft(&ana, draft).await.unwrap();
    journal.discard_journal_draft(&ana).await.unwrap();
    assert_eq!(journal.journal_draft(&ana).await.unwrap(), None);
    core.close().await;
}
