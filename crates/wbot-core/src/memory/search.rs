//! Hybrid retrieval: reciprocal-rank fusion of the vector and full-text rankings, a similarity floor,
//! recency as the tie-breaker and near-duplicate folding. Pure functions, so the rules are unit-tested.

use std::cmp::Ordering;

use super::vector::cosine;
use super::{Memory, MemoryHit};

/// The constant of reciprocal rank fusion (Cormack et al.; 60 is the usual choice).
pub const RRF_K: f32 = 60.0;
/// Two memories more similar than this are one memory told twice: only the better ranked is kept.
pub const DUPLICATE_SIMILARITY: f32 = 0.95;

/// A memory found by at least one of the two searches.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The memory's integer key; larger is newer (keys are never reused).
    pub key: i64,
    pub memory: Memory,
    /// The stored vector, when it has one (none while it waits for re-embedding).
    pub vector: Option<Vec<f32>>,
    /// 1-based rank in the vector search, if it was found there.
    pub vector_rank: Option<usize>,
    /// 1-based rank in the full-text search, if it was found there.
    pub text_rank: Option<usize>,
}

/// Fuses candidates into at most `limit` hits.
///
/// The floor applies to every hit, including those only the full-text search found: their similarity is
/// the exact cosine between the query and their stored vector, so a keyword match about something else does
/// not reach the prompt. A memory with no vector yet passes only when `floor <= 0`.
pub fn fuse(query: &[f32], candidates: Vec<Candidate>, floor: f32, limit: usize) -> Vec<MemoryHit> {
    let mut scored: Vec<(f32, f32, Candidate)> = candidates
        .into_iter()
        .filter_map(|c| {
            let similarity = c.vector.as_deref().map_or(0.0, |v| cosine(query, v));
            let passes = if c.vector.is_some() {
                similarity >= floor
            } else {
                floor <= 0.0
            };
            if !passes {
                return None;
            }
            let rrf = |rank: Option<usize>| rank.map_or(0.0, |r| 1.0 / (RRF_K + r as f32));
            let score = rrf(c.vector_rank) + rrf(c.text_rank);
            Some((score, similarity, c))
        })
        .collect();
    // Best fused score first; equal scores go to the newer memory.
    scored.sort_by(|a, b| {
        b.0.partial_cmp(&a.0)
            .unwrap_or(Ordering::Equal)
            .then_with(|| b.2.key.cmp(&a.2.key))
    });

    let mut kept: Vec<(Option<Vec<f32>>, MemoryHit)> = Vec::new();
    for (score, similarity, c) in scored {
        if let Some(v) = &c.vector {
            let duplicate_of = kept.iter_mut().find(|(kv, _)| {
                kv.as_deref()
                    .is_some_and(|kv| cosine(kv, v) > DUPLICATE_SIMILARITY)
            });
            if let Some((_, hit)) = duplicate_of {
                hit.duplicates += 1;
                continue;
            }
        }
        if kept.len() == limit {
            // Keep scanning only to count duplicates of what is already kept.
            continue;
        }
        kept.push((
            c.vector,
            MemoryHit {
                memory: c.memory,
                score,
                similarity,
                duplicates: 0,
            },
        ));
    }
    kept.into_iter().map(|(_, hit)| hit).collect()
}

/// English words too common to help a keyword search; dropped unless the query has nothing else.
const STOPWORDS: &[&str] = &[
    "a", "about", "all", "am", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by",
    "can", "could", "did", "do", "does", "for", "from", "had", "has", "have", "he", "her", "him",
    "his", "how", "i", "if", "im", "in", "into", "is", "it", "its", "just", "me", "my", "no",
    "not", "of", "on", "or", "our", "she", "so", "some", "that", "the", "their", "them", "then",
    "there", "they", "this", "to", "too", "up", "us", "very", "was", "we", "were", "what", "when",
    "which", "who", "why", "will", "with", "would", "you", "your",
];

/// Most terms a keyword query uses (long texts make slow, unfocused full-text queries).
const MAX_TERMS: usize = 24;

/// A term matching more memories than this is left out of the keyword search (checked with a bounded
/// count, so the check itself stays cheap): BM25 gives such a term almost no weight, yet ranking its matches
/// costs about a microsecond each.
pub const FTS_TERM_CAP: usize = 2_000;
/// Most matches (summed over the kept terms) the keyword search may rank, which bounds its time.
pub const FTS_BUDGET: usize = 3_000;

/// The words of a text for a keyword search: lower-case letters and digits, deduplicated, common English
/// words left out unless nothing else is left, at most 24.
pub fn fts_terms(text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        let w = word.to_lowercase();
        if !words.contains(&w) {
            words.push(w);
        }
    }
    let content: Vec<String> = words
        .iter()
        .filter(|w| !STOPWORDS.contains(&w.as_str()))
        .cloned()
        .collect();
    let mut chosen = if content.is_empty() { words } else { content };
    chosen.truncate(MAX_TERMS);
    chosen
}

/// Quotes one term for FTS5, so no user text is ever read as FTS5 syntax.
pub fn fts_phrase(term: &str) -> String {
    format!("\"{}\"", term.replace('"', ""))
}

/// Builds the FTS5 query from terms and how many memories each matches (capped at [`FTS_TERM_CAP`] + 1):
/// the rarest terms first, OR-ed, while their matches fit in [`FTS_BUDGET`]. `None` when no term is kept.
pub fn fts_query(terms: &[(String, usize)]) -> Option<String> {
    let mut sorted: Vec<&(String, usize)> =
        terms.iter().filter(|(_, df)| *df <= FTS_TERM_CAP).collect();
    sorted.sort_by_key(|(_, df)| *df);
    let mut used = 0usize;
    let mut kept = Vec::new();
    for (term, df) in sorted {
        if *df == 0 {
            continue; // matches nothing
        }
        if used + df > FTS_BUDGET {
            break;
        }
        used += df;
        kept.push(fts_phrase(term));
    }
    (!kept.is_empty()).then(|| kept.join(" OR "))
}

/// The block of memories placed in a chat prompt: one line per memory, at most `max_chars` characters,
/// never cutting inside a character (a memory that does not fit is shortened with an ellipsis).
pub fn format_block(hits: &[MemoryHit], max_chars: usize) -> String {
    const HEADER: &str = "Things the user shared in earlier conversations (most relevant first):";
    if hits.is_empty() {
        return String::new();
    }
    let mut out = String::from(HEADER);
    let mut used = HEADER.chars().count();
    for hit in hits {
        let date = hit
            .memory
            .created_at
            .get(..10)
            .unwrap_or(&hit.memory.created_at);
        let text: String = hit
            .memory
            .text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let prefix = format!("\n- ({date}) ");
        let room = max_chars.saturating_sub(used + prefix.chars().count());
        if room < 16 {
            break;
        }
        let line = if text.chars().count() <= room {
            text
        } else {
            let cut: String = text.chars().take(room - 1).collect();
            format!("{}…", cut.trim_end())
        };
        used += prefix.chars().count() + line.chars().count();
        out.push_str(&prefix);
        out.push_str(&line);
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failing test should panic
mod tests {
    use super::*;
    use crate::memory::{MemoryKind, MemorySource};

    fn memory(text: &str) -> Memory {
        Memory {
            id: text.into(),
            profile_id: "p".into(),
            conversation_id: None,
            kind: MemoryKind::Note,
            text: text.into(),
            created_at: "2025-01-02T03:04:05Z".into(),
            updated_at: "2025-01-02T03:04:05Z".into(),
            pinned: false,
            source: MemorySource::User,
        }
    }

    fn cand(key: i64, v: Option<Vec<f32>>, vr: Option<usize>, tr: Option<usize>) -> Candidate {
        Candidate {
            key,
            memory: memory(&key.to_string()),
            vector: v,
            vector_rank: vr,
            text_rank: tr,
        }
    }

    #[test]
    fn fusion_floor_ties_and_duplicates() {
        let q = vec![1.0, 0.0, 0.0];
        let hits = fuse(
            &q,
            vec![
                // in both lists: best
                cand(1, Some(vec![0.9, 0.43, 0.0]), Some(2), Some(1)),
                // vector rank 1 only, and a near-duplicate of key 4 (newer, same score shape)
                cand(2, Some(vec![0.95, 0.0, 0.31]), Some(1), None),
                // text only but below the floor
                cand(3, Some(vec![0.1, 0.99, 0.0]), None, Some(2)),
                // near-duplicate of 2, ranked lower
                cand(4, Some(vec![0.95, 0.01, 0.31]), Some(3), None),
                // no vector yet
                cand(5, None, None, Some(3)),
                // tie with key 7 (both text rank... different lists, same rank): newer wins
                cand(6, Some(vec![0.8, -0.6, 0.0]), None, Some(4)),
                cand(7, Some(vec![0.8, 0.3, -0.52]), Some(4), None),
            ],
            0.5,
            10,
        );
        let keys: Vec<&str> = hits.iter().map(|h| h.memory.id.as_str()).collect();
        assert_eq!(keys, ["1", "2", "7", "6"]);
        assert_eq!(hits[1].duplicates, 1);
        assert!(hits.iter().all(|h| h.similarity >= 0.5));
        let hits = fuse(&q, vec![cand(5, None, None, Some(1))], 0.0, 10);
        assert_eq!(hits.len(), 1);
    }

    #[test]
    fn fts_terms_and_query() {
        assert_eq!(
            fts_terms("I feel anxious about WORK, work!"),
            ["feel", "anxious", "work"]
        );
        assert_eq!(fts_terms("the a"), ["the", "a"]);
        assert_eq!(fts_terms("\") OR NEAR(x*"), ["near", "x"]);
        assert!(fts_terms("?!... ").is_empty());
        let t = |w: &str, df| (w.to_string(), df);
        // rarest first, common and absent terms left out, budget respected
        let q = fts_query(&[
            t("felt", FTS_TERM_CAP + 1),
            t("pixel", 3),
            t("dog", 900),
            t("zzz", 0),
            t("walk", 2_500),
        ]);
        assert_eq!(q.as_deref(), Some("\"pixel\" OR \"dog\""));
        assert_eq!(
            fts_query(&[t("walk", 1_600), t("river", 1_500)]).as_deref(),
            Some("\"river\"")
        );
        assert_eq!(fts_query(&[t("felt", FTS_TERM_CAP + 1)]), None);
    }

    #[test]
    fn block_is_capped_on_character_boundaries() {
        let long = "é".repeat(5000);
        let hits: Vec<MemoryHit> = ["short one", long.as_str(), "third"]
            .iter()
            .map(|t| MemoryHit {
                memory: memory(t),
                score: 1.0,
                similarity: 1.0,
                duplicates: 0,
            })
            .collect();
        let block = format_block(&hits, 2000);
        assert!(block.chars().count() <= 2000, "{}", block.chars().count());
        assert!(block.contains("short one"));
        assert!(block.ends_with('…'));
        assert_eq!(format_block(&[], 2000), "");
    }
}
