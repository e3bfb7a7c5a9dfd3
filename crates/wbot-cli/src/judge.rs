//! `wbot judge`: trains the crisis and activity classifiers on the labelled sets and measures them, and
//! memory retrieval, split by split (JSON lines). Thresholds are chosen on the validation split; the test
//! split is for reporting only.

use std::path::PathBuf;

use clap::Subcommand;
use serde_json::json;
use wbot_core::chat::dataset::{self, Split};
use wbot_core::chat::JudgementWeights;
use wbot_core::evaluation::{
    activity_report, crisis_report, embed_examples, leave_one_category_out, load_retrieval,
    retrieval_report, train,
};
use wbot_core::memory::RECALL_FLOOR;
use wbot_core::{Core, CoreError, Reason};

use crate::print_json;

#[derive(Subcommand)]
pub enum JudgeCommand {
    /// Trains both classifiers (train split), chooses thresholds (validation split), writes the weights.
    Train {
        /// The labelled sets (default: the checkout's crates/wbot-core/data).
        #[arg(long)]
        data: Option<PathBuf>,
        /// The folder to write judgement.json and judgement.bin to (default: the checkout's
        /// crates/wbot-core/src/chat).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Measures the shipped weights on one split: crisis, activity, and with --retrieval memory search.
    Eval {
        #[arg(long)]
        data: Option<PathBuf>,
        /// train, validation or test.
        #[arg(long, default_value = "validation")]
        split: String,
        /// Also the leave-one-category-out crisis recall (trains one classifier per category).
        #[arg(long)]
        loco: bool,
        /// Also memory retrieval, with the prompt's recall at these floors (default: the configured one).
        #[arg(long)]
        retrieval: bool,
        #[arg(long, value_delimiter = ',')]
        floors: Vec<f32>,
        /// Measure the weights in this folder (judgement.json and judgement.bin) instead of the shipped ones.
        #[arg(long)]
        weights: Option<PathBuf>,
    },
}

fn invalid(e: String) -> CoreError {
    CoreError::new(Reason::InvalidInput).detail(e)
}

pub async fn run(core: &Core, cmd: JudgeCommand) -> Result<(), CoreError> {
    match cmd {
        JudgeCommand::Train { data, out } => {
            let dir = data.unwrap_or_else(dataset::default_dir);
            let crisis = dataset::crisis(&dir).map_err(invalid)?;
            let activity = dataset::activity(&dir).map_err(invalid)?;
            let everyday = dataset::everyday(&dir).map_err(invalid)?;
            let crisis = embed_examples(core.memory(), &crisis).await?;
            let activity = embed_examples(core.memory(), &activity).await?;
            let everyday = embed_examples(core.memory(), &everyday).await?;
            let weights = train(&crisis, &activity, &everyday);
            let out = out.unwrap_or_else(|| {
                PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../wbot-core/src/chat")
            });
            let (json, bin) = weights.to_files().map_err(CoreError::internal)?;
            for (name, bytes) in [
                ("judgement.json", json.into_bytes()),
                ("judgement.bin", bin),
            ] {
                let path = out.join(name);
                std::fs::write(&path, bytes)
                    .map_err(|e| CoreError::internal(format!("{}: {e}", path.display())))?;
            }
            print_json(&json!({
                "written": out.display().to_string(),
                "crisisThreshold": weights.crisis_threshold,
                "conversationThreshold": weights.conversation_threshold,
                "activityThreshold": weights.activity_threshold,
            }))
        }
        JudgeCommand::Eval {
            data,
            split,
            loco,
            retrieval,
            floors,
            weights,
        } => {
            let split = Split::parse(&split).ok_or_else(|| {
                invalid(format!(
                    "--split is train, validation or test, not {split:?}"
                ))
            })?;
            let dir = data.unwrap_or_else(dataset::default_dir);
            let loaded;
            let weights = match weights {
                Some(dir) => {
                    let read = |name: &str| {
                        std::fs::read(dir.join(name))
                            .map_err(|e| invalid(format!("{}: {e}", dir.join(name).display())))
                    };
                    let json = String::from_utf8_lossy(&read("judgement.json")?).into_owned();
                    loaded = JudgementWeights::from_files(&json, &read("judgement.bin")?)
                        .map_err(invalid)?;
                    &loaded
                }
                None => JudgementWeights::shipped().map_err(CoreError::internal)?,
            };
            let crisis = dataset::crisis(&dir).map_err(invalid)?;
            let crisis = embed_examples(core.memory(), &crisis).await?;
            let part: Vec<_> = crisis
                .iter()
                .filter(|(e, _)| e.split == split)
                .cloned()
                .collect();
            for (key, figures) in crisis_report(weights, &part) {
                print_json(
                    &json!({"judgement": "crisis", "split": split, "group": key, "figures": figures}),
                )?;
            }
            let activity = dataset::activity(&dir).map_err(invalid)?;
            let activity = embed_examples(core.memory(), &activity).await?;
            let part: Vec<_> = activity
                .iter()
                .filter(|(e, _)| e.split == split)
                .cloned()
                .collect();
            for (key, figures) in activity_report(weights, &part) {
                print_json(
                    &json!({"judgement": "activity", "split": split, "group": key, "figures": figures}),
                )?;
            }
            // Everyday messages, and the activity set's (none of them a crisis): how often the card shows
            // anyway, and how often an activity is offered unasked.
            let everyday = dataset::everyday(&dir).map_err(invalid)?;
            let everyday = embed_examples(core.memory(), &everyday).await?;
            let everyday_part: Vec<_> = everyday
                .iter()
                .filter(|(e, _)| e.split == split)
                .cloned()
                .collect();
            for (name, set) in [("everyday", &everyday_part), ("activity_set", &part)] {
                for (key, figures) in crisis_report(weights, set) {
                    if !key.contains('/') {
                        print_json(
                            &json!({"judgement": format!("crisis_{name}"), "split": split, "group": key, "figures": figures}),
                        )?;
                    }
                }
            }
            for (key, figures) in activity_report(weights, &everyday_part) {
                if !key.contains('/') {
                    print_json(
                        &json!({"judgement": "activity_everyday", "split": split, "group": key, "figures": figures}),
                    )?;
                }
            }
            if loco {
                let not_crisis: Vec<_> = activity.iter().chain(&everyday).cloned().collect();
                for (key, figures) in
                    leave_one_category_out(&crisis, &not_crisis, weights.crisis_l2)
                {
                    print_json(
                        &json!({"judgement": "crisis_loco", "group": key, "figures": figures}),
                    )?;
                }
            }
            if retrieval {
                let sets = dataset::retrieval(&dir).map_err(invalid)?;
                let loaded = load_retrieval(core.profiles(), core.memory(), &sets).await?;
                let floors = if floors.is_empty() {
                    vec![RECALL_FLOOR]
                } else {
                    floors
                };
                for floor in floors {
                    for (key, figures) in
                        retrieval_report(core.memory(), &loaded, split, floor).await?
                    {
                        print_json(
                            &json!({"judgement": "retrieval", "split": split, "floor": floor, "group": key, "figures": figures}),
                        )?;
                    }
                }
            }
            Ok(())
        }
    }
}
