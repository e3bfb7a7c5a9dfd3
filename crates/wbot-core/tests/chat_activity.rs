//! The offline activity classifier on the real bundled model: accuracy on a deterministic held-out split of
//! the bundled examples (figures in docs/benchmarks.md), and the cases SPEC §2 names.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::time::Instant;

use wbot_core::chat::activity::{examples, split};
use wbot_core::chat::{Activity, ActivityClassifier};
use wbot_core::memory::MemoryConfig;
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
    core.configure_memory(config).await;
    core
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn held_out_accuracy_and_named_cases() {
    let dir = tempfile::tempdir().unwrap();
    let core = open(dir.path()).await;

    let all = examples();
    let texts: Vec<String> = all.iter().map(|(_, t)| t.to_string()).collect();
    let started = Instant::now();
    let vectors = core.embed_texts(&texts).await.unwrap();
    let embed_ms = started.elapsed().as_millis();
    let labelled: Vec<(Activity, (String, Vec<f32>))> = all
        .iter()
        .zip(vectors)
        .map(|((a, t), v)| (*a, (t.to_string(), v)))
        .collect();
    let (train, test) = split(&labelled);
    let classifier =
        ActivityClassifier::new(train.iter().map(|(a, (_, v))| (*a, v.clone())).collect());

    let mut correct = 0;
    let mut proposals_wrong = 0;
    let mut vetoed = 0;
    let mut confusion = [[0u32; 4]; 4];
    for (want, (text, v)) in &test {
        let got = classifier.classify(text, v);
        if got.rule.is_some() {
            vetoed += 1;
        }
        // What the product does: propose, or not.
        let acted = if got.propose {
            got.activity
        } else {
            Activity::None
        };
        confusion[*want as usize][acted as usize] += 1;
        if acted == *want {
            correct += 1;
        } else {
            println!(
                "miss: {want:?} -> {:?} ({:.2}) {text}",
                got.activity, got.confidence
            );
            if acted != Activity::None {
                proposals_wrong += 1;
            }
        }
    }
    let accuracy = f64::from(correct) / test.len() as f64;
    println!(
        "activity: {} examples ({} train / {} held out); held-out accuracy {correct}/{} = {:.1}%; wrong proposals {proposals_wrong}; vetoed by rules {vetoed}; embedding all examples {embed_ms} ms",
        all.len(),
        train.len(),
        test.len(),
        test.len(),
        accuracy * 100.0
    );
    println!("confusion (rows = label none/breathing/meditation/journaling, cols = proposed): {confusion:?}");
    // Leave-one-out over every example: a steadier figure than 34 held-out sentences.
    let mut loo_correct = 0;
    for (i, (want, (text, v))) in labelled.iter().enumerate() {
        let others = labelled
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, (a, (_, v)))| (*a, v.clone()))
            .collect();
        let got = ActivityClassifier::new(others).classify(text, v);
        let acted = if got.propose {
            got.activity
        } else {
            Activity::None
        };
        if acted == *want {
            loo_correct += 1;
        }
    }
    let loo = f64::from(loo_correct) / labelled.len() as f64;
    println!(
        "leave-one-out accuracy {loo_correct}/{} = {:.1}%",
        labelled.len(),
        loo * 100.0
    );
    assert!(loo >= 0.80, "leave-one-out accuracy {loo:.3}");
    assert!(accuracy >= 0.80, "held-out accuracy {accuracy:.3}");

    // Through the core, with the full bundled set.
    let started = Instant::now();
    let g = core
        .classify_activity("I feel anxious, can you help me breathe?")
        .await
        .unwrap();
    println!(
        "first classify_activity (builds the prototypes): {} ms",
        started.elapsed().as_millis()
    );
    assert_eq!(g.activity, Activity::Breathing);
    assert!(g.propose, "{g:?}");
    let started = Instant::now();
    let g = core
        .classify_activity("I used to do breathing exercises a lot")
        .await
        .unwrap();
    assert_eq!(g.activity, Activity::None);
    assert!(!g.propose);
    let g = core
        .classify_activity("Can you guide me through a short meditation? My mind is racing")
        .await
        .unwrap();
    assert_eq!(g.activity, Activity::Meditation, "{g:?}");
    let g = core
        .classify_activity("I'd like to write down what happened today")
        .await
        .unwrap();
    assert_eq!(g.activity, Activity::Journaling, "{g:?}");
    let g = core
        .classify_activity("The weather was nice today")
        .await
        .unwrap();
    assert!(!g.propose, "{g:?}");
    println!(
        "later classify_activity: {} ms for 4",
        started.elapsed().as_millis()
    );
    assert!(core.classify_activity("   ").await.is_err());
    core.close().await;
}
