//! Guided breathing: techniques, running sessions (events stream over a channel), saved history
//! and statistics, the Wim Hof safety gate, and the sound state the session screen shows.

use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};
use wbot_core::breathing::AudioState;
use wbot_core::breathing::{
    self, BreathingHistory, BreathingSession, BreathingStats, LiveBreathing, RetentionPoint,
    SafetyDecision, SessionEvent, StartBreathing, TechniqueInfo,
};
use wbot_core::db::Page;
use wbot_core::runner::RunnerCommand;
use wbot_core::Core;

use super::Result;
use crate::error::Input;

/// Every technique with its pattern (presets) or default settings (custom, Wim Hof). It cannot fail; it
/// returns a `Result` like every command, so the UI unwraps every command one way.
#[tauri::command]
#[specta::specta]
pub fn breathing_techniques() -> Result<Vec<TechniqueInfo>> {
    Ok(breathing::techniques())
}

/// Starts a session; its phase changes, ticks (~10/s), pauses and its end arrive on `on_event`
/// (and vibrate on mobile).
#[tauri::command]
#[specta::specta]
pub async fn start_breathing<R: Runtime>(
    app: AppHandle<R>,
    core: State<'_, Core>,
    profile_id: String,
    input: Input<StartBreathing>,
    on_event: Channel<SessionEvent>,
) -> Result<LiveBreathing> {
    let input = input.parse("session settings")?;
    let mut buzz = crate::haptics::session_buzzer(&app);
    let send = move |event: SessionEvent| {
        buzz(&event);
        // The window may have gone away; the session still runs and is saved on finish.
        if let Err(err) = on_event.send(event) {
            tracing::debug!(error = %err, "breathing event not delivered");
        }
    };
    Ok(core
        .breathing()
        .start_breathing(&profile_id.parse()?, input, send)
        .await?)
}

async fn control(
    core: &Core,
    profile_id: &str,
    run_id: &str,
    command: RunnerCommand,
) -> Result<()> {
    Ok(core
        .breathing()
        .control_breathing(&profile_id.parse()?, &run_id.parse()?, command)
        .await?)
}

/// Pauses a running session.
#[tauri::command]
#[specta::specta]
pub async fn pause_breathing(
    core: State<'_, Core>,
    profile_id: String,
    run_id: String,
) -> Result<()> {
    control(&core, &profile_id, &run_id, RunnerCommand::Pause).await
}

/// Resumes a paused session.
#[tauri::command]
#[specta::specta]
pub async fn resume_breathing(
    core: State<'_, Core>,
    profile_id: String,
    run_id: String,
) -> Result<()> {
    control(&core, &profile_id, &run_id, RunnerCommand::Resume).await
}

/// Stops a session early (it is saved by `finish_breathing`).
#[tauri::command]
#[specta::specta]
pub async fn stop_breathing(
    core: State<'_, Core>,
    profile_id: String,
    run_id: String,
) -> Result<()> {
    control(&core, &profile_id, &run_id, RunnerCommand::Stop).await
}

/// Manual Wim Hof pacing: one breath done.
#[tauri::command]
#[specta::specta]
pub async fn tap_breath(core: State<'_, Core>, profile_id: String, run_id: String) -> Result<()> {
    control(&core, &profile_id, &run_id, RunnerCommand::Tap).await
}

/// Ends the Wim Hof breath retention.
#[tauri::command]
#[specta::specta]
pub async fn release_retention(
    core: State<'_, Core>,
    profile_id: String,
    run_id: String,
) -> Result<()> {
    control(&core, &profile_id, &run_id, RunnerCommand::Release).await
}

/// Ends a session (stopping it if it still runs) and saves it with the mood after (1–5).
#[tauri::command]
#[specta::specta]
pub async fn finish_breathing(
    core: State<'_, Core>,
    profile_id: String,
    run_id: String,
    mood_after: Input<Option<u8>>,
) -> Result<BreathingSession> {
    let mood_after = mood_after.parse("mood after")?;
    Ok(core
        .breathing()
        .finish_breathing(&profile_id.parse()?, &run_id.parse()?, mood_after)
        .await?)
}

/// One page of saved sessions, newest first (`limit` 1–100, default 20).
#[tauri::command]
#[specta::specta]
pub async fn breathing_history(
    core: State<'_, Core>,
    profile_id: String,
    page: Input<Page>,
) -> Result<BreathingHistory> {
    let page = page.parse("page")?;
    Ok(core
        .breathing()
        .breathing_history(&profile_id.parse()?, page)
        .await?)
}

/// One saved session.
#[tauri::command]
#[specta::specta]
pub async fn get_breathing_session(
    core: State<'_, Core>,
    profile_id: String,
    session_id: String,
) -> Result<BreathingSession> {
    Ok(core
        .breathing()
        .breathing_session(&profile_id.parse()?, &session_id.parse()?)
        .await?)
}

/// Deletes a saved session.
#[tauri::command]
#[specta::specta]
pub async fn delete_breathing_session(
    core: State<'_, Core>,
    profile_id: String,
    session_id: String,
) -> Result<()> {
    Ok(core
        .breathing()
        .delete_breathing_session(&profile_id.parse()?, &session_id.parse()?)
        .await?)
}

/// Per-technique, monthly and Wim Hof statistics.
#[tauri::command]
#[specta::specta]
pub async fn breathing_stats(core: State<'_, Core>, profile_id: String) -> Result<BreathingStats> {
    Ok(core
        .breathing()
        .breathing_stats(&profile_id.parse()?)
        .await?)
}

/// Best and average Wim Hof retention per day, oldest first.
#[tauri::command]
#[specta::specta]
pub async fn retention_trend(
    core: State<'_, Core>,
    profile_id: String,
) -> Result<Vec<RetentionPoint>> {
    Ok(core
        .breathing()
        .retention_trend(&profile_id.parse()?)
        .await?)
}

/// Whether Wim Hof may start for this profile, what to suggest, and the safety notice.
#[tauri::command]
#[specta::specta]
pub async fn wim_hof_gate(
    core: State<'_, Core>,
    profile_id: String,
    latest_message: Option<String>,
) -> Result<SafetyDecision> {
    Ok(core
        .breathing()
        .wim_hof_gate(&profile_id.parse()?, latest_message.as_deref())
        .await?)
}

/// Records that the profile has read the Wim Hof safety notice.
#[tauri::command]
#[specta::specta]
pub async fn acknowledge_wim_hof_notice(core: State<'_, Core>, profile_id: String) -> Result<()> {
    Ok(core
        .breathing()
        .acknowledge_wim_hof_notice(&profile_id.parse()?)
        .await?)
}

/// Whether sound can be heard (and why not), and the profile's mute and ambient switches.
#[tauri::command]
#[specta::specta]
pub async fn audio_state(core: State<'_, Core>, profile_id: String) -> Result<AudioState> {
    Ok(core.breathing().audio_state(&profile_id.parse()?).await?)
}

/// Mutes or unmutes every session sound for the profile; saved in its settings.
#[tauri::command]
#[specta::specta]
pub async fn set_audio_muted(
    core: State<'_, Core>,
    profile_id: String,
    muted: Input<bool>,
) -> Result<AudioState> {
    Ok(core
        .breathing()
        .set_audio_muted(&profile_id.parse()?, muted.parse("sound settings")?)
        .await?)
}

/// Has the local voice speak breathing's cues if it never did (progress as
/// `breathing.voice_cues`); the number of cues. Called when the person turns spoken cues on.
#[tauri::command]
#[specta::specta]
pub async fn prepare_voice_cues(core: State<'_, Core>, profile_id: String) -> Result<u32> {
    Ok(core
        .breathing()
        .prepare_voice_cues(&profile_id.parse()?)
        .await?)
}

/// Turns the ambient bed of the profile's breathing sessions on or off (at once when one runs);
/// saved in its settings.
#[tauri::command]
#[specta::specta]
pub async fn set_breathing_ambient(
    core: State<'_, Core>,
    profile_id: String,
    on: Input<bool>,
) -> Result<AudioState> {
    Ok(core
        .breathing()
        .set_breathing_ambient(&profile_id.parse()?, on.parse("sound settings")?)
        .await?)
}
