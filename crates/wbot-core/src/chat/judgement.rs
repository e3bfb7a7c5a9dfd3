//! The judgements made on every user message, from one embedding of it (ADR 0007):
//! - **crisis**, in layers: the deterministic patterns ([`super::crisis`]), a semantic classifier over the
//!   message's features ([`super::features`]: its words and its embedding), and the conversation (signals
//!   spread over the last few messages). Any layer can raise the safety card; none can lower another's
//!   verdict. Thresholds are chosen for recall.
//! - **activity**: the intent vetoes, then a classifier over the same features.
//!
//! Both classifiers are [`SoftmaxModel`]s trained by `wbot judge train` on the labelled sets
//! ([`super::dataset`]); the trained weights ship in `judgement.json` (settings) and `judgement.bin` (the
//! numbers, half floats).

use std::sync::OnceLock;

use half::f16;
use serde::{Deserialize, Serialize};

use super::activity::{veto, Activity, ActivityGuess};
use super::crisis::{clauses, detect_crisis, CrisisCategory, CrisisSignal};
use super::features::{Features, Featurizer, BUCKETS};
use super::linear::SoftmaxModel;
use super::ChatService;

/// The shipped settings and numbers, written by `wbot judge train`.
pub const WEIGHTS_JSON: &str = include_str!("judgement.json");
pub const WEIGHTS_BIN: &[u8] = include_bytes!("judgement.bin");

/// The crisis classifier's classes, in order; `none` first.
pub const CRISIS_CLASSES: [&str; 4] = ["none", "suicidal", "self_harm", "hopelessness"];

/// The crisis class a category of the labelled set trains.
pub fn crisis_class(label: &str, category: &str) -> &'static str {
    match (label, category) {
        ("safe", _) => "none",
        (_, "self_harm" | "relapse") => "self_harm",
        (_, "hopelessness" | "burden") => "hopelessness",
        _ => "suicidal",
    }
}

/// Everything `wbot judge train` produces.
#[derive(Debug, Clone, PartialEq)]
pub struct JudgementWeights {
    /// The embedding model the classifiers were trained on; other vectors would mean nothing to them.
    pub model_id: String,
    pub features: Featurizer,
    pub crisis: SoftmaxModel,
    /// A message is in crisis when `1 - p(none)` reaches this.
    pub crisis_threshold: f32,
    /// The conversation layer's lower bar: two such messages close together raise the card.
    pub conversation_threshold: f32,
    pub activity: SoftmaxModel,
    /// An activity is proposed when its probability reaches this.
    pub activity_threshold: f32,
    /// The L2 penalties training chose (on the validation split), for retraining and evaluation.
    pub crisis_l2: f32,
    pub activity_l2: f32,
}

/// `judgement.json`: what is not a long array of numbers.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Settings {
    model_id: String,
    embedding_dimensions: usize,
    crisis_classes: Vec<String>,
    crisis_threshold: f32,
    conversation_threshold: f32,
    activity_classes: Vec<String>,
    activity_threshold: f32,
    crisis_l2: f32,
    activity_l2: f32,
}

impl JudgementWeights {
    /// The shipped weights (read once).
    pub fn shipped() -> Result<&'static Self, String> {
        static W: OnceLock<Result<JudgementWeights, String>> = OnceLock::new();
        W.get_or_init(|| Self::from_files(WEIGHTS_JSON, WEIGHTS_BIN))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The two files: settings as JSON, then the numbers as little-endian half floats (idf, embedding mean,
    /// embedding scale, crisis weights row by row, crisis biases, activity weights, activity biases).
    pub fn to_files(&self) -> Result<(String, Vec<u8>), String> {
        let settings = Settings {
            model_id: self.model_id.clone(),
            embedding_dimensions: self.features.mean.len(),
            crisis_classes: self.crisis.classes.clone(),
            crisis_threshold: self.crisis_threshold,
            conversation_threshold: self.conversation_threshold,
            activity_classes: self.activity.classes.clone(),
            activity_threshold: self.activity_threshold,
            crisis_l2: self.crisis_l2,
            activity_l2: self.activity_l2,
        };
        let json = serde_json::to_string_pretty(&settings).map_err(|e| e.to_string())? + "\n";
        let numbers = self
            .features
            .idf
            .iter()
            .chain(&self.features.mean)
            .chain(&self.features.scale)
            .chain(self.crisis.weights.iter().flatten())
            .chain(&self.crisis.bias)
            .chain(self.activity.weights.iter().flatten())
            .chain(&self.activity.bias);
        let bin = numbers
            .flat_map(|x| f16::from_f32(*x).to_le_bytes())
            .collect();
        Ok((json, bin))
    }

    /// Reads and checks the two files.
    pub fn from_files(json: &str, bin: &[u8]) -> Result<Self, String> {
        let s: Settings = serde_json::from_str(json).map_err(|e| format!("judgement.json: {e}"))?;
        let mut numbers = bin
            .chunks_exact(2)
            .map(|b| f16::from_le_bytes([b[0], b[1]]).to_f32());
        let mut take = |n: usize| -> Result<Vec<f32>, String> {
            let v: Vec<f32> = numbers.by_ref().take(n).collect();
            if v.len() == n {
                Ok(v)
            } else {
                Err("judgement.bin is shorter than judgement.json says".into())
            }
        };
        let d = s.embedding_dimensions;
        let features = Featurizer {
            idf: take(BUCKETS)?,
            mean: take(d)?,
            scale: take(d)?,
        };
        let dims = features.dimensions();
        let mut model = |classes: Vec<String>| -> Result<SoftmaxModel, String> {
            let weights = (0..classes.len())
                .map(|_| take(dims))
                .collect::<Result<_, _>>()?;
            let bias = take(classes.len())?;
            Ok(SoftmaxModel {
                classes,
                weights,
                bias,
            })
        };
        let crisis = model(s.crisis_classes)?;
        let activity = model(s.activity_classes)?;
        if bin.len()
            != 2 * (BUCKETS + 2 * d + (crisis.classes.len() + activity.classes.len()) * (dims + 1))
        {
            return Err("judgement.bin is longer than judgement.json says".into());
        }
        let ok_classes = CRISIS_CLASSES.iter().all(|c| crisis.class(c).is_some())
            && Activity::ALL
                .iter()
                .all(|a| activity.class(a.as_str()).is_some());
        if !ok_classes {
            return Err("the judgement weights do not have the expected classes".into());
        }
        Ok(Self {
            model_id: s.model_id,
            features,
            crisis,
            crisis_threshold: s.crisis_threshold,
            conversation_threshold: s.conversation_threshold,
            activity,
            activity_threshold: s.activity_threshold,
            crisis_l2: s.crisis_l2,
            activity_l2: s.activity_l2,
        })
    }

    /// The features of a message (its text and its query embedding).
    pub fn features_of(&self, text: &str, vector: &[f32]) -> Option<Features> {
        (vector.len() == self.features.mean.len()).then(|| self.features.features(text, vector))
    }
}

/// Which layer raised a crisis signal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum CrisisLayer {
    Pattern,
    Semantic,
    Conversation,
}

/// What each crisis layer said of one message (for `wbot classify` and evaluation).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CrisisLayers {
    /// The pattern that matched, if one did.
    pub pattern: Option<String>,
    /// `1 - p(none)` from the semantic classifier; `None` without the embedding model.
    pub semantic: Option<f32>,
    /// The semantic classifier's likeliest crisis category.
    pub semantic_category: Option<CrisisCategory>,
    /// What the conversation layer found, if anything (`repeated` or `means_and_time`).
    pub conversation: Option<&'static str>,
}

/// What came before in the conversation: the user's earlier messages, newest first, with their scores.
#[derive(Debug, Clone, Default)]
pub struct Recent {
    pub messages: Vec<(String, Option<f32>)>,
}

/// The user messages back the conversation layer looks.
pub const CONVERSATION_WINDOW: usize = 3;

/// Means (what could be used) and times (when): named in different messages close together, they make a
/// plan even when no single message does. English and Spanish, normalised like the patterns' input
/// (lower case, no accents); `word~` is a prefix.
const MEANS: &[&str] = &[
    "pill~",
    "tablet~",
    "meds",
    "medication~",
    "overdos~",
    "rope",
    "noose",
    "bridge",
    "roof~",
    "ledge",
    "blade~",
    "razor~",
    "gun",
    "knife",
    "knives",
    "poison~",
    "bleach",
    "pastilla~",
    "medicamento~",
    "cuerda",
    "soga",
    "puente~",
    "azotea",
    "cornisa",
    "cuchilla~",
    "navaja~",
    "pistola",
    "cuchillo~",
    "veneno",
    "lejia",
    "vias",
    "tren",
];
const TIMES: &[&str] = &[
    "tonight",
    "tomorrow",
    "today",
    "weekend",
    "soon",
    "midnight",
    "ready",
    "decided",
    "esta noche",
    "manana",
    "hoy",
    "finde",
    "pronto",
    "medianoche",
    "listo",
    "lista",
    "decidido",
    "decidida",
];

fn mentions(text: &str, vocabulary: &[&str]) -> bool {
    let words: Vec<String> = clauses(text).into_iter().flatten().collect();
    vocabulary.iter().any(|v| {
        let parts: Vec<&str> = v.split(' ').collect();
        words.windows(parts.len()).any(|w| {
            w.iter()
                .zip(&parts)
                .all(|(word, part)| match part.strip_suffix('~') {
                    Some(prefix) => word.starts_with(prefix),
                    None => word == part,
                })
        })
    })
}

/// The crisis verdict on one message: every layer's finding, and the signal for the safety card.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CrisisVerdict {
    pub layers: CrisisLayers,
    pub signal: Option<CrisisSignal>,
}

/// Judges a message for crisis. `features` are its features (none when the model is unavailable: the
/// patterns still work); `recent` the conversation before it.
pub fn judge_crisis(
    weights: Option<&JudgementWeights>,
    text: &str,
    features: Option<&Features>,
    recent: &Recent,
) -> CrisisVerdict {
    let pattern = detect_crisis(text);
    let (semantic, semantic_category) = match (weights, features) {
        (Some(w), Some(x)) => {
            let p = w.crisis.predict(x);
            let none = w.crisis.class("none").map_or(0.0, |i| p[i]);
            let category = [
                (CrisisCategory::Suicidal, "suicidal"),
                (CrisisCategory::SelfHarm, "self_harm"),
                (CrisisCategory::Hopelessness, "hopelessness"),
            ]
            .into_iter()
            .filter_map(|(c, name)| w.crisis.class(name).map(|i| (c, p[i])))
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(c, _)| c);
            (Some(1.0 - none), category)
        }
        _ => (None, None),
    };
    let conversation = weights.and_then(|w| {
        let window = recent.messages.iter().take(CONVERSATION_WINDOW);
        let elevated = |s: Option<f32>| s.is_some_and(|s| s >= w.conversation_threshold);
        let now_elevated = elevated(semantic);
        let mut repeated = false;
        let mut plan = false;
        let (now_means, now_time) = (mentions(text, MEANS), mentions(text, TIMES));
        for (before, score) in window {
            repeated |= now_elevated && elevated(*score);
            let crossed =
                (now_means && mentions(before, TIMES)) || (now_time && mentions(before, MEANS));
            plan |= crossed && (now_elevated || elevated(*score));
        }
        if repeated {
            Some("repeated")
        } else if plan {
            Some("means_and_time")
        } else {
            None
        }
    });
    let signal = if let Some(found) = pattern.clone() {
        Some(found)
    } else if let (Some(w), Some(score)) = (weights, semantic) {
        let category = semantic_category.unwrap_or(CrisisCategory::Suicidal);
        if score >= w.crisis_threshold {
            Some(CrisisSignal::semantic(category, score))
        } else {
            conversation.map(|_| CrisisSignal::conversation(category, score))
        }
    } else {
        None
    };
    CrisisVerdict {
        layers: CrisisLayers {
            pattern: pattern.and_then(|p| p.rule),
            semantic,
            semantic_category,
            conversation,
        },
        signal,
    }
}

/// Which activity, if any, to offer for a message: a veto (past, declined, hypothetical, ...) says none;
/// otherwise the classifier over its features.
pub fn judge_activity(
    weights: &JudgementWeights,
    text: &str,
    features: &Features,
) -> ActivityGuess {
    if let Some(rule) = veto(text) {
        return ActivityGuess {
            activity: Activity::None,
            confidence: 1.0,
            propose: false,
            rule: Some(rule.to_string()),
        };
    }
    let p = weights.activity.predict(features);
    let (best, confidence) = Activity::ALL
        .iter()
        .filter_map(|a| weights.activity.class(a.as_str()).map(|i| (*a, p[i])))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap_or((Activity::None, 1.0));
    ActivityGuess {
        activity: best,
        confidence,
        propose: best != Activity::None && confidence >= weights.activity_threshold,
        rule: None,
    }
}

/// Everything judged of one user message, and its embedding for the rest of the turn (memory recall).
#[derive(Debug, Clone)]
pub struct TurnJudgement {
    /// The message's query embedding; `None` when the model is unavailable.
    pub vector: Option<Vec<f32>>,
    pub crisis: CrisisVerdict,
    /// `None` when the model is unavailable (no card is offered then).
    pub activity: Option<ActivityGuess>,
}

impl ChatService {
    /// Judges a user message from one embedding of it: crisis (every layer) and activity. Without the
    /// embedding model only the patterns run; that is never an error.
    pub async fn judge_message(&self, text: &str, recent: &Recent) -> TurnJudgement {
        let vector = match self.memory.embed_queries(&[text.to_string()]).await {
            Ok(mut v) => v.pop(),
            Err(err) => {
                tracing::warn!(error = %err, "no embedding for this message: crisis patterns only");
                None
            }
        };
        let weights = match JudgementWeights::shipped() {
            // Weights trained on another model's vectors would read nonsense from these.
            Ok(w) if w.model_id == self.memory.engine().config().model_id => Some(w),
            Ok(_) => None,
            Err(err) => {
                tracing::error!(error = %err, "judgement weights unreadable: crisis patterns only");
                None
            }
        };
        let features = weights
            .zip(vector.as_deref())
            .and_then(|(w, v)| w.features_of(text, v));
        let crisis = judge_crisis(weights, text, features.as_ref(), recent);
        let activity = weights
            .zip(features.as_ref())
            .map(|(w, x)| judge_activity(w, text, x));
        TurnJudgement {
            vector,
            crisis,
            activity,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failing test should panic
mod tests {
    use super::*;

    #[test]
    fn shipped_weights_load_and_round_trip() {
        let w = JudgementWeights::shipped().unwrap();
        assert_eq!(w.features.mean.len(), 384);
        assert_eq!(w.crisis.dimensions(), BUCKETS + 384);
        assert!(w.conversation_threshold <= w.crisis_threshold);
        let (json, bin) = w.to_files().unwrap();
        assert_eq!(&JudgementWeights::from_files(&json, &bin).unwrap(), w);
        assert!(JudgementWeights::from_files(&json, &bin[..bin.len() - 2]).is_err());
        let mut longer = bin.clone();
        longer.extend([0, 0]);
        assert!(JudgementWeights::from_files(&json, &longer).is_err());
        assert!(JudgementWeights::from_files("{}", &bin).is_err());
    }

    /// Weights whose classifier gives every message the same crisis score (`1 - p(none)` = 0.2), between
    /// the conversation bar (0.1) and the crisis threshold (0.5).
    fn flat_weights() -> JudgementWeights {
        let features = Featurizer {
            idf: vec![1.0; BUCKETS],
            mean: vec![0.0; 2],
            scale: vec![1.0; 2],
        };
        let dims = features.dimensions();
        let model = |classes: &[&str], bias: Vec<f32>| SoftmaxModel {
            classes: classes.iter().map(|c| (*c).to_string()).collect(),
            weights: vec![vec![0.0; dims]; classes.len()],
            bias,
        };
        // p(none) = e^a / (e^a + 3) = 0.8 with a = ln 12.
        JudgementWeights {
            model_id: "test".into(),
            features,
            crisis: model(&CRISIS_CLASSES, vec![12f32.ln(), 0.0, 0.0, 0.0]),
            crisis_threshold: 0.5,
            conversation_threshold: 0.1,
            activity: model(
                &["none", "breathing", "meditation", "journaling"],
                vec![0.0; 4],
            ),
            activity_threshold: 0.5,
            crisis_l2: 0.0,
            activity_l2: 0.0,
        }
    }

    #[test]
    fn the_conversation_layer_joins_signals_across_messages() {
        let w = flat_weights();
        let judge = |text: &str, recent: &Recent| {
            let x = w.features_of(text, &[0.0, 0.0]).unwrap();
            judge_crisis(Some(&w), text, Some(&x), recent)
        };
        let alone = judge("I keep thinking about it", &Recent::default());
        assert!((alone.layers.semantic.unwrap() - 0.2).abs() < 1e-4);
        assert!(alone.signal.is_none(), "one elevated message is not enough");
        // Two elevated messages in a row.
        let recent = Recent {
            messages: vec![("I keep thinking about it".into(), Some(0.2))],
        };
        let second = judge("it won't stop", &recent);
        assert_eq!(second.layers.conversation, Some("repeated"));
        assert_eq!(second.signal.unwrap().layer, CrisisLayer::Conversation);
        // Means named before, a time now (in Spanish); the earlier message was scored low.
        let recent = Recent {
            messages: vec![("tengo las pastillas de mi madre".into(), Some(0.0))],
        };
        let plan = judge("esta noche", &recent);
        assert_eq!(plan.layers.conversation, Some("means_and_time"));
        // Too far back: outside the window.
        let mut far = vec![("x".to_string(), Some(0.0)); CONVERSATION_WINDOW];
        far.push(("I keep thinking about it".into(), Some(0.2)));
        assert!(judge("it won't stop", &Recent { messages: far })
            .signal
            .is_none());
        // Nothing elevated, nothing crossed: a pharmacy errand then a time.
        let low = SoftmaxModel {
            bias: vec![10.0, 0.0, 0.0, 0.0],
            ..w.crisis.clone()
        };
        let calm = JudgementWeights {
            crisis: low,
            ..w.clone()
        };
        let x = calm.features_of("tomorrow", &[0.0, 0.0]).unwrap();
        let recent = Recent {
            messages: vec![("I need to pick up my pills".into(), Some(0.0))],
        };
        assert!(judge_crisis(Some(&calm), "tomorrow", Some(&x), &recent)
            .signal
            .is_none());
    }

    #[test]
    fn means_and_times_in_both_languages() {
        assert!(mentions("I counted all my pills", MEANS));
        assert!(mentions("Lo haré esta noche.", TIMES));
        assert!(mentions("las pastillas de mi madre", MEANS));
        assert!(!mentions("I had a nice day", MEANS));
    }

    #[test]
    fn patterns_work_without_the_model() {
        let v = judge_crisis(None, "I want to kill myself", None, &Recent::default());
        assert_eq!(v.signal.unwrap().layer, CrisisLayer::Pattern);
        assert!(v.layers.semantic.is_none());
        assert!(judge_crisis(None, "hello", None, &Recent::default())
            .signal
            .is_none());
    }
}
