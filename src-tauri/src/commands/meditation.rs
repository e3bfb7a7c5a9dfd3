//! Meditation: the timer runs in the core (its bells on the audio engine, its events over a
//! channel); these start and steer it, finish it into a saved session, and list what happened.

use tauri::ipc::Channel;
use tauri::State;
use wbot_core::db::Page;
use wbot_core::meditation::{
    LiveMeditation, MeditationHistory, MeditationSession, StartMeditation, TimerEvent,
};
use wbot_core::runner::RunnerCommand;
use wbot_core::Core;

use super::Result;
use crate::error::Input;

/// Starts a timer; its bells, ticks (~10/s), pauses and its end arrive on `on_event`.
#[tauri::command]
#[specta::specta]
pub async fn start_meditation(
    core: State<'_, Core>,
    profile_id: String,
    input: Input<StartMeditation>,
    on_event: Channel<TimerEvent>,
) -> Result<LiveMeditation> {
    let input = input.parse("timer settings")?;
    let send = move |event: TimerEvent| {
        // The window may have gone away; the timer still runs and is saved on finish.
        if let Err(err) = on_event.send(event) {
            tracing::debug!(error = %err, "meditation event not delivered");
        }
    };
    Ok(core
        .meditation()
        .start_meditation(&profile_id.parse()?, input, send)
        .await?)
}

async fn control(
    core: &Core,
    profile_id: &str,
    run_id: &str,
    command: RunnerCommand,
) -> Result<()> {
    Ok(core
        .meditation()
        .control_meditation(&profile_id.parse()?, &run_id.parse()?, command)
        .await?)
}

/// Pauses a running timer.
#[tauri::command]
#[specta::specta]
pub async fn pause_meditation(
    core: State<'_, Core>,
    profile_id: String,
    run_id: String,
) -> Result<()> {
    control(&core, &profile_id, &run_id, RunnerCommand::Pause).await
}

/// Resumes a paused timer.
#[tauri::command]
#[specta::specta]
pub async fn resume_meditation(
    core: State<'_, Core>,
    profile_id: String,
    run_id: String,
) -> Result<()> {
    control(&core, &profile_id, &run_id, RunnerCommand::Resume).await
}

/// Ends a timer early (it is saved by `finish_meditation`).
#[tauri::command]
#[specta::specta]
pub async fn stop_meditation(
    core: State<'_, Core>,
    profile_id: String,
    run_id: String,
) -> Result<()> {
    control(&core, &profile_id, &run_id, RunnerCommand::Stop).await
}

/// Ends a timer (stopping it if it still runs) and saves it with the mood after (1–5).
#[tauri::command]
#[specta::specta]
pub async fn finish_meditation(
    core: State<'_, Core>,
    profile_id: String,
    run_id: String,
    mood_after: Input<Option<u8>>,
) -> Result<MeditationSession> {
    let mood_after = mood_after.parse("mood after")?;
    Ok(core
        .meditation()
        .finish_meditation(&profile_id.parse()?, &run_id.parse()?, mood_after)
        .await?)
}

/// Deletes a saved meditation session and its moods.
#[tauri::command]
#[specta::specta]
pub async fn delete_meditation_session(
    core: State<'_, Core>,
    profile_id: String,
    session_id: String,
) -> Result<()> {
    Ok(core
        .meditation()
        .delete_meditation_session(&profile_id.parse()?, &session_id.parse()?)
        .await?)
}

/// One page of saved sessions, newest first (`limit` 1–100, default 20).
#[tauri::command]
#[specta::specta]
pub async fn meditation_history(
    core: State<'_, Core>,
    profile_id: String,
    page: Input<Page>,
) -> Result<MeditationHistory> {
    let page = page.parse("page")?;
    Ok(core
        .meditation()
        .meditation_history(&profile_id.parse()?, page)
        .await?)
}
