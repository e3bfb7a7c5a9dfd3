//! `wbot classify`: one message per line on stdin; for each, a JSON line with every judgement layer's
//! verdict: the crisis patterns, the semantic score, the conversation layer (over the lines before it, as
//! one conversation), the signal they raise, and the activity the offline classifier picks.

use std::io::BufRead;

use serde::Serialize;
use wbot_core::chat::judgement::Recent;
use wbot_core::chat::{ActivityGuess, CrisisLayers, CrisisSignal};
use wbot_core::{Core, CoreError, Reason};

use crate::print_json;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Line {
    crisis: Option<CrisisSignal>,
    layers: CrisisLayers,
    /// `None` when the embedding model is unavailable.
    activity: Option<ActivityGuess>,
}

/// Classifies every non-empty line of stdin; the lines form one conversation.
pub async fn run(core: &Core) -> Result<(), CoreError> {
    let mut recent = Recent::default();
    for line in std::io::stdin().lock().lines() {
        let line = line.map_err(|e| {
            CoreError::new(Reason::InvalidInput)
                .value("stdin")
                .detail(e.to_string())
        })?;
        if line.trim().is_empty() {
            continue;
        }
        let judged = core.chat().judge_message(&line, &recent).await;
        recent
            .messages
            .insert(0, (line, judged.crisis.layers.semantic));
        print_json(&Line {
            crisis: judged.crisis.signal,
            layers: judged.crisis.layers,
            activity: judged.activity,
        })?;
    }
    Ok(())
}
