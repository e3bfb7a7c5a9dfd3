//! The wellness profile: what the companion has learned, which the person can see, annotate, remove,
//! pause and reset (the Wellness page).

use tauri::State;
use wbot_core::wellness::{WellnessItem, WellnessProfile};
use wbot_core::Core;

use super::Result;

/// The profile as it is now, learned again first (while learning is on) so the page shows the latest.
#[tauri::command]
#[specta::specta]
pub async fn wellness_profile(
    core: State<'_, Core>,
    profile_id: String,
) -> Result<WellnessProfile> {
    let id = profile_id.parse()?;
    core.wellness().learn(&id).await?;
    Ok(core.wellness().profile(&id).await?)
}

/// Removes an item for good (until a reset).
#[tauri::command]
#[specta::specta]
pub async fn remove_wellness_item(
    core: State<'_, Core>,
    profile_id: String,
    item_id: String,
) -> Result<()> {
    Ok(core
        .wellness()
        .remove(&profile_id.parse()?, &item_id.parse()?)
        .await?)
}

/// Sets the person's note on an item (empty clears it).
#[tauri::command]
#[specta::specta]
pub async fn set_wellness_note(
    core: State<'_, Core>,
    profile_id: String,
    item_id: String,
    note: String,
) -> Result<WellnessItem> {
    Ok(core
        .wellness()
        .set_note(&profile_id.parse()?, &item_id.parse()?, &note)
        .await?)
}

/// Pauses or resumes learning.
#[tauri::command]
#[specta::specta]
pub async fn set_wellness_learning(
    core: State<'_, Core>,
    profile_id: String,
    on: bool,
) -> Result<()> {
    Ok(core
        .wellness()
        .set_learning(&profile_id.parse()?, on)
        .await?)
}

/// Forgets everything learned; learning starts again from now.
#[tauri::command]
#[specta::specta]
pub async fn reset_wellness(core: State<'_, Core>, profile_id: String) -> Result<()> {
    Ok(core.wellness().reset(&profile_id.parse()?).await?)
}
