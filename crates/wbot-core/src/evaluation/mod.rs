//! Training and measuring the judgements and memory retrieval on the labelled sets
//! ([`crate::chat::dataset`]): what `wbot judge train|eval` runs, and what the tests assert. Thresholds
//! and settings are chosen on the validation split only; the test split is only ever reported.

mod retrieval;
mod vectors;

pub use retrieval::{load_retrieval, retrieval_report, LoadedSet, RetrievalFigures};

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::chat::dataset::{Example, Split, LANGUAGES};
use crate::chat::features::{Features, Featurizer};
use crate::chat::judgement::{
    crisis_class, judge_activity, judge_crisis, JudgementWeights, Recent, CRISIS_CLASSES,
};
use crate::chat::linear::{rounded, SoftmaxModel, TrainOptions};
use crate::chat::Activity;
use crate::error::{CoreError, Result};
use crate::memory::MemoryService;
use crate::memory::MODEL_ID;
use vectors::VectorCache;

/// Recall the crisis threshold is chosen to reach on the validation split, in each language: above the
/// issue's 0.98, because a threshold chosen to reach exactly 0.98 on 250 messages falls under it on other
/// messages about half the time (it did on the test split, in Spanish: 0.978). Safety before false alarms.
pub const TARGET_VALIDATION_RECALL: f64 = 0.99;
/// The conversation layer's bar, as a share of the crisis threshold: two messages in a row that each reach
/// half the threshold raise the card.
pub const CONVERSATION_FACTOR: f32 = 0.5;
/// Most false proposals allowed on the validation split when choosing the activity threshold.
pub const MAX_FALSE_PROPOSALS: f64 = 0.04;

/// An example and its embedding.
pub type Embedded<'a> = (&'a Example, Vec<f32>);
/// An example and its features.
type Featured<'a> = (&'a Example, Features);

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// The L2 penalties tried; the one that does best on the validation split is kept.
pub const L2_GRID: [f32; 5] = [1e-5, 3e-5, 1e-4, 3e-4, 1e-3];

fn options(l2: f32) -> TrainOptions {
    TrainOptions {
        l2,
        ..TrainOptions::default()
    }
}

fn in_split<'a, T: Clone>(data: &[(&'a Example, T)], split: Split) -> Vec<(&'a Example, T)> {
    data.iter()
        .filter(|(e, _)| e.split == split)
        .cloned()
        .collect()
}

/// The featuriser fitted on the train split of the given sets.
fn fit_features(sets: &[&[Embedded<'_>]]) -> Featurizer {
    let train: Vec<&Embedded<'_>> = sets
        .iter()
        .flat_map(|s| s.iter())
        .filter(|(e, _)| e.split == Split::Train)
        .collect();
    let texts: Vec<&str> = train.iter().map(|(e, _)| e.text.as_str()).collect();
    let vectors: Vec<&[f32]> = train.iter().map(|(_, v)| v.as_slice()).collect();
    let mut f = Featurizer::fit(&texts, &vectors);
    for x in f.idf.iter_mut().chain(&mut f.mean).chain(&mut f.scale) {
        *x = rounded(*x);
    }
    f
}

fn featurize<'a>(f: &Featurizer, data: &[Embedded<'a>]) -> Vec<Featured<'a>> {
    data.iter()
        .map(|(e, v)| (*e, f.features(&e.text, v)))
        .collect()
}

/// Trained on the crisis set and on everyday messages (the activity set, none of them a crisis), so that
/// "can we meditate?" is not read as a crisis for want of having seen one.
fn crisis_model(
    data: &[Featured<'_>],
    everyday: &[Featured<'_>],
    dims: usize,
    l2: f32,
) -> SoftmaxModel {
    let rows: Vec<(usize, Features)> = data
        .iter()
        .filter_map(|(e, x)| {
            let class = crisis_class(&e.label, &e.category);
            CRISIS_CLASSES
                .iter()
                .position(|c| *c == class)
                .map(|i| (i, x.clone()))
        })
        .chain(everyday.iter().map(|(_, x)| (0, x.clone())))
        .collect();
    SoftmaxModel::train(&CRISIS_CLASSES, &rows, dims, options(l2))
}

fn activity_model(data: &[Featured<'_>], dims: usize, l2: f32) -> SoftmaxModel {
    let names: Vec<&str> = Activity::ALL.iter().map(|a| a.as_str()).collect();
    let rows: Vec<(usize, Features)> = data
        .iter()
        .filter_map(|(e, x)| {
            names
                .iter()
                .position(|n| *n == e.label)
                .map(|i| (i, x.clone()))
        })
        .collect();
    SoftmaxModel::train(&names, &rows, dims, options(l2))
}

/// `1 - p(none)` for each example.
fn crisis_scores(model: &SoftmaxModel, data: &[Featured<'_>]) -> Vec<f32> {
    let none = model.class("none").unwrap_or(0);
    data.iter()
        .map(|(_, x)| 1.0 - model.predict(x)[none])
        .collect()
}

/// The largest threshold at which pattern-or-score reaches `target` recall on the crisis messages, in
/// every language.
fn recall_threshold(data: &[Featured<'_>], scores: &[f32], target: f64) -> f32 {
    let mut threshold = 1.0f32;
    for language in LANGUAGES {
        let crisis: Vec<(&Featured<'_>, f32)> = data
            .iter()
            .zip(scores.iter().copied())
            .filter(|((e, _), _)| e.language == language && e.label == "crisis")
            .collect();
        // The patterns catch some; the scores must catch enough of the rest.
        let mut missed: Vec<f32> = crisis
            .iter()
            .filter(|((e, _), _)| crate::chat::detect_crisis(&e.text).is_none())
            .map(|(_, s)| *s)
            .collect();
        missed.sort_by(f32::total_cmp);
        let allowed = crisis.len() - (target * crisis.len() as f64).ceil() as usize;
        if let Some(s) = missed.get(allowed) {
            threshold = threshold.min(*s);
        }
    }
    threshold
}

/// The worse language's false-alarm rate of pattern-or-score at `threshold` on the messages that are
/// not a crisis.
fn worst_false_alarms(data: &[Featured<'_>], scores: &[f32], threshold: f32) -> f64 {
    LANGUAGES
        .iter()
        .map(|language| {
            let safe: Vec<bool> = data
                .iter()
                .zip(scores)
                .filter(|((e, _), _)| e.language == *language && e.label != "crisis")
                .map(|((e, _), s)| *s >= threshold || crate::chat::detect_crisis(&e.text).is_some())
                .collect();
            ratio(safe.iter().filter(|f| **f).count(), safe.len())
        })
        .fold(0.0, f64::max)
}

/// The crisis classifier for a featurised set: trained on its train split (and the everyday messages') for
/// each penalty of [`L2_GRID`], each with the threshold reaching the target recall on its validation split;
/// kept: the one with the fewest false alarms there, on close and on everyday messages alike (in the worse
/// language and set). Returns the model and its threshold.
fn fit_crisis(
    data: &[Featured<'_>],
    everyday: &[Featured<'_>],
    dims: usize,
    grid: &[f32],
) -> (SoftmaxModel, f32, f32) {
    let train = in_split(data, Split::Train);
    let everyday_train = in_split(everyday, Split::Train);
    let everyday_val = in_split(everyday, Split::Validation);
    let val = in_split(data, Split::Validation);
    let mut best: Option<(f64, SoftmaxModel, f32, f32)> = None;
    for &l2 in grid {
        let model = crisis_model(&train, &everyday_train, dims, l2);
        let scores = crisis_scores(&model, &val);
        let threshold = recall_threshold(&val, &scores, TARGET_VALIDATION_RECALL);
        let false_alarms = worst_false_alarms(&val, &scores, threshold).max(worst_false_alarms(
            &everyday_val,
            &crisis_scores(&model, &everyday_val),
            threshold,
        ));
        if best.as_ref().is_none_or(|b| false_alarms < b.0) {
            best = Some((false_alarms, model, threshold, l2));
        }
    }
    let (_, model, threshold, l2) = best.unwrap_or_else(|| {
        let l2 = L2_GRID[0];
        (
            0.0,
            crisis_model(&train, &everyday_train, dims, l2),
            0.5,
            l2,
        )
    });
    (model, threshold, l2)
}

/// Trains both classifiers on the train split and chooses their penalties and thresholds on the
/// validation split. `everyday` messages train both as `none`: without them, one everyday Spanish message
/// in seven got an activity offered on the validation split (with them, one in seventy-five, at three
/// points of accuracy on the activity set).
pub fn train(
    crisis: &[Embedded<'_>],
    activity: &[Embedded<'_>],
    everyday: &[Embedded<'_>],
) -> JudgementWeights {
    let features = fit_features(&[crisis, activity, everyday]);
    let dims = features.dimensions();
    let crisis_f = featurize(&features, crisis);
    let activity_f = featurize(&features, activity);
    let everyday_f = featurize(&features, everyday);
    let not_crisis: Vec<Featured<'_>> = activity_f.iter().chain(&everyday_f).cloned().collect();
    let (crisis_model, crisis_threshold, crisis_l2) =
        fit_crisis(&crisis_f, &not_crisis, dims, &L2_GRID);
    let conversation_threshold = crisis_threshold * CONVERSATION_FACTOR;

    let activity_train: Vec<Featured<'_>> = in_split(&activity_f, Split::Train)
        .into_iter()
        .chain(in_split(&everyday_f, Split::Train))
        .collect();
    let activity_val = in_split(activity, Split::Validation);
    let mut weights = JudgementWeights {
        model_id: MODEL_ID.into(),
        features,
        crisis: crisis_model,
        crisis_threshold,
        conversation_threshold,
        activity: activity_model(&activity_train, dims, L2_GRID[0]),
        activity_threshold: 0.5,
        crisis_l2,
        activity_l2: L2_GRID[0],
    };
    // The most accurate penalty and threshold whose false proposals stay within bounds, in both languages.
    let mut best: Option<(f64, SoftmaxModel, f32, f32)> = None;
    for l2 in L2_GRID {
        weights.activity = activity_model(&activity_train, dims, l2);
        for step in 0..=18 {
            let t = 0.05 + 0.05 * step as f32;
            weights.activity_threshold = t;
            let report = activity_report(&weights, &activity_val);
            let languages = report.iter().filter(|(k, _)| !k.contains('/'));
            let ok = languages
                .clone()
                .all(|(_, r)| r.false_proposals <= MAX_FALSE_PROPOSALS);
            let accuracy = languages.map(|(_, r)| r.accuracy).fold(f64::MAX, f64::min);
            if ok && best.as_ref().is_none_or(|b| accuracy > b.0) {
                best = Some((accuracy, weights.activity.clone(), t, l2));
            }
        }
    }
    if let Some((_, model, threshold, l2)) = best {
        weights.activity = model;
        weights.activity_threshold = threshold;
        weights.activity_l2 = l2;
    }
    weights
}

/// Recall and false alarms of the whole detector (patterns and classifier) on a set of messages.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CrisisFigures {
    pub crisis: usize,
    pub caught: usize,
    pub recall: f64,
    pub safe: usize,
    pub false_alarms: usize,
    pub false_alarm_rate: f64,
    /// Caught by a pattern alone (the classifier's score was under the threshold).
    pub by_pattern_only: usize,
}

/// Per language, and per language and category (`"en/euphemism"`).
pub fn crisis_report(
    weights: &JudgementWeights,
    data: &[Embedded<'_>],
) -> BTreeMap<String, CrisisFigures> {
    let mut out: BTreeMap<String, CrisisFigures> = BTreeMap::new();
    for (e, v) in data {
        let features = weights.features_of(&e.text, v);
        let verdict = judge_crisis(
            Some(weights),
            &e.text,
            features.as_ref(),
            &Recent::default(),
        );
        let flagged = verdict.signal.is_some();
        let pattern_only = flagged
            && verdict.layers.pattern.is_some()
            && verdict.layers.semantic.unwrap_or(0.0) < weights.crisis_threshold;
        for key in [
            e.language.to_string(),
            format!("{}/{}", e.language, e.category),
        ] {
            let f = out.entry(key).or_default();
            if e.label == "crisis" {
                f.crisis += 1;
                f.caught += usize::from(flagged);
                f.by_pattern_only += usize::from(pattern_only);
            } else {
                f.safe += 1;
                f.false_alarms += usize::from(flagged);
            }
        }
    }
    for f in out.values_mut() {
        f.recall = ratio(f.caught, f.crisis);
        f.false_alarm_rate = ratio(f.false_alarms, f.safe);
    }
    out
}

/// Leave-one-category-out: for each crisis category, a classifier trained on the train split without it
/// (with the shipped model's penalty, `l2`), its threshold chosen on the validation split without it, then
/// the recall on every message of that category (none of which it saw). `everyday`: the messages that
/// train as non-crisis. Returns per `"lang/category"` and `"all"` (pooled).
pub fn leave_one_category_out(
    crisis: &[Embedded<'_>],
    everyday: &[Embedded<'_>],
    l2: f32,
) -> BTreeMap<String, CrisisFigures> {
    let mut categories: Vec<&str> = crisis
        .iter()
        .filter(|(e, _)| e.label == "crisis")
        .map(|(e, _)| e.category.as_str())
        .collect();
    categories.sort_unstable();
    categories.dedup();
    // Each fold trains its own model: the folds run on every core, each thread a share of them.
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let share = categories.len().div_ceil(threads).max(1);
    let folds: Vec<(String, CrisisFigures)> = std::thread::scope(|scope| {
        let workers: Vec<_> = categories
            .chunks(share)
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .iter()
                        .flat_map(|category| held_out_fold(crisis, everyday, l2, category))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    let mut out = BTreeMap::new();
    let mut all = CrisisFigures::default();
    for (key, f) in folds {
        all.crisis += f.crisis;
        all.caught += f.caught;
        out.insert(key, f);
    }
    all.recall = ratio(all.caught, all.crisis);
    out.insert("all".into(), all);
    out
}

/// One fold of [`leave_one_category_out`]: trained without `category`'s crisis messages, scored on
/// them, per language and category.
fn held_out_fold(
    crisis: &[Embedded<'_>],
    everyday: &[Embedded<'_>],
    l2: f32,
    category: &str,
) -> Vec<(String, CrisisFigures)> {
    let without: Vec<Embedded<'_>> = crisis
        .iter()
        .filter(|(e, _)| !(e.label == "crisis" && e.category == category))
        .cloned()
        .collect();
    let features = fit_features(&[&without, everyday]);
    let dims = features.dimensions();
    let (model, threshold, _) = fit_crisis(
        &featurize(&features, &without),
        &featurize(&features, everyday),
        dims,
        &[l2],
    );
    let weights = JudgementWeights {
        model_id: MODEL_ID.into(),
        features,
        crisis: model.clone(),
        crisis_threshold: threshold,
        conversation_threshold: threshold,
        activity: model,
        activity_threshold: 1.0,
        crisis_l2: l2,
        activity_l2: l2,
    };
    let held_out: Vec<Embedded<'_>> = crisis
        .iter()
        .filter(|(e, _)| e.label == "crisis" && e.category == category)
        .map(|(e, v)| (*e, v.clone()))
        .collect();
    crisis_report(&weights, &held_out)
        .into_iter()
        .filter(|(key, _)| key.contains('/'))
        .collect()
}

/// Accuracy and false proposals of the activity classifier, per language.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ActivityFigures {
    pub messages: usize,
    pub correct: usize,
    pub accuracy: f64,
    /// Messages that should get no proposal.
    pub none: usize,
    /// Of those, how many got one.
    pub proposed_on_none: usize,
    pub false_proposals: f64,
    /// Proposals of the wrong activity.
    pub wrong_activity: usize,
    /// Messages asking for an activity that got none.
    pub missed: usize,
}

/// Per language, and per language and category.
pub fn activity_report(
    weights: &JudgementWeights,
    data: &[Embedded<'_>],
) -> BTreeMap<String, ActivityFigures> {
    let mut out: BTreeMap<String, ActivityFigures> = BTreeMap::new();
    for (e, v) in data {
        let Some(features) = weights.features_of(&e.text, v) else {
            continue;
        };
        let guess = judge_activity(weights, &e.text, &features);
        let acted = if guess.propose {
            guess.activity
        } else {
            Activity::None
        };
        let want = Activity::parse(&e.label).unwrap_or(Activity::None);
        for key in [
            e.language.to_string(),
            format!("{}/{}", e.language, e.category),
        ] {
            let f = out.entry(key).or_default();
            f.messages += 1;
            f.correct += usize::from(acted == want);
            if want == Activity::None {
                f.none += 1;
                f.proposed_on_none += usize::from(acted != Activity::None);
            } else if acted == Activity::None {
                f.missed += 1;
            } else if acted != want {
                f.wrong_activity += 1;
            }
        }
    }
    for f in out.values_mut() {
        f.accuracy = ratio(f.correct, f.messages);
        f.false_proposals = ratio(f.proposed_on_none, f.none);
    }
    out
}

/// Embeds examples' texts as queries, in order (reusing the vectors of earlier runs kept in
/// `WBOT_VECTOR_CACHE`, when it is set: [`vectors`]).
pub async fn embed_examples<'a>(
    memory: &MemoryService,
    examples: &'a [Example],
) -> Result<Vec<Embedded<'a>>> {
    let mut cache = VectorCache::open(&memory.engine().config());
    let missing: Vec<String> = examples
        .iter()
        .filter(|e| cache.as_ref().is_none_or(|c| c.get(&e.text).is_none()))
        .map(|e| e.text.clone())
        .collect();
    let mut fresh: HashMap<String, Vec<f32>> = HashMap::new();
    if !missing.is_empty() {
        let vectors = memory.embed_queries(&missing).await?;
        if vectors.len() != missing.len() {
            return Err(CoreError::internal("the model returned too few vectors"));
        }
        fresh = missing.into_iter().zip(vectors).collect();
    }
    let out = examples
        .iter()
        .map(|e| {
            fresh
                .get(&e.text)
                .or_else(|| cache.as_ref().and_then(|c| c.get(&e.text)))
                .map(|v| (e, v.clone()))
                .ok_or_else(|| CoreError::internal("an example has no vector"))
        })
        .collect::<Result<Vec<_>>>()?;
    if let Some(cache) = &mut cache {
        for (text, vector) in fresh {
            cache.insert(text, vector);
        }
        cache.save();
    }
    Ok(out)
}
