//! Meditation: the silent timer runs in the UI from one start instant; these save and list what
//! happened.

use tauri::State;
use wbot_core::meditation::{MeditationSession, NewMeditationSession};
use wbot_core::Core;

use super::Result;
use crate::error::Input;

/// Saves a finished or ended-early silent meditation.
#[tauri::command]
#[specta::specta]
pub async fn save_meditation_session(
    core: State<'_, Core>,
    profile_id: String,
    input: Input<NewMeditationSession>,
) -> Result<MeditationSession> {
    let input = input.parse("meditation session")?;
    Ok(core
        .meditation()
        .save_meditation_session(&profile_id.parse()?, input)
        .await?)
}

/// The profile's saved meditation sessions, newest first.
#[tauri::command]
#[specta::specta]
pub async fn list_meditation_sessions(
    core: State<'_, Core>,
    profile_id: String,
) -> Result<Vec<MeditationSession>> {
    Ok(core
        .meditation()
        .list_meditation_sessions(&profile_id.parse()?)
        .await?)
}
