//! The shipped judgements measured on the test split of the labelled sets, which no choice was made on
//! (figures and the command that prints them: docs/benchmarks.md). Where a figure meets the target
//! the test holds it there; where it does not yet, the test holds today's level so that a regression fails,
//! and says the target.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use wbot_core::chat::dataset::{self, Split};
use wbot_core::chat::JudgementWeights;
use wbot_core::evaluation::{
    activity_report, crisis_report, embed_examples, leave_one_category_out, load_retrieval,
    retrieval_report, CrisisFigures,
};
use wbot_core::memory::{MemoryConfig, RECALL_FLOOR};
use wbot_core::Core;

async fn open(dir: &Path) -> Core {
    let resources = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../src-tauri/resources");
    let mut config = MemoryConfig::from_resource_dir(&resources);
    if let Some(p) = std::env::var_os("ORT_DYLIB_PATH") {
        config.runtime_path = PathBuf::from(p);
    }
    assert!(
        config.runtime_path.is_file() && config.model_dir.join("model.onnx").is_file(),
        "the memory model assets are missing: run scripts/fetch-assets"
    );
    let core = Core::open(dir).await.unwrap();
    core.memory().configure(config).await;
    core
}

fn language<T: Clone>(report: &BTreeMap<String, T>, lang: &str) -> T {
    report.get(lang).cloned().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crisis_and_activity_on_the_test_split() {
    let dir = tempfile::tempdir().unwrap();
    let core = open(dir.path()).await;
    let weights = JudgementWeights::shipped().unwrap();
    let data = dataset::default_dir();

    let crisis = dataset::crisis(&data).unwrap();
    let test: Vec<_> = crisis
        .iter()
        .filter(|e| e.split == Split::Test)
        .cloned()
        .collect();
    let embedded = embed_examples(core.memory(), &test).await.unwrap();
    let report = crisis_report(weights, &embedded);
    for (lang, max_false_alarms) in [("en", 0.50), ("es", 0.34)] {
        let f: CrisisFigures = language(&report, lang);
        println!("crisis {lang}: {f:?}");
        assert!(f.crisis >= 200 && f.safe >= 200, "{lang}: {f:?}");
        assert!(
            f.recall >= 0.98,
            "{lang} crisis recall {:.3} < 0.98",
            f.recall
        );
        // Target: 0.05. Today's level, held so it cannot get worse unnoticed.
        assert!(
            f.false_alarm_rate <= max_false_alarms,
            "{lang} false alarms {:.3} (target 0.05, today {max_false_alarms})",
            f.false_alarm_rate
        );
    }

    let activity = dataset::activity(&data).unwrap();
    let test: Vec<_> = activity
        .iter()
        .filter(|e| e.split == Split::Test)
        .cloned()
        .collect();
    let embedded = embed_examples(core.memory(), &test).await.unwrap();
    let report = activity_report(weights, &embedded);
    for (lang, min_accuracy) in [("en", 0.87), ("es", 0.88)] {
        let f = language(&report, lang);
        println!("activity {lang}: {f:?}");
        assert!(f.messages >= 250, "{lang}: {f:?}");
        // Target 0.92; today's level, held.
        assert!(
            f.accuracy >= min_accuracy,
            "{lang} accuracy {:.3} (target 0.92)",
            f.accuracy
        );
        assert!(
            f.false_proposals <= 0.05,
            "{lang} false proposals {:.3}",
            f.false_proposals
        );
    }

    // Everyday messages (greetings, small talk, plans): no activity offered unasked; the safety card on
    // too many of them (no target in the issue; today's level, held).
    let everyday = dataset::everyday(&data).unwrap();
    let test: Vec<_> = everyday
        .iter()
        .filter(|e| e.split == Split::Test)
        .cloned()
        .collect();
    let embedded = embed_examples(core.memory(), &test).await.unwrap();
    let offers = activity_report(weights, &embedded);
    let cards = crisis_report(weights, &embedded);
    for (lang, max_cards) in [("en", 0.32), ("es", 0.25)] {
        let (o, c) = (language(&offers, lang), language(&cards, lang));
        println!("everyday {lang}: offers {o:?}; cards {c:?}");
        assert!(o.messages >= 100);
        assert!(
            o.false_proposals <= 0.02,
            "{lang} everyday offers {:.3}",
            o.false_proposals
        );
        assert!(
            c.false_alarm_rate <= max_cards,
            "{lang} everyday cards {:.3}",
            c.false_alarm_rate
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crisis_recall_on_categories_never_trained_on() {
    let dir = tempfile::tempdir().unwrap();
    let core = open(dir.path()).await;
    let crisis = dataset::crisis(&dataset::default_dir()).unwrap();
    let data = dataset::default_dir();
    let mut not_crisis = dataset::activity(&data).unwrap();
    not_crisis.extend(dataset::everyday(&data).unwrap());
    let embedded = embed_examples(core.memory(), &crisis).await.unwrap();
    let not_crisis = embed_examples(core.memory(), &not_crisis).await.unwrap();
    let l2 = JudgementWeights::shipped().unwrap().crisis_l2;
    let loco = leave_one_category_out(&embedded, &not_crisis, l2);
    let all = loco.get("all").unwrap();
    println!("leave one category out: {loco:#?}");
    assert!(all.crisis >= 2_400, "{all:?}");
    // Target 0.90: met (0.914).
    assert!(
        all.recall >= 0.90,
        "leave-one-category-out recall {:.3} (target 0.90)",
        all.recall
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn memory_retrieval_on_the_test_split() {
    let dir = tempfile::tempdir().unwrap();
    let core = open(dir.path()).await;
    let sets = dataset::retrieval(&dataset::default_dir()).unwrap();
    let loaded = load_retrieval(core.profiles(), core.memory(), &sets)
        .await
        .unwrap();
    let report = retrieval_report(core.memory(), &loaded, Split::Test, RECALL_FLOOR)
        .await
        .unwrap();
    for (lang, min_top3) in [("en", 0.65), ("es", 0.58)] {
        let f = language(&report, lang);
        println!("retrieval {lang}: {f:?}");
        assert!(f.queries >= 50, "{lang}: {f:?}");
        // Target 0.90 with one- to five-word queries; held at today's level.
        assert!(
            f.top3 >= min_top3,
            "{lang} top-3 {:.3} (target 0.90)",
            f.top3
        );
        assert!(f.top1 <= f.top3 && f.mrr >= f.top1 && f.prompt_recall <= f.top3 + 1e-9);
    }
}
