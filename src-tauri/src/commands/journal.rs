//! The journal: entries saved, read back, edited, favourited, deleted, listed and searched, and the draft
//! kept while the person writes.

use tauri::State;
use wbot_core::chat::Conversation;
use wbot_core::db::Page;
use wbot_core::journal::{
    JournalDraft, JournalEdit, JournalEntry, JournalFilter, JournalHit, NewJournalEntry,
};
use wbot_core::Core;

use super::Result;
use crate::error::Input;

/// Saves an entry (and discards the draft).
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

/// A page of entries (`limit` 1–100, default 20): newest first, or best first for a search by words or
/// by meaning; filtered by category, favourites and days.
#[tauri::command]
#[specta::specta]
pub async fn list_journal_entries(
    core: State<'_, Core>,
    profile_id: String,
    filter: Input<JournalFilter>,
    page: Input<Page>,
) -> Result<Vec<JournalHit>> {
    let filter = filter.parse("journal filter")?;
    let page = page.parse("page")?;
    Ok(core
        .journal()
        .list_journal_entries(&profile_id.parse()?, filter, page)
        .await?)
}

/// Replaces an entry's words.
#[tauri::command]
#[specta::specta]
pub async fn edit_journal_entry(
    core: State<'_, Core>,
    profile_id: String,
    entry_id: String,
    edit: Input<JournalEdit>,
) -> Result<JournalEntry> {
    let edit = edit.parse("journal edit")?;
    Ok(core
        .journal()
        .edit_journal_entry(&profile_id.parse()?, &entry_id.parse()?, edit)
        .await?)
}

/// Marks an entry as a favourite, or not.
#[tauri::command]
#[specta::specta]
pub async fn set_journal_favourite(
    core: State<'_, Core>,
    profile_id: String,
    entry_id: String,
    favourite: bool,
) -> Result<JournalEntry> {
    Ok(core
        .journal()
        .set_journal_favourite(&profile_id.parse()?, &entry_id.parse()?, favourite)
        .await?)
}

/// Deletes an entry.
#[tauri::command]
#[specta::specta]
pub async fn delete_journal_entry(
    core: State<'_, Core>,
    profile_id: String,
    entry_id: String,
) -> Result<()> {
    Ok(core
        .journal()
        .delete_journal_entry(&profile_id.parse()?, &entry_id.parse()?)
        .await?)
}

/// "Talk about this": a new conversation that starts from the entry; with `remember`, the entry also
/// becomes a memory.
#[tauri::command]
#[specta::specta]
pub async fn discuss_journal_entry(
    core: State<'_, Core>,
    profile_id: String,
    entry_id: String,
    remember: bool,
) -> Result<Conversation> {
    Ok(core
        .chat()
        .discuss_journal_entry(&profile_id.parse()?, &entry_id.parse()?, remember)
        .await?)
}

/// Keeps the draft being written (called every couple of seconds while typing).
#[tauri::command]
#[specta::specta]
pub async fn save_journal_draft(
    core: State<'_, Core>,
    profile_id: String,
    draft: Input<JournalDraft>,
) -> Result<JournalDraft> {
    let draft = draft.parse("journal draft")?;
    Ok(core
        .journal()
        .save_journal_draft(&profile_id.parse()?, draft)
        .await?)
}

/// The unsaved draft, if any.
#[tauri::command]
#[specta::specta]
pub async fn get_journal_draft(
    core: State<'_, Core>,
    profile_id: String,
) -> Result<Option<JournalDraft>> {
    Ok(core.journal().journal_draft(&profile_id.parse()?).await?)
}

/// Throws the draft away.
#[tauri::command]
#[specta::specta]
pub async fn discard_journal_draft(core: State<'_, Core>, profile_id: String) -> Result<()> {
    Ok(core
        .journal()
        .discard_journal_draft(&profile_id.parse()?)
        .await?)
}
