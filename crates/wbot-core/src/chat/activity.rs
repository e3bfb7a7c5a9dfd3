//! The offline activity classifier (SPEC §2): does a message ask for (or would it clearly benefit from)
//! breathing, meditation or journaling? k nearest neighbours over the bundled sentence embeddings of the
//! labelled examples in `activity.tsv` (compiled in), plus deterministic vetoes for past, declined, sceptical
//! and second-hand mentions, which embeddings alone confuse with requests ("I used to do breathing
//! exercises" sits right next to "let's do a breathing exercise").

use serde::{Deserialize, Serialize};
use tokio::sync::OnceCell;

use super::crisis::{clauses, compile, match_at, Pattern};
use crate::error::{CoreError, Result};
use crate::memory::Priority;
use crate::Core;

/// The labelled examples, one `label<TAB>text` per line.
pub const EXAMPLES_TSV: &str = include_str!("activity.tsv");
/// Neighbours that vote.
const K: usize = 7;
/// Sharpness of the similarity weighting: a neighbour at cosine 0.8 counts e² ≈ 7× one at 0.6.
const TEMPERATURE: f32 = 0.1;
/// Below this cosine to its nearest example a message is not about any activity.
const MIN_SIMILARITY: f32 = 0.45;
/// An activity is proposed only at or above this confidence.
pub const PROPOSE_THRESHOLD: f32 = 0.5;

/// What the companion may offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Activity {
    None,
    Breathing,
    Meditation,
    Journaling,
}

impl Activity {
    /// Every value, in order.
    pub const ALL: [Self; 4] = [
        Self::None,
        Self::Breathing,
        Self::Meditation,
        Self::Journaling,
    ];

    /// The value as written in the examples and sent.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Breathing => "breathing",
            Self::Meditation => "meditation",
            Self::Journaling => "journaling",
        }
    }

    fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == raw)
    }
}

/// The classifier's answer for one message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ActivityGuess {
    pub activity: Activity,
    /// 0–1: the share of the neighbours' weighted vote (1 for a rule's veto).
    pub confidence: f32,
    /// Whether to offer it: an activity at or above [`PROPOSE_THRESHOLD`].
    pub propose: bool,
    /// The rule that vetoed a proposal, if one did (a pattern, never the user's words).
    pub rule: Option<String>,
}

/// Phrases that mean "not now / not me / not a request" (normalised like the crisis detector's input:
/// "don't" is "do not"; `*` skips up to 3 words).
const VETO: &[&str] = &[
    "used to",
    "already",
    "stopped|quit|skipped",
    "tried * once|before",
    "years|months|weeks ago",
    "last year|month|week",
    "did not help|work",
    "never work~|help~",
    "does not work|help",
    "not want to|any",
    "no thanks|thank",
    "not now|today",
    "not right now",
    "rather not",
    "let not",
    "not suggest",
    "just want to talk|chat|vent",
    "someone to listen",
    "just talk|chat|vent",
    "instead of",
    "not for me",
    "not * into",
    "not like",
    "not think",
    "make~ me more",
    "hate~",
    "sceptical|skeptical|fad|expensive",
    "difference between",
    "explain",
    "what is|are",
    "why do",
    "wonder~",
    "science",
    "read * about",
    "article",
    "my sister|brother|friend|mom|mum|dad|teacher|therapist|partner|colleague",
    "teacher",
    "meditates|journals|breathes",
];

fn vetoes() -> &'static [Pattern] {
    static V: std::sync::OnceLock<Vec<Pattern>> = std::sync::OnceLock::new();
    V.get_or_init(|| VETO.iter().map(|&s| compile(s)).collect())
}

/// The veto pattern a message matches, if any.
pub fn veto(text: &str) -> Option<&'static str> {
    let clauses = clauses(text);
    vetoes().iter().find_map(|p| {
        clauses
            .iter()
            .any(|words| (0..words.len()).any(|i| match_at(&p.toks, words, i).is_some()))
            .then_some(p.source)
    })
}

/// The bundled examples, in file order.
pub fn examples() -> Vec<(Activity, &'static str)> {
    EXAMPLES_TSV
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let (label, text) = l.split_once('\t')?;
            Some((Activity::parse(label.trim())?, text.trim()))
        })
        .collect()
}

/// Labelled items (text, vectors, ...).
pub type Labelled<T> = Vec<(Activity, T)>;

/// A deterministic split of `examples` for measuring, as (train, held out): within each class, every fifth
/// example (the 5th, 10th, ...) is held out.
pub fn split<T: Clone>(examples: &[(Activity, T)]) -> (Labelled<T>, Labelled<T>) {
    let mut seen = std::collections::HashMap::new();
    let (mut train, mut test) = (Vec::new(), Vec::new());
    for e in examples {
        let n = seen.entry(e.0).or_insert(0usize);
        *n += 1;
        if *n % 5 == 0 {
            test.push(e.clone());
        } else {
            train.push(e.clone());
        }
    }
    (train, test)
}

/// k-nearest-neighbour classifier over L2-normalised example vectors.
#[derive(Debug, Clone)]
pub struct ActivityClassifier {
    examples: Vec<(Activity, Vec<f32>)>,
}

impl ActivityClassifier {
    /// A classifier from labelled vectors (each L2-normalised, as the embedder returns them).
    pub fn new(examples: Vec<(Activity, Vec<f32>)>) -> Self {
        Self { examples }
    }

    /// Classifies a message given its text (for the vetoes) and its vector.
    pub fn classify(&self, text: &str, vector: &[f32]) -> ActivityGuess {
        if let Some(rule) = veto(text) {
            return ActivityGuess {
                activity: Activity::None,
                confidence: 1.0,
                propose: false,
                rule: Some(rule.to_string()),
            };
        }
        let mut sims: Vec<(f32, Activity)> = self
            .examples
            .iter()
            .map(|(a, v)| (v.iter().zip(vector).map(|(x, y)| x * y).sum::<f32>(), *a))
            .collect();
        sims.sort_by(|a, b| b.0.total_cmp(&a.0));
        let none = ActivityGuess {
            activity: Activity::None,
            confidence: 1.0,
            propose: false,
            rule: None,
        };
        let Some(&(best, _)) = sims.first() else {
            return none;
        };
        if best < MIN_SIMILARITY {
            return none;
        }
        let mut votes = [0f32; 4];
        for &(sim, a) in sims.iter().take(K) {
            // Relative to the best so the weights stay in a sane range.
            votes[a as usize] += ((sim - best) / TEMPERATURE).exp();
        }
        let total: f32 = votes.iter().sum();
        let (i, &top) = votes
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1))
            .unwrap_or((0, &0.0));
        let activity = Activity::ALL[i];
        let confidence = if total > 0.0 { top / total } else { 0.0 };
        ActivityGuess {
            activity,
            confidence,
            propose: activity != Activity::None && confidence >= PROPOSE_THRESHOLD,
            rule: None,
        }
    }
}

/// Built once per process from the bundled examples (about 170 sentences: a few seconds of embedding).
static CLASSIFIER: OnceCell<ActivityClassifier> = OnceCell::const_new();

impl Core {
    /// Embeds texts with the bundled memory model (L2-normalised vectors, in order).
    pub async fn embed_texts(&self, texts: &[String]) -> Result<Vec<Vec<f32>>> {
        self.memory.embed(texts, Priority::Interactive).await
    }

    /// Which activity, if any, a message asks for, offline. Fails with `unavailable` only when the
    /// embedding model cannot load.
    pub async fn classify_activity(&self, text: &str) -> Result<ActivityGuess> {
        let text = text.trim();
        if text.is_empty() {
            return Err(CoreError::validation("There is no message to classify."));
        }
        if let Some(rule) = veto(text) {
            // No need for the model at all.
            return Ok(ActivityGuess {
                activity: Activity::None,
                confidence: 1.0,
                propose: false,
                rule: Some(rule.to_string()),
            });
        }
        let classifier = CLASSIFIER
            .get_or_try_init(|| async {
                let examples = examples();
                let texts: Vec<String> = examples.iter().map(|(_, t)| (*t).to_string()).collect();
                let vectors = self.memory.embed(&texts, Priority::Bulk).await?;
                Ok::<_, CoreError>(ActivityClassifier::new(
                    examples.iter().map(|(a, _)| *a).zip(vectors).collect(),
                ))
            })
            .await?;
        let vector = self
            .memory
            .embed(&[text.to_string()], Priority::Interactive)
            .await?
            .pop()
            .ok_or_else(|| CoreError::Internal("the memory model returned nothing".into()))?;
        Ok(classifier.classify(text, &vector))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failing test should panic
mod tests {
    use super::*;

    #[test]
    fn examples_parse_and_split() {
        let all = examples();
        assert!(all.len() >= 150, "{}", all.len());
        for a in Activity::ALL {
            assert!(all.iter().filter(|e| e.0 == a).count() >= 30, "{a:?}");
        }
        let (train, test) = split(&all);
        assert_eq!(train.len() + test.len(), all.len());
        assert!(test.len() * 5 <= all.len() && test.len() * 6 >= all.len());
    }

    #[test]
    fn vetoes_catch_past_declined_and_sceptical() {
        for t in [
            "I used to do breathing exercises a lot",
            "I know breathing helps but can we just talk?",
            "No thanks, I don't want to meditate.",
            "My friend swears by journaling.",
            "I'm sceptical about meditation",
        ] {
            assert!(veto(t).is_some(), "{t}");
        }
        for t in [
            "I feel anxious, can you help me breathe?",
            "Can we meditate together?",
            "I want to write about my day.",
            "I can't catch my breath",
        ] {
            assert_eq!(veto(t), None, "{t}");
        }
    }

    #[test]
    fn knn_votes() {
        let c = ActivityClassifier::new(vec![
            (Activity::Breathing, vec![1.0, 0.0]),
            (Activity::Breathing, vec![0.9, 0.436]),
            (Activity::Meditation, vec![0.0, 1.0]),
        ]);
        let g = c.classify("help", &[1.0, 0.0]);
        assert_eq!(g.activity, Activity::Breathing);
        assert!(g.propose && g.confidence > 0.9);
        let far = c.classify("hm", &[-1.0, 0.0]);
        assert_eq!(far.activity, Activity::None);
    }
}
