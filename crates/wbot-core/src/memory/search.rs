//! Hybrid retrieval: candidates from the vector index and the full-text search, ranked by their exact
//! cosine to the query, with memories that name one of the query's rare words (a person, a pet) first; an
//! optional similarity floor that such a name lets through; recency as the tie-breaker; near-duplicates
//! folded. Pure functions, so the rules are unit-tested. Why cosine and not reciprocal-rank fusion: the
//! labelled retrieval set (ADR 0006).

use std::cmp::Ordering;
use std::collections::HashSet;

use super::vector::cosine;
use super::{Memory, MemoryHit};
use crate::ids::ProfileId;

/// Two memories more similar than this are one memory told twice: only the better ranked is kept (with
/// multilingual-e5-small, "…with my sister" and "…with my brother" are 0.952 apart; a changed full stop
/// 0.988).
pub const DUPLICATE_SIMILARITY: f32 = 0.97;
/// What naming one of the query's rare words adds to a memory's rank (more than any cosine difference).
pub const NAME_BONUS: f32 = 1.0;

/// A memory found by at least one of the two searches.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The memory's integer key; larger is newer (keys are never reused).
    pub key: i64,
    pub memory: Memory,
    /// The stored vector, when it has one (none while it waits for re-embedding).
    pub vector: Option<Vec<f32>>,
    /// It names one of the query's rare words (a person, say): see [`rare_terms`] and [`names_one_of`].
    pub rare_match: bool,
}

/// What the keyword search found: memory keys, best first; those holding a rare query word; the rare words.
#[derive(Debug, Default)]
pub struct KeywordHits {
    pub ranked: Vec<i64>,
    pub rare: HashSet<i64>,
    pub rare_words: Vec<String>,
}

/// A query word found in at most this many memories (counted over the device, like the keyword search's
/// other counts) is rare: a name, a place, a pet.
pub const RARE_TERM_MAX_MATCHES: usize = 5;

/// The query's rare words (see [`RARE_TERM_MAX_MATCHES`]), from the terms and how many memories each
/// matches. Words of three letters or fewer are never rare.
pub fn rare_terms(terms: &[(String, usize)]) -> Vec<String> {
    terms
        .iter()
        .filter(|(t, df)| (1..=RARE_TERM_MAX_MATCHES).contains(df) && t.chars().count() > 3)
        .map(|(t, _)| t.clone())
        .collect()
}

/// Whether `text` writes one of `words` (lower case) with a capital letter, as a name is written
/// ("Laura", "Dr. Okafor"): what lets a memory that names a rare query word past a prompt's floor, while
/// a common word that happens to be rare in the memories ("happened") does not.
pub fn names_one_of(text: &str, words: &[String]) -> bool {
    text.split(|c: char| !c.is_alphanumeric()).any(|w| {
        w.chars().next().is_some_and(char::is_uppercase) && words.contains(&w.to_lowercase())
    })
}

/// Fuses candidates into at most `limit` hits.
///
/// With no floor every candidate is ranked (the Memories screen shows the best there are). With a floor
/// (a chat prompt's recall), a hit must reach it in exact cosine to the query, whichever search found it,
/// so a keyword match about something else does not reach the prompt; a memory holding one of the query's
/// rare words (a name) passes anyway. A memory with no vector yet passes only on a rare word.
pub fn fuse(
    query: &[f32],
    candidates: Vec<Candidate>,
    floor: Option<f32>,
    limit: usize,
) -> Vec<MemoryHit> {
    let mut scored: Vec<(f32, f32, Candidate)> = candidates
        .into_iter()
        .filter_map(|c| {
            let similarity = c.vector.as_deref().map_or(0.0, |v| cosine(query, v));
            let passes = match floor {
                None => true,
                Some(floor) => c.rare_match || (c.vector.is_some() && similarity >= floor),
            };
            if !passes {
                return None;
            }
            let score = similarity + if c.rare_match { NAME_BONUS } else { 0.0 };
            Some((score, similarity, c))
        })
        .collect();
    // Best score first; equal scores go to the newer memory.
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

/// The FTS5 query "`text_query` in `columns` (`text`, or `{text prompt}`) of this profile's rows": the
/// profile is its id as one token in the index's `profile_token` column (the id without hyphens, as
/// migrations 0011 and 0012 write it), so the index itself leaves out every other profile's rows.
pub fn fts_in_profile(profile_id: &ProfileId, columns: &str, text_query: &str) -> String {
    let token = fts_phrase(&profile_id.as_str().replace('-', ""));
    format!("profile_token : {token} AND {columns} : ({text_query})")
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
    use crate::ids::{MemoryId, ProfileId};
    use crate::memory::{MemoryKind, MemorySource};

    fn memory(text: &str) -> Memory {
        Memory {
            id: MemoryId::new(),
            profile_id: ProfileId::new(),
            conversation_id: None,
            kind: MemoryKind::Note,
            text: text.into(),
            created_at: "2025-01-02T03:04:05Z".into(),
            updated_at: "2025-01-02T03:04:05Z".into(),
            pinned: false,
            source: MemorySource::User,
        }
    }

    fn cand(key: i64, v: Option<Vec<f32>>) -> Candidate {
        Candidate {
            key,
            memory: memory(&key.to_string()),
            vector: v,
            rare_match: false,
        }
    }

    #[test]
    fn ranking_floor_names_ties_and_duplicates() {
        let q = vec![1.0, 0.0, 0.0];
        let hits = fuse(
            &q,
            vec![
                // cosine 0.9
                cand(1, Some(vec![0.9, 0.43, 0.0])),
                // cosine 0.95, and a near-duplicate of key 4
                cand(2, Some(vec![0.95, 0.0, 0.31])),
                // below the floor
                cand(3, Some(vec![0.1, 0.99, 0.0])),
                // near-duplicate of 2, ranked lower
                cand(4, Some(vec![0.949, 0.01, 0.31])),
                // no vector yet
                cand(5, None),
                // equal cosine (0.8): the newer (7) first
                cand(6, Some(vec![0.8, -0.6, 0.0])),
                cand(7, Some(vec![0.8, 0.0, 0.6])),
            ],
            Some(0.5),
            10,
        );
        let keys: Vec<&str> = hits.iter().map(|h| h.memory.text.as_str()).collect();
        assert_eq!(keys, ["2", "1", "7", "6"]);
        assert_eq!(hits[0].duplicates, 1);
        assert!(hits.iter().all(|h| h.similarity >= 0.5));
        // With no floor everything is ranked, the vector-less memory last.
        let none = fuse(
            &q,
            vec![cand(5, None), cand(3, Some(vec![0.1, 0.99, 0.0]))],
            None,
            10,
        );
        let keys: Vec<&str> = none.iter().map(|h| h.memory.text.as_str()).collect();
        assert_eq!(keys, ["3", "5"]);
        assert!(fuse(&q, vec![cand(5, None)], Some(0.0), 10).is_empty());
        // A name lets a memory below the floor through, and ranks it first.
        let mut named = cand(3, Some(vec![0.1, 0.99, 0.0]));
        named.rare_match = true;
        let hits = fuse(
            &q,
            vec![cand(1, Some(vec![0.9, 0.43, 0.0])), named],
            Some(0.5),
            10,
        );
        assert_eq!(hits[0].memory.text, "3");
        assert_eq!(hits.len(), 2);
        // The limit holds.
        assert_eq!(
            fuse(
                &q,
                vec![
                    cand(1, Some(vec![1.0, 0.0, 0.0])),
                    cand(6, Some(vec![0.8, -0.6, 0.0]))
                ],
                None,
                1
            )
            .len(),
            1
        );
    }

    #[test]
    fn rare_words() {
        let t = |w: &str, df| (w.to_string(), df);
        assert_eq!(
            rare_terms(&[t("laura", 2), t("happened", 40), t("zzzz", 0), t("ana", 1)]),
            ["laura"]
        );
        assert!(rare_terms(&[t("work", RARE_TERM_MAX_MATCHES + 1)]).is_empty());
        let words = vec!["laura".to_string(), "happened".to_string()];
        assert!(names_one_of("Lunch with my sister Laura.", &words));
        assert!(!names_one_of("Something happened at work.", &words));
        assert!(!names_one_of("laura, in lower case", &words));
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
