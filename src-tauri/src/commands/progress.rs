//! Effectiveness, streaks, the weekly goal and badges.

use tauri::State;
use wbot_core::progress::{Effectiveness, ProgressOverview};
use wbot_core::Core;

use super::Result;

/// The ProgressOverview page for the person's calendar day `today` (`YYYY-MM-DD`).
#[tauri::command]
#[specta::specta]
pub async fn get_progress(
    core: State<'_, Core>,
    profile_id: String,
    today: String,
) -> Result<ProgressOverview> {
    Ok(core
        .progress()
        .progress(&profile_id.parse()?, Some(&today))
        .await?)
}

/// How well each kind of activity the person has done works for them, best first.
#[tauri::command]
#[specta::specta]
pub async fn activity_effectiveness(
    core: State<'_, Core>,
    profile_id: String,
) -> Result<Vec<Effectiveness>> {
    Ok(core.progress().effectiveness(&profile_id.parse()?).await?)
}
