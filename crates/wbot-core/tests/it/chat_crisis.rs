//! The crisis detector's pattern layer against its own labelled set (tests/fixtures/chat/crisis.tsv): every crisis sentence is
//! caught, and at most 5% of the others raise the card.
#![allow(clippy::unwrap_used)]

use wbot_core::chat::{detect_crisis, CrisisCategory};

fn labelled() -> Vec<(bool, Option<CrisisCategory>, &'static str)> {
    include_str!("../fixtures/chat/crisis.tsv")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut cols = l.splitn(3, '\t');
            let label = cols.next().unwrap();
            let category = match cols.next().unwrap() {
                "suicidal" => Some(CrisisCategory::Suicidal),
                "self_harm" => Some(CrisisCategory::SelfHarm),
                "hopelessness" => Some(CrisisCategory::Hopelessness),
                "-" => None,
                other => panic!("unknown category {other}"),
            };
            (label == "crisis", category, cols.next().unwrap())
        })
        .collect()
}

#[test]
fn recall_is_total_and_false_positives_are_rare() {
    let set = labelled();
    let crisis: Vec<_> = set.iter().filter(|(c, _, _)| *c).collect();
    let calm: Vec<_> = set.iter().filter(|(c, _, _)| !*c).collect();
    assert!(
        crisis.len() >= 60 && calm.len() >= 60,
        "{} / {}",
        crisis.len(),
        calm.len()
    );

    let missed: Vec<&str> = crisis
        .iter()
        .filter(|(_, _, t)| detect_crisis(t).is_none())
        .map(|(_, _, t)| *t)
        .collect();
    let alarms: Vec<(&str, Option<String>)> = calm
        .iter()
        .filter_map(|(_, _, t)| detect_crisis(t).map(|s| (*t, s.rule)))
        .collect();
    let fp_rate = alarms.len() as f64 / calm.len() as f64;
    println!(
        "crisis: {} sentences, recall {}/{}; non-crisis: {} sentences, false positives {} ({:.1}%)",
        set.len(),
        crisis.len() - missed.len(),
        crisis.len(),
        calm.len(),
        alarms.len(),
        fp_rate * 100.0
    );
    assert!(missed.is_empty(), "missed: {missed:#?}");
    assert!(fp_rate <= 0.05, "false alarms: {alarms:#?}");
}

#[test]
fn categories_match_the_labels() {
    let wrong: Vec<_> = labelled()
        .into_iter()
        .filter(|(c, _, _)| *c)
        .filter_map(|(_, cat, t)| {
            let got = detect_crisis(t).map(|s| s.category);
            (got != cat).then_some((t, cat, got))
        })
        .collect();
    // The category picks the card's wording only; a few overlaps (a plan with pills is also hopeless) are fine.
    assert!(wrong.len() <= 5, "{wrong:#?}");
}

#[test]
fn odd_input_does_not_panic() {
    for t in [
        "",
        " ",
        "💔💔💔",
        &"a".repeat(10_000),
        "'''",
        "-- -- --",
        "I'm\u{0}fine",
        "ÇA VA?",
    ] {
        let _ = detect_crisis(t);
    }
}
