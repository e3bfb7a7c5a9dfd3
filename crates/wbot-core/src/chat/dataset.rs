//! The labelled sets the judgements are trained and measured on (`crates/wbot-core/data/`, written by the
//! team, CC BY 4.0): crisis and close non-crisis messages, activity intents, everyday messages, memories
//! with paraphrase queries, in English and Spanish. Each item falls in one split, fixed by a hash of its text, so it never
//! moves: `train` (60 %) fits the models, `validation` (20 %) chooses thresholds and settings, `test` (20 %)
//! is only ever reported.

use std::path::{Path, PathBuf};

use serde::Serialize;

/// The languages the sets cover (and the UI speaks).
pub const LANGUAGES: [&str; 2] = ["en", "es"];

/// Which part of a set an item belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Split {
    Train,
    Validation,
    Test,
}

impl Split {
    /// The split of an item, from its text (FNV-1a, so it is the same on every machine and run).
    pub fn of(text: &str) -> Self {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in text.trim().as_bytes() {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        match h % 10 {
            0..=5 => Self::Train,
            6 | 7 => Self::Validation,
            _ => Self::Test,
        }
    }

    /// From its name (`train`, `validation`, `test`).
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "train" => Some(Self::Train),
            "validation" | "val" => Some(Self::Validation),
            "test" => Some(Self::Test),
            _ => None,
        }
    }
}

/// One labelled message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    pub language: &'static str,
    /// The class: `crisis`/`safe` for the crisis sets, the activity for the activity sets.
    pub label: String,
    /// What kind of message it is (e.g. `euphemism`, `idiom`, `deferral`).
    pub category: String,
    pub text: String,
    pub split: Split,
}

/// A memory of the retrieval set, and the queries it answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetrievalSet {
    pub language: &'static str,
    /// `(id, text)`.
    pub memories: Vec<(String, String)>,
    /// `(memory id, query, split)`; the split is the query's.
    pub queries: Vec<(String, String, Split)>,
}

/// The data folder of this checkout.
pub fn default_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// The rows of a TSV file with `fields` columns (blank lines and `#` comments skipped).
fn rows(path: &Path, fields: usize) -> Result<Vec<Vec<String>>, String> {
    read(path)?
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| {
            let cols: Vec<String> = l.split('\t').map(|c| c.trim().to_string()).collect();
            if cols.len() == fields && cols.iter().all(|c| !c.is_empty()) {
                Ok(cols)
            } else {
                Err(format!(
                    "{}:{}: expected {fields} fields",
                    path.display(),
                    i + 1
                ))
            }
        })
        .collect()
}

/// The examples of one file: `label, category, text` rows, or `category, text` rows with `label` given.
fn examples(
    path: &Path,
    language: &'static str,
    label: Option<&str>,
) -> Result<Vec<Example>, String> {
    let fields = if label.is_some() { 2 } else { 3 };
    Ok(rows(path, fields)?
        .into_iter()
        .map(|mut row| {
            let text = row.pop().unwrap_or_default();
            let category = row.pop().unwrap_or_default();
            Example {
                language,
                label: label.map_or_else(|| row.pop().unwrap_or_default(), str::to_string),
                category,
                split: Split::of(&text),
                text,
            }
        })
        .collect())
}

/// The crisis set: `<lang>_crisis.tsv` (label `crisis`) and `<lang>_safe.tsv` (label `safe`).
pub fn crisis(dir: &Path) -> Result<Vec<Example>, String> {
    let mut out = Vec::new();
    for language in LANGUAGES {
        for label in ["crisis", "safe"] {
            let path = dir.join(format!("crisis/{language}_{label}.tsv"));
            out.extend(examples(&path, language, Some(label))?);
        }
    }
    Ok(out)
}

/// The activity set: `activity/<lang>.tsv` with `label, category, text`.
pub fn activity(dir: &Path) -> Result<Vec<Example>, String> {
    let mut out = Vec::new();
    for language in LANGUAGES {
        out.extend(examples(
            &dir.join(format!("activity/{language}.tsv")),
            language,
            None,
        )?);
    }
    Ok(out)
}

/// Everyday messages (greetings, small talk, plans, fragments), none of them a crisis or a request:
/// `everyday/<lang>.tsv` with `category, text`; their label is `none`.
pub fn everyday(dir: &Path) -> Result<Vec<Example>, String> {
    let mut out = Vec::new();
    for language in LANGUAGES {
        let path = dir.join(format!("everyday/{language}.tsv"));
        out.extend(examples(&path, language, Some("none"))?);
    }
    Ok(out)
}

/// The retrieval sets, one per language.
pub fn retrieval(dir: &Path) -> Result<Vec<RetrievalSet>, String> {
    let mut out = Vec::new();
    for language in LANGUAGES {
        let memories: Vec<(String, String)> =
            rows(&dir.join(format!("memory/{language}_memories.tsv")), 2)?
                .into_iter()
                .map(|r| (r[0].clone(), r[1].clone()))
                .collect();
        let mut queries = Vec::new();
        for r in rows(&dir.join(format!("memory/{language}_queries.tsv")), 2)? {
            if !memories.iter().any(|(id, _)| *id == r[0]) {
                return Err(format!("{language} query {:?} names no memory", r[1]));
            }
            queries.push((r[0].clone(), r[1].clone(), Split::of(&r[1])));
        }
        out.push(RetrievalSet {
            language,
            memories,
            queries,
        });
    }
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failing test should panic
mod tests {
    use super::*;

    #[test]
    fn splits_are_stable_and_proportioned() {
        assert_eq!(
            Split::of("I want to kill myself"),
            Split::of(" I want to kill myself ")
        );
        let all = crisis(&default_dir()).unwrap();
        let share = |s| all.iter().filter(|e| e.split == s).count() as f64 / all.len() as f64;
        assert!(
            (share(Split::Train) - 0.6).abs() < 0.05,
            "{}",
            share(Split::Train)
        );
        assert!(
            (share(Split::Test) - 0.2).abs() < 0.05,
            "{}",
            share(Split::Test)
        );
    }

    #[test]
    fn sets_are_big_enough() {
        let crisis = crisis(&default_dir()).unwrap();
        for language in LANGUAGES {
            for label in ["crisis", "safe"] {
                let n = crisis
                    .iter()
                    .filter(|e| e.language == language && e.label == label)
                    .count();
                assert!(n >= 600, "{language} {label}: {n}");
            }
        }
        for set in retrieval(&default_dir()).unwrap() {
            assert!(
                set.memories.len() >= 200 && set.queries.len() >= 200,
                "{}",
                set.language
            );
            assert!(set
                .queries
                .iter()
                .all(|(_, q, _)| q.split_whitespace().count() <= 5));
        }
        let activity = activity(&default_dir()).unwrap();
        assert!(activity.iter().filter(|e| e.language == "es").count() >= 600);
    }

    #[test]
    fn a_malformed_row_is_named() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("activity")).unwrap();
        std::fs::write(
            dir.path().join("activity/en.tsv"),
            "none\tchat\tok\nbreathing only two\n",
        )
        .unwrap();
        let err = activity(dir.path()).unwrap_err();
        assert!(err.contains("en.tsv:2"), "{err}");
    }
}
