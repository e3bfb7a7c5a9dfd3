//! How well memory search finds what a query means: each language's memories in a profile of its own,
//! its queries run against them.

use std::collections::BTreeMap;

use serde::Serialize;

use super::ratio;
use crate::chat::dataset::{RetrievalSet, Split};
use crate::error::Result;
use crate::ids::{MemoryId, ProfileId};
use crate::memory::{MemoryService, NewMemory, SearchOptions};
use crate::profile::ProfileService;

/// How well the Memories screen's ranking finds the memory a query means, and what a chat prompt's recall
/// floor lets through.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RetrievalFigures {
    pub queries: usize,
    pub top1: f64,
    pub top3: f64,
    /// Mean reciprocal rank over the top 10 (0 when not there).
    pub mrr: f64,
    /// The target is in the top 3 and above the recall floor.
    pub prompt_recall: f64,
    /// Memories other than the target the prompt would get, per query.
    pub prompt_others_per_query: f64,
}

/// A retrieval set loaded into its own profile.
pub struct LoadedSet<'a> {
    pub set: &'a RetrievalSet,
    pub profile_id: ProfileId,
    /// Stored memory id → the set's label (`m001`).
    labels: BTreeMap<MemoryId, String>,
}

/// Adds each language's memories to a new profile.
pub async fn load_retrieval<'a>(
    profiles: &ProfileService,
    memory: &MemoryService,
    sets: &'a [RetrievalSet],
) -> Result<Vec<LoadedSet<'a>>> {
    let mut out = Vec::new();
    for set in sets {
        let profile = profiles
            .create_profile(crate::profile::NewProfile {
                display_name: format!("retrieval {}", set.language),
                onboarding: crate::profile::OnboardingAnswers::neutral(),
            })
            .await?;
        let added = memory
            .add_memories(
                &profile.id,
                set.memories
                    .iter()
                    .map(|(_, t)| NewMemory::note(t.clone()))
                    .collect(),
            )
            .await?;
        let labels = set
            .memories
            .iter()
            .zip(&added)
            .map(|((label, _), m)| (m.id.clone(), label.clone()))
            .collect();
        out.push(LoadedSet {
            set,
            profile_id: profile.id,
            labels,
        });
    }
    Ok(out)
}

/// Runs the queries of `split` against loaded sets, with a chat prompt's recall at `floor`.
pub async fn retrieval_report(
    memory: &MemoryService,
    loaded: &[LoadedSet<'_>],
    split: Split,
    floor: f32,
) -> Result<BTreeMap<String, RetrievalFigures>> {
    let mut out = BTreeMap::new();
    for l in loaded {
        let mut f = RetrievalFigures::default();
        let (mut top1, mut top3, mut rr, mut kept, mut others) = (0, 0, 0.0, 0, 0);
        for (target, query, _) in l.set.queries.iter().filter(|q| q.2 == split) {
            let options = SearchOptions {
                limit: Some(10),
                min_similarity: None,
            };
            let hits = memory
                .search_memories(&l.profile_id, query, options)
                .await?;
            let rank = hits
                .iter()
                .position(|h| l.labels.get(&h.memory.id) == Some(target));
            f.queries += 1;
            top1 += usize::from(rank == Some(0));
            top3 += usize::from(rank.is_some_and(|r| r < 3));
            rr += rank.map_or(0.0, |r| 1.0 / (r + 1) as f64);
            let recall = memory
                .recall_with_floor(&l.profile_id, query, None, floor)
                .await?;
            for hit in &recall {
                if l.labels.get(&hit.memory.id) == Some(target) {
                    kept += 1;
                } else {
                    others += 1;
                }
            }
        }
        f.top1 = ratio(top1, f.queries);
        f.top3 = ratio(top3, f.queries);
        f.mrr = if f.queries == 0 {
            0.0
        } else {
            rr / f.queries as f64
        };
        f.prompt_recall = ratio(kept, f.queries);
        f.prompt_others_per_query = ratio(others, f.queries);
        out.insert(l.set.language.to_string(), f);
    }
    Ok(out)
}
