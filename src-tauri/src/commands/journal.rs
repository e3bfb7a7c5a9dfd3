//! Journal entries: save one (from the companion's journaling card for now), read them back.

use tauri::State;
use wbot_core::db::Page;
use wbot_core::journal::{JournalEntry, NewJournalEntry};
use wbot_core::Core;

use super::Result;
use crate::error::Input;

/// Saves an entry.
#[tauri::command]
#[specta::specta]
pub async fn save_journal_entry(
    core: State<'_, Core>,
    profile_id: String,
    entry: Input<NewJournalEntry>,
) -> Result<JournalEntry> {
    let entry = entry.parse("journal entry")?;
    Ok(core
        .journal()
        .save_journal_entry(&profile_id.parse()?, entry)
        .await?)
}

/// One entry.
#[tauri::command]
#[specta::specta]
pub async fn get_journal_entry(
    core: State<'_, Core>,
    profile_id: String,
    entry_id: String,
) -> Result<JournalEntry> {
    Ok(core
        .journal()
        .journal_entry(&profile_id.parse()?, &entry_id.parse()?)
        .await?)
}

/// A page of entries, newest first (`limit` 1–100, default 20).
#[tauri::command]
#[specta::specta]
pub async fn list_journal_entries(
    core: State<'_, Core>,
    profile_id: String,
    page: Input<Page>,
) -> Result<Vec<JournalEntry>> {
    let page = page.parse("page")?;
    Ok(core
        .journal()
        .list_journal_entries(&profile_id.parse()?, page)
        .await?)
}
