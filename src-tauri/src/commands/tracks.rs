//! Guided tracks: the person picks an audio file with the system's dialog, the core imports it
//! (checked, copied into the profile's folder, with progress as `meditation.track_import`), and
//! plays, pauses, seeks and stops it on the audio engine.

use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;
use wbot_core::audio::AmbientKind;
use wbot_core::chat::meditation::WriteMeditation;
use wbot_core::error::{CoreError, Reason, Subject};
use wbot_core::meditation::{
    GuidedTrack, MeditationSeries, TrackChanges, TrackImport, TrackPlayback, WrittenMeditation,
};
use wbot_core::Core;

use super::Result;
use crate::error::Input;

/// Asks for an audio file with the system's file dialog: its path, or None when the person
/// cancels. A debug build answers with `WBOT_PICK_FILE` when it is set (the end-to-end tests:
/// WebDriver cannot reach a native dialog).
#[tauri::command]
#[specta::specta]
pub async fn pick_track_file<R: Runtime>(app: AppHandle<R>) -> Result<Option<String>> {
    if cfg!(debug_assertions) {
        if let Some(path) = std::env::var_os("WBOT_PICK_FILE") {
            return Ok(Some(path.to_string_lossy().into_owned()));
        }
    }
    let picked = tokio::task::spawn_blocking(move || {
        app.dialog()
            .file()
            .add_filter("audio", &["mp3", "ogg", "oga", "wav", "flac"])
            .blocking_pick_file()
    })
    .await
    .map_err(|e| CoreError::internal(format!("the file dialog stopped ({e})")))?;
    match picked {
        None => Ok(None),
        Some(file) => file
            .into_path()
            .map(|p| Some(p.to_string_lossy().into_owned()))
            .map_err(|e| {
                CoreError::new(Reason::FileAccess)
                    .subject(Subject::TrackFile)
                    .value("Unsupported")
                    .detail(e.to_string())
                    .into()
            }),
    }
}

/// Imports an audio file (mp3, ogg, wav or flac, up to 500 MB) as a guided track.
#[tauri::command]
#[specta::specta]
pub async fn import_track(
    core: State<'_, Core>,
    profile_id: String,
    input: Input<TrackImport>,
) -> Result<GuidedTrack> {
    let input = input.parse("track")?;
    Ok(core
        .meditation()
        .import_track(&profile_id.parse()?, input)
        .await?)
}

/// A profile's guided tracks, newest first.
#[tauri::command]
#[specta::specta]
pub async fn guided_tracks(core: State<'_, Core>, profile_id: String) -> Result<Vec<GuidedTrack>> {
    Ok(core.meditation().tracks(&profile_id.parse()?).await?)
}

/// Renames, retypes or (un)favourites a track.
#[tauri::command]
#[specta::specta]
pub async fn update_track(
    core: State<'_, Core>,
    profile_id: String,
    track_id: String,
    changes: Input<TrackChanges>,
) -> Result<GuidedTrack> {
    let changes = changes.parse("track changes")?;
    Ok(core
        .meditation()
        .update_track(&profile_id.parse()?, &track_id.parse()?, changes)
        .await?)
}

/// Deletes a track and its file.
#[tauri::command]
#[specta::specta]
pub async fn delete_track(
    core: State<'_, Core>,
    profile_id: String,
    track_id: String,
) -> Result<()> {
    Ok(core
        .meditation()
        .delete_track(&profile_id.parse()?, &track_id.parse()?)
        .await?)
}

/// Plays a track from `fromMs` (where it last stopped when null), with a bed when given.
#[tauri::command]
#[specta::specta]
pub async fn play_track(
    core: State<'_, Core>,
    profile_id: String,
    track_id: String,
    from_ms: Input<Option<u32>>,
    ambient: Input<Option<AmbientKind>>,
) -> Result<TrackPlayback> {
    let from_ms = from_ms.parse("position")?;
    let ambient = ambient.parse("ambient")?;
    Ok(core
        .meditation()
        .play_track(&profile_id.parse()?, &track_id.parse()?, from_ms, ambient)
        .await?)
}

/// The profile's track playing or paused now, if any.
#[tauri::command]
#[specta::specta]
pub async fn track_playback(
    core: State<'_, Core>,
    profile_id: String,
) -> Result<Option<TrackPlayback>> {
    Ok(core
        .meditation()
        .track_playback(&profile_id.parse()?)
        .await?)
}

/// Pauses the profile's track, keeping its place.
#[tauri::command]
#[specta::specta]
pub async fn pause_track(core: State<'_, Core>, profile_id: String) -> Result<TrackPlayback> {
    Ok(core.meditation().pause_track(&profile_id.parse()?).await?)
}

/// Moves the profile's track to `positionMs`.
#[tauri::command]
#[specta::specta]
pub async fn seek_track(
    core: State<'_, Core>,
    profile_id: String,
    position_ms: Input<u32>,
) -> Result<TrackPlayback> {
    let position_ms = position_ms.parse("position")?;
    Ok(core
        .meditation()
        .seek_track(&profile_id.parse()?, position_ms)
        .await?)
}

/// Stops the profile's track, saving where it stopped.
#[tauri::command]
#[specta::specta]
pub async fn stop_track(
    core: State<'_, Core>,
    profile_id: String,
) -> Result<Option<TrackPlayback>> {
    Ok(core.meditation().stop_track(&profile_id.parse()?).await?)
}

/// Sets the guided tracks' volume, 0–100.
#[tauri::command]
#[specta::specta]
pub async fn set_track_volume(core: State<'_, Core>, volume: Input<u8>) -> Result<()> {
    let volume = volume.parse("volume")?;
    Ok(core.meditation().set_track_volume(volume).await?)
}

/// The meditations the team wrote, which the local voice can speak (shortest first).
#[tauri::command]
#[specta::specta]
pub async fn written_meditations(core: State<'_, Core>) -> Result<Vec<WrittenMeditation>> {
    Ok(core.meditation().written_meditations()?)
}

/// Speaks a written meditation with the local voice into a new guided track titled `title`
/// (progress as `meditation.voice`).
#[tauri::command]
#[specta::specta]
pub async fn speak_written_meditation(
    core: State<'_, Core>,
    profile_id: String,
    written_id: String,
    title: String,
) -> Result<GuidedTrack> {
    Ok(core
        .meditation()
        .speak_written_meditation(&profile_id.parse()?, &written_id, &title)
        .await?)
}

/// The meditation series ("7 Day Calm", "Sleep Better") with the profile's days in each.
#[tauri::command]
#[specta::specta]
pub async fn meditation_series(
    core: State<'_, Core>,
    profile_id: String,
) -> Result<Vec<MeditationSeries>> {
    Ok(core
        .meditation()
        .meditation_series(&profile_id.parse()?)
        .await?)
}

/// The guided track of a series' day (1 for the first), spoken by the local voice on its first
/// play (progress as `meditation.voice`) into a track titled `title`, and the same track after.
#[tauri::command]
#[specta::specta]
pub async fn series_day_track(
    core: State<'_, Core>,
    profile_id: String,
    series: String,
    day: u32,
    title: String,
) -> Result<GuidedTrack> {
    Ok(core
        .meditation()
        .series_day_track(&profile_id.parse()?, &series, day, &title)
        .await?)
}

/// Writes a meditation for the person with their chat model (progress `meditation.write`) and
/// speaks it with the local voice into a new guided track (progress `meditation.voice`).
#[tauri::command]
#[specta::specta]
pub async fn write_meditation(
    core: State<'_, Core>,
    profile_id: String,
    input: Input<WriteMeditation>,
) -> Result<GuidedTrack> {
    let input = input.parse("meditation")?;
    Ok(core
        .chat()
        .write_meditation(&profile_id.parse()?, input)
        .await?)
}

/// The script a track was spoken from, when it was written for the person (else null).
#[tauri::command]
#[specta::specta]
pub async fn track_script(
    core: State<'_, Core>,
    profile_id: String,
    track_id: String,
) -> Result<Option<String>> {
    Ok(core
        .meditation()
        .track_script(&profile_id.parse()?, &track_id.parse()?)
        .await?)
}
