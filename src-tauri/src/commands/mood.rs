//! Mood check-ins and the trend.

use tauri::State;
use wbot_core::db::Page;
use wbot_core::mood::{Checkin, DayRange, MoodTrend, NewCheckin};
use wbot_core::Core;

use super::Result;
use crate::error::Input;

/// Saves a standalone check-in.
#[tauri::command]
#[specta::specta]
pub async fn add_checkin(
    core: State<'_, Core>,
    profile_id: String,
    checkin: Input<NewCheckin>,
) -> Result<Checkin> {
    let checkin = checkin.parse("check-in")?;
    Ok(core
        .mood()
        .add_checkin(&profile_id.parse()?, checkin)
        .await?)
}

/// A page of check-ins of every kind, newest first (`limit` 1–200, default 50).
#[tauri::command]
#[specta::specta]
pub async fn list_checkins(
    core: State<'_, Core>,
    profile_id: String,
    page: Input<Page>,
) -> Result<Vec<Checkin>> {
    let page = page.parse("page")?;
    Ok(core
        .mood()
        .list_checkins(&profile_id.parse()?, page)
        .await?)
}

/// Deletes a check-in.
#[tauri::command]
#[specta::specta]
pub async fn delete_checkin(
    core: State<'_, Core>,
    profile_id: String,
    checkin_id: String,
) -> Result<()> {
    Ok(core
        .mood()
        .delete_checkin(&profile_id.parse()?, &checkin_id.parse()?)
        .await?)
}

/// Mood per calendar day over a range, with the activities of each day.
#[tauri::command]
#[specta::specta]
pub async fn mood_trend(
    core: State<'_, Core>,
    profile_id: String,
    range: Input<DayRange>,
) -> Result<MoodTrend> {
    let range = range.parse("day range")?;
    Ok(core.mood().mood_trend(&profile_id.parse()?, &range).await?)
}
