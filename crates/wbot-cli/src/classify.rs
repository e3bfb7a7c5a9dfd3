//! `wbot classify`: one message per line on stdin; for each, a JSON line with the activity the offline
//! classifier picks, its confidence, and the crisis detector's finding.

use std::io::BufRead;

use serde::Serialize;
use wbot_core::chat::{detect_crisis, Activity, CrisisSignal};
use wbot_core::{Core, CoreError};

use crate::print_json;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Line {
    activity: Activity,
    confidence: f32,
    propose: bool,
    crisis: Option<CrisisSignal>,
}

/// Classifies every non-empty line of stdin.
pub async fn run(core: &Core) -> Result<(), CoreError> {
    for line in std::io::stdin().lock().lines() {
        let line =
            line.map_err(|e| CoreError::validation(format!("stdin could not be read ({e}).")))?;
        if line.trim().is_empty() {
            continue;
        }
        let guess = core.classify_activity(&line).await?;
        print_json(&Line {
            activity: guess.activity,
            confidence: guess.confidence,
            propose: guess.propose,
            crisis: detect_crisis(&line),
        })?;
    }
    Ok(())
}
