//! Property: whatever memories 2–3 profiles hold, no search, list or get of one profile ever returns
//! another profile's memory, and another profile's memory id is `not_found`.
#![allow(clippy::unwrap_used)] // a failing test should panic

use crate::memory_support;

use std::collections::HashMap;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use wbot_core::db::Page;
use wbot_core::memory::{NewMemory, SearchOptions};
use wbot_core::{ErrorCode, MemoryId, ProfileId};

const SUBJECTS: &[&str] = &[
    "My sister",
    "My boss",
    "The dog",
    "My neighbour",
    "My therapist",
    "Grandma",
];
const VERBS: &[&str] = &[
    "worries about",
    "loves",
    "talked about",
    "keeps forgetting",
    "laughed at",
];
const OBJECTS: &[&str] = &[
    "the garden",
    "running shoes",
    "sleep problems",
    "a trip to Rome",
    "the new job",
    "breathing exercises",
    "green tea",
    "the late train",
];

fn sentence() -> impl Strategy<Value = String> {
    (0..SUBJECTS.len(), 0..VERBS.len(), 0..OBJECTS.len())
        .prop_map(|(s, v, o)| format!("{} {} {}.", SUBJECTS[s], VERBS[v], OBJECTS[o]))
}

#[test]
fn no_operation_crosses_profiles() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let core = rt.block_on(memory_support::open(dir.path()));
    let mut runner = TestRunner::new(Config {
        cases: 8,
        failure_persistence: None,
        ..Config::default()
    });
    let strategy = (
        prop::collection::vec(prop::collection::vec(sentence(), 0..6), 2..=3),
        prop::collection::vec(sentence(), 1..4),
    );
    runner
        .run(&strategy, |(per_profile, queries)| {
            rt.block_on(async {
                let mut owner: HashMap<MemoryId, ProfileId> = HashMap::new();
                let mut profiles = Vec::new();
                for (i, texts) in per_profile.iter().enumerate() {
                    let pid = memory_support::profile(&core, &format!("P{i}")).await;
                    let added = core
                        .memory()
                        .add_memories(
                            &pid,
                            texts.iter().map(|t| NewMemory::note(t.clone())).collect(),
                        )
                        .await
                        .unwrap();
                    for m in added {
                        owner.insert(m.id, pid.clone());
                    }
                    profiles.push(pid);
                }
                for pid in &profiles {
                    let own = owner.values().filter(|p| *p == pid).count();
                    let page = core
                        .memory()
                        .list_memories(pid, Page::new(200, 0))
                        .await
                        .unwrap();
                    prop_assert_eq!(page.total as usize, own);
                    prop_assert!(page
                        .items
                        .iter()
                        .all(|m| &m.profile_id == pid && owner[&m.id] == *pid));
                    for q in &queries {
                        let opts = SearchOptions {
                            limit: Some(50),
                            min_similarity: Some(-1.0),
                        };
                        let hits = core.memory().search_memories(pid, q, opts).await.unwrap();
                        prop_assert!(hits
                            .iter()
                            .all(|h| owner[&h.memory.id] == *pid && &h.memory.profile_id == pid));
                        let recall = core.memory().recall_for_prompt(pid, q, None).await.unwrap();
                        prop_assert!(recall.memories.iter().all(|h| owner[&h.memory.id] == *pid));
                    }
                    for (id, p) in &owner {
                        let got = core.memory().get_memory(pid, id).await;
                        if p == pid {
                            prop_assert_eq!(&got.unwrap().profile_id, pid);
                        } else {
                            prop_assert_eq!(got.unwrap_err().code(), ErrorCode::NotFound);
                        }
                    }
                    let status = core.memory().memory_status(pid).await.unwrap();
                    prop_assert_eq!(status.indexed as usize, own);
                }
                Ok(())
            })
        })
        .unwrap();
    rt.block_on(core.close());
}

/// How many memories match a word is counted in the searching profile's own memories: a name that is rare
/// in Ben's memories stays rare (and lets his memory past a high floor) however often Ana's mention it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_profiles_memories_do_not_change_a_search() {
    let dir = tempfile::tempdir().unwrap();
    let core = memory_support::open(dir.path()).await;
    let ana = memory_support::profile(&core, "Ana").await;
    let ben = memory_support::profile(&core, "Ben").await;
    core.memory()
        .add_memories(
            &ben,
            vec![
                NewMemory::note("Laura is my sister"),
                NewMemory::note("I like green tea"),
            ],
        )
        .await
        .unwrap();
    let strict = || SearchOptions {
        limit: Some(10),
        min_similarity: Some(0.99),
    };
    let texts = |hits: Vec<wbot_core::memory::MemoryHit>| -> Vec<String> {
        hits.into_iter().map(|h| h.memory.text).collect()
    };
    let alone = texts(
        core.memory()
            .search_memories(&ben, "Laura", strict())
            .await
            .unwrap(),
    );
    assert_eq!(
        alone,
        ["Laura is my sister"],
        "a rare name passes the floor"
    );
    core.memory()
        .add_memories(
            &ana,
            (0..8)
                .map(|i| NewMemory::note(format!("Laura called about report {i}")))
                .collect(),
        )
        .await
        .unwrap();
    let beside = texts(
        core.memory()
            .search_memories(&ben, "Laura", strict())
            .await
            .unwrap(),
    );
    assert_eq!(beside, alone);
}
