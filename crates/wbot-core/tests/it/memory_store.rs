//! Memories on a real migrated database file, with the real model and a real usearch index: CRUD, hybrid
//! search, the prompt block, bad inputs, and the index's save / load / rebuild / stale rules.
#![allow(clippy::unwrap_used)] // a failing test should panic

use crate::memory_support;

use crate::memory_support::{index_file, open, open_with, profile};
use wbot_core::db::Page;
use wbot_core::memory::{
    IndexCheck, IndexHealth, MemoryKind, MemorySource, NewMemory, SearchOptions,
};
use wbot_core::{Core, ErrorCode, MemoryId, ProfileId, Reason};

const FACTS: &[&str] = &[
    "My sister Lena lives in Lisbon and we call every Sunday.",
    "I get anxious before big presentations at work.",
    "Running by the river in the morning lifts my mood.",
    "I'm allergic to cats, so I can't visit Tom's flat.",
    "Coffee after 3pm ruins my sleep.",
    "My dog Pixel is a ten-year-old beagle.",
];

async fn seed(core: &Core, pid: &ProfileId) -> Vec<wbot_core::memory::Memory> {
    core.memory()
        .add_memories(pid, FACTS.iter().map(|t| NewMemory::note(*t)).collect())
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crud_search_and_recall() {
    let dir = tempfile::tempdir().unwrap();
    let core = open(dir.path()).await;
    let pid = profile(&core, "Ana").await;
    let added = seed(&core, &pid).await;
    assert_eq!(added.len(), FACTS.len());

    // get / list (newest first, paged)
    let got = core.memory().get_memory(&pid, &added[0].id).await.unwrap();
    assert_eq!(got, added[0]);
    let page = core
        .memory()
        .list_memories(&pid, Page::new(4, 0))
        .await
        .unwrap();
    assert_eq!(page.total, 6);
    assert_eq!(page.items.len(), 4);
    assert_eq!(page.items[0].text, FACTS[5]);
    assert_eq!(page.next_offset, Some(4));
    let page2 = core
        .memory()
        .list_memories(&pid, Page::new(4, 4))
        .await
        .unwrap();
    assert_eq!(page2.items.len(), 2);
    assert_eq!(page2.next_offset, None);

    // search by meaning (no shared keyword) and by keyword
    let hits = core
        .memory()
        .search_memories(
            &pid,
            "nervous about public speaking",
            SearchOptions::default(),
        )
        .await
        .unwrap();
    assert_eq!(hits[0].memory.text, FACTS[1], "{hits:?}");
    assert!(hits.iter().all(|h| h.similarity >= 0.5));
    let hits = core
        .memory()
        .search_memories(
            &pid,
            "Pixel",
            SearchOptions {
                limit: Some(3),
                min_similarity: Some(0.0),
            },
        )
        .await
        .unwrap();
    assert_eq!(hits[0].memory.text, FACTS[5]);
    assert!(hits.len() <= 3);

    // update text re-embeds: the old meaning is gone, the new one is found
    let updated = core
        .memory()
        .update_memory(
            &pid,
            &added[4].id,
            "  Green tea in the evening helps me unwind.  ",
        )
        .await
        .unwrap();
    assert_eq!(updated.text, "Green tea in the evening helps me unwind.");
    assert_eq!(updated.id, added[4].id);
    let hits = core
        .memory()
        .search_memories(
            &pid,
            "drinking tea to relax at night",
            SearchOptions::default(),
        )
        .await
        .unwrap();
    assert_eq!(hits[0].memory.id, added[4].id);

    // recall for the prompt: top 3 at most, capped block
    let recall = core
        .memory()
        .recall_for_prompt(&pid, "How is my sister doing in Portugal?", None)
        .await
        .unwrap();
    assert!(!recall.memories.is_empty() && recall.memories.len() <= 3);
    assert_eq!(recall.memories[0].memory.text, FACTS[0]);
    assert!(recall.block.contains(FACTS[0]));
    assert!(recall.block.chars().count() <= 2000);
    let nothing = core
        .memory()
        .recall_for_prompt(&pid, "quantum chromodynamics lattice gauge", None)
        .await
        .unwrap();
    assert!(nothing.memories.is_empty(), "{:?}", nothing.memories);
    assert_eq!(nothing.block, "");

    // near-duplicates are folded into one hit
    core.memory()
        .add_memory(
            &pid,
            NewMemory::note("My dog Pixel is a ten year old beagle!"),
        )
        .await
        .unwrap();
    let hits = core
        .memory()
        .search_memories(&pid, "my beagle", SearchOptions::default())
        .await
        .unwrap();
    let pixel: Vec<_> = hits
        .iter()
        .filter(|h| h.memory.text.contains("Pixel"))
        .collect();
    assert_eq!(pixel.len(), 1, "{hits:?}");
    assert_eq!(pixel[0].duplicates, 1);

    // delete one; forget all
    core.memory()
        .delete_memory(&pid, &added[5].id)
        .await
        .unwrap();
    assert_eq!(
        core.memory()
            .get_memory(&pid, &added[5].id)
            .await
            .unwrap_err()
            .code(),
        ErrorCode::NotFound
    );
    assert_eq!(
        core.memory()
            .delete_memory(&pid, &added[5].id)
            .await
            .unwrap_err()
            .code(),
        ErrorCode::NotFound
    );
    let status = core.memory().memory_status(&pid).await.unwrap();
    assert_eq!(
        (status.count, status.indexed, status.pending_embeddings),
        (6, 6, 0)
    );
    assert_eq!(status.index, IndexHealth::Ready);
    assert_eq!(status.model_id, "multilingual-e5-small");
    assert_eq!(status.dimensions, 384);
    assert_eq!(core.memory().forget_all_memories(&pid).await.unwrap(), 6);
    let status = core.memory().memory_status(&pid).await.unwrap();
    assert_eq!((status.count, status.indexed), (0, 0));
    assert!(core
        .memory()
        .search_memories(&pid, "beagle", SearchOptions::default())
        .await
        .unwrap()
        .is_empty());
    core.memory().flush().await.unwrap();
    core.close().await;
}

fn code<T: std::fmt::Debug>(r: Result<T, wbot_core::CoreError>) -> ErrorCode {
    r.unwrap_err().code()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_inputs_get_typed_errors() {
    let dir = tempfile::tempdir().unwrap();
    let core = open(dir.path()).await;
    let pid = profile(&core, "Ana").await;
    let other = profile(&core, "Ben").await;
    let mine = core
        .memory()
        .add_memory(&pid, NewMemory::note("I like long walks."))
        .await
        .unwrap();

    for text in ["", "   ", "\n\t "] {
        assert_eq!(
            code(core.memory().add_memory(&pid, NewMemory::note(text)).await),
            ErrorCode::Validation
        );
        assert_eq!(
            code(
                core.memory()
                    .search_memories(&pid, text, SearchOptions::default())
                    .await
            ),
            ErrorCode::Validation
        );
        assert_eq!(
            code(core.memory().update_memory(&pid, &mine.id, text).await),
            ErrorCode::Validation
        );
    }
    let huge = "x".repeat(1 << 20);
    let err = core
        .memory()
        .add_memory(&pid, NewMemory::note(huge.clone()))
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Validation);
    assert_eq!(
        (err.reason, err.params.actual),
        (Reason::TooLong, Some(1_048_576.0))
    );
    assert_eq!(
        code(core.memory().recall_for_prompt(&pid, &huge, None).await),
        ErrorCode::Validation
    );
    let just_over = "é".repeat(8001);
    assert_eq!(
        code(
            core.memory()
                .add_memory(&pid, NewMemory::note(just_over))
                .await
        ),
        ErrorCode::Validation
    );
    core.memory()
        .add_memory(&pid, NewMemory::note("é".repeat(8000)))
        .await
        .unwrap();

    // one bad item rejects the whole batch, naming it
    let err = core
        .memory()
        .add_memories(&pid, vec![NewMemory::note("fine"), NewMemory::note(" ")])
        .await
        .unwrap_err();
    assert_eq!(
        (err.reason, err.params.item),
        (Reason::Empty, Some(2)),
        "{err}"
    );
    // A conversation id that is not one never becomes a `NewMemory`.
    let bad_conv = serde_json::json!({
        "kind": "note", "text": "with a conversation", "conversationId": "not-a-uuid", "source": "user"
    });
    assert!(serde_json::from_value::<NewMemory>(bad_conv).is_err());

    // ids
    let unknown = ProfileId::new();
    assert_eq!(
        code(core.memory().get_memory(&unknown, &mine.id).await),
        ErrorCode::NotFound
    );
    assert_eq!(
        code(
            core.memory()
                .add_memory(&unknown, NewMemory::note("x"))
                .await
        ),
        ErrorCode::NotFound
    );
    assert_eq!(
        code(core.memory().get_memory(&pid, &MemoryId::new()).await),
        ErrorCode::NotFound
    );
    // another profile's memory is not found, for every operation
    assert_eq!(
        code(core.memory().get_memory(&other, &mine.id).await),
        ErrorCode::NotFound
    );
    assert_eq!(
        code(
            core.memory()
                .update_memory(&other, &mine.id, "mine now")
                .await
        ),
        ErrorCode::NotFound
    );
    assert_eq!(
        code(core.memory().delete_memory(&other, &mine.id).await),
        ErrorCode::NotFound
    );
    assert_eq!(core.memory().forget_all_memories(&other).await.unwrap(), 0);
    assert_eq!(
        core.memory().get_memory(&pid, &mine.id).await.unwrap().text,
        "I like long walks."
    );

    // limits
    let opts = |limit| SearchOptions {
        limit: Some(limit),
        min_similarity: None,
    };
    assert_eq!(
        code(core.memory().search_memories(&pid, "walks", opts(0)).await),
        ErrorCode::Validation
    );
    assert_eq!(
        code(core.memory().search_memories(&pid, "walks", opts(51)).await),
        ErrorCode::Validation
    );
    assert_eq!(
        code(core.memory().list_memories(&pid, Page::new(0, 0)).await),
        ErrorCode::Validation
    );
    assert_eq!(
        code(core.memory().list_memories(&pid, Page::new(201, 0)).await),
        ErrorCode::Validation
    );
    let many = (0..1001)
        .map(|i| NewMemory::note(format!("m{i}")))
        .collect();
    assert_eq!(
        code(core.memory().add_memories(&pid, many).await),
        ErrorCode::Validation
    );

    // FTS syntax in a query is just text
    core.memory()
        .search_memories(&pid, "\"walks\" OR NEAR(a b) *", SearchOptions::default())
        .await
        .unwrap();
    core.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn index_round_trip_rebuild_and_stale_detection() {
    let dir = tempfile::tempdir().unwrap();
    let (pid, ids) = {
        let core = open(dir.path()).await;
        let pid = profile(&core, "Ana").await;
        let mut m = NewMemory::note(FACTS[0]);
        m.kind = MemoryKind::Journal;
        m.source = MemorySource::Import;
        m.pinned = true;
        let first = core.memory().add_memory(&pid, m).await.unwrap();
        let rest = core
            .memory()
            .add_memories(
                &pid,
                FACTS[1..].iter().map(|t| NewMemory::note(*t)).collect(),
            )
            .await
            .unwrap();
        assert_eq!(
            core.memory().memory_status(&pid).await.unwrap().last_check,
            Some(IndexCheck::Missing)
        );
        core.memory().flush().await.unwrap();
        core.close().await;
        let mut ids = vec![first.id];
        ids.extend(rest.into_iter().map(|m| m.id));
        (pid, ids)
    };
    let file = index_file(dir.path(), &pid);
    assert!(file.is_file());

    let reopen_check = |expected: IndexCheck| {
        let dir = dir.path().to_path_buf();
        let pid = pid.clone();
        let ids = ids.clone();
        async move {
            let core = open(&dir).await;
            let status = core.memory().memory_status(&pid).await.unwrap();
            assert_eq!(status.last_check, Some(expected));
            assert_eq!(
                (status.count, status.indexed),
                (ids.len() as u32, ids.len() as u32)
            );
            let hits = core
                .memory()
                .search_memories(
                    &pid,
                    "nervous about public speaking",
                    SearchOptions::default(),
                )
                .await
                .unwrap();
            assert_eq!(hits[0].memory.id, ids[1]);
            let first = core.memory().get_memory(&pid, &ids[0]).await.unwrap();
            assert_eq!(
                (first.kind, first.source, first.pinned),
                (MemoryKind::Journal, MemorySource::Import, true)
            );
            core.memory().flush().await.unwrap();
            core.close().await;
        }
    };

    // saved and reloaded as is
    reopen_check(IndexCheck::Loaded).await;
    // deleted → rebuilt
    std::fs::remove_file(&file).unwrap();
    reopen_check(IndexCheck::Missing).await;
    reopen_check(IndexCheck::Loaded).await;
    // truncated → rebuilt
    let len = std::fs::metadata(&file).unwrap().len();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&file)
        .unwrap()
        .set_len(len / 2)
        .unwrap();
    reopen_check(IndexCheck::Corrupt).await;
    // garbage → rebuilt
    std::fs::write(&file, b"definitely not an index").unwrap();
    reopen_check(IndexCheck::Corrupt).await;
    reopen_check(IndexCheck::Loaded).await;

    // stale: the database moved on (a generation the file does not have)
    {
        let core = Core::open(dir.path()).await.unwrap();
        let mut tx = core.db().begin_write().await.unwrap();
        sqlx::query(
            "UPDATE memory_index_state SET generation = generation + 1 WHERE profile_id = ?",
        )
        .bind(&pid)
        .execute(&mut *tx)
        .await
        .unwrap();
        tx.commit().await.unwrap();
        core.close().await;
    }
    reopen_check(IndexCheck::Stale).await;
    // stale: a count the file does not have
    {
        let core = Core::open(dir.path()).await.unwrap();
        let mut tx = core.db().begin_write().await.unwrap();
        sqlx::query(
            "UPDATE memory_index_state SET saved_count = saved_count + 1 WHERE profile_id = ?",
        )
        .bind(&pid)
        .execute(&mut *tx)
        .await
        .unwrap();
        tx.commit().await.unwrap();
        core.close().await;
    }
    reopen_check(IndexCheck::Stale).await;
    // stale: a change committed but never saved to the index (as after a crash)
    {
        let mut config = memory_support::config();
        config.save_delay = std::time::Duration::from_secs(3600);
        let core = open_with(dir.path(), config).await;
        let extra = core
            .memory()
            .add_memory(&pid, NewMemory::note("An unsaved memory."))
            .await
            .unwrap();
        core.memory().delete_memory(&pid, &extra.id).await.unwrap();
        // As after a crash: the database lets go (so the folder can be opened again) but the index is
        // never saved.
        core.db().close().await;
    }
    reopen_check(IndexCheck::Stale).await;
    reopen_check(IndexCheck::Loaded).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_model_change_re_embeds_in_the_background() {
    let dir = tempfile::tempdir().unwrap();
    let core = open(dir.path()).await;
    let pid = profile(&core, "Ana").await;
    seed(&core, &pid).await;
    let mut events = core.events().subscribe();

    // Same files, another id: stands for a new model version.
    let mut config = memory_support::config();
    config.model_id = "multilingual-e5-small@next".into();
    core.memory().configure(config).await;
    let mut status = core.memory().memory_status(&pid).await.unwrap();
    assert_eq!(status.model_id, "multilingual-e5-small@next");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while status.pending_embeddings > 0 || status.rebuild_in_progress {
        assert!(
            std::time::Instant::now() < deadline,
            "re-embedding did not finish: {status:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        status = core.memory().memory_status(&pid).await.unwrap();
    }
    assert_eq!((status.count, status.indexed), (6, 6));
    let mut saw_progress = false;
    while let Ok(e) = events.try_recv() {
        if let wbot_core::events::CoreEvent::Progress(p) = e {
            saw_progress |= p.job == "memory.reembed" && p.done == 6 && p.total == 6;
        }
    }
    assert!(saw_progress);
    let hits = core
        .memory()
        .search_memories(&pid, "my beagle", SearchOptions::default())
        .await
        .unwrap();
    assert_eq!(hits[0].memory.text, FACTS[5]);
    core.memory().flush().await.unwrap();
    core.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deleting_a_profile_removes_its_index_file_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let core = open(dir.path()).await;
    let ana = profile(&core, "Ana").await;
    let ben = profile(&core, "Ben").await;
    for pid in [&ana, &ben] {
        core.memory()
            .add_memory(pid, NewMemory::note("Evening walks help me unwind."))
            .await
            .unwrap();
    }
    core.memory().flush().await.unwrap();
    assert!(index_file(dir.path(), &ana).exists());

    core.delete_profile(&ana).await.unwrap();
    assert!(
        !index_file(dir.path(), &ana).exists(),
        "Ana's vectors are gone with her"
    );
    assert!(
        index_file(dir.path(), &ben).exists(),
        "Ben's index is untouched"
    );
    let hits = core
        .memory()
        .search_memories(&ben, "walking in the evening", SearchOptions::default())
        .await
        .unwrap();
    assert_eq!(hits.len(), 1);
    core.close().await;
}

/// Deleting a memory removes its words from every file of the data folder at once, while the app runs:
/// its row (`secure_delete`), the full-text index (FTS5 `secure-delete`) and the WAL (checkpointed).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deleted_memory_leaves_no_trace_in_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let core = open(dir.path()).await;
    let pid = profile(&core, "Ana").await;
    let word = "Xylophonequartz";
    let memory = core
        .memory()
        .add_memory(
            &pid,
            NewMemory::note(format!("{word} is the name of my secret diary.")),
        )
        .await
        .unwrap();
    core.memory().delete_memory(&pid, &memory.id).await.unwrap();
    memory_support::assert_no_trace(dir.path(), &[word, &word.to_lowercase()]);
    core.close().await;
}

/// A save scheduled just before the profile was deleted must not write its vectors back. Ben's save,
/// scheduled right after Ana's with the same delay, marks when Ana's has had its turn.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_save_scheduled_before_a_profile_is_deleted_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let core = open(dir.path()).await;
    let ana = profile(&core, "Ana").await;
    let ben = profile(&core, "Ben").await;
    for pid in [&ana, &ben] {
        // Opens (and saves) the empty index first, so the add below only schedules a save.
        core.memory().memory_status(pid).await.unwrap();
    }
    core.memory()
        .add_memory(&ana, NewMemory::note("Evening walks help me unwind."))
        .await
        .unwrap();
    core.delete_profile(&ana).await.unwrap();
    let ben_saved = std::fs::metadata(index_file(dir.path(), &ben))
        .unwrap()
        .modified()
        .unwrap();
    core.memory()
        .add_memory(&ben, NewMemory::note("Tea before bed calms me."))
        .await
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while std::fs::metadata(index_file(dir.path(), &ben))
        .unwrap()
        .modified()
        .unwrap()
        == ben_saved
    {
        assert!(
            std::time::Instant::now() < deadline,
            "Ben's index was never saved"
        );
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    assert!(
        !index_file(dir.path(), &ana).exists(),
        "Ana's vectors were written back after she was deleted"
    );
    core.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_name_recalls_what_mentions_it_and_spanish_finds_spanish() {
    let dir = tempfile::tempdir().unwrap();
    let core = open(dir.path()).await;
    let pid = profile(&core, "Ana").await;
    seed(&core, &pid).await;
    let canelo = core
        .memory()
        .add_memory(
            &pid,
            NewMemory::note("Mi perro Canelo se escapó del parque ayer."),
        )
        .await
        .unwrap();

    // A second conversation asks about a person named in the first: the name alone brings it back, even
    // where its similarity to the question is under the prompt's floor.
    let recall = core
        .memory()
        .recall_for_prompt(&pid, "What happened with Lena?", None)
        .await
        .unwrap();
    assert_eq!(
        recall.memories[0].memory.text, FACTS[0],
        "{:?}",
        recall.memories
    );
    let bare = core
        .memory()
        .search_memories(&pid, "Lena", SearchOptions::default())
        .await
        .unwrap();
    assert_eq!(bare[0].memory.text, FACTS[0]);
    // The Memories screen ranks everything: a query with nothing in common still shows the best there are.
    let anything = core
        .memory()
        .search_memories(&pid, "quantum chromodynamics", SearchOptions::default())
        .await
        .unwrap();
    assert!(!anything.is_empty());
    // At a floor nothing reaches by meaning, the name is what lets it through.
    let named = core
        .memory()
        .recall_with_floor(&pid, "What happened with Lena?", None, 0.99)
        .await
        .unwrap();
    assert_eq!(named.len(), 1, "{named:?}");
    assert_eq!(named[0].memory.text, FACTS[0]);
    // A common word that happens to be rare here is not a name: no free pass past the floor.
    let common = core
        .memory()
        .recall_with_floor(&pid, "sleep", None, 0.99)
        .await
        .unwrap();
    assert!(common.is_empty(), "{common:?}");
    // Spanish, by meaning: no shared word.
    let lost = core
        .memory()
        .search_memories(&pid, "mascota perdida", SearchOptions::default())
        .await
        .unwrap();
    assert_eq!(lost[0].memory.id, canelo.id, "{lost:?}");
}
