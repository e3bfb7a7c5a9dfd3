//! What Wbot remembers: list, search, add, edit and forget memories, and the memory engine's status.
//! Core notifications (model load, index rebuild progress) reach the UI as one [`CoreNotice`] event.

use serde::Serialize;
use tauri::State;
use wbot_core::db::Page;
use wbot_core::events::CoreEvent;
use wbot_core::memory::{
    Memory, MemoryHit, MemoryKind, MemoryPage, MemoryStatus, NewMemory, SearchOptions,
};
use wbot_core::Core;

use super::Result;
use crate::error::Input;

/// A notification from the core (progress of a long job, the memory model loaded or released),
/// forwarded to every window as it happens. Never carries personal text.
#[derive(Debug, Clone, Serialize, specta::Type, tauri_specta::Event)]
pub struct CoreNotice(pub CoreEvent);

/// A page of the profile's memories, newest first (`limit` 1–200, default 50).
#[tauri::command]
#[specta::specta]
pub async fn list_memories(
    core: State<'_, Core>,
    profile_id: String,
    page: Input<Page>,
) -> Result<MemoryPage> {
    let page = page.parse("page")?;
    Ok(core
        .memory()
        .list_memories(&profile_id.parse()?, page)
        .await?)
}

/// Searches the profile's memories by meaning and keywords, best first.
#[tauri::command]
#[specta::specta]
pub async fn search_memories(
    core: State<'_, Core>,
    profile_id: String,
    query: String,
    options: Input<SearchOptions>,
) -> Result<Vec<MemoryHit>> {
    let options = options.parse("search options")?;
    Ok(core
        .memory()
        .search_memories(&profile_id.parse()?, &query, options)
        .await?)
}

/// Remembers something the user wrote (a note unless another kind is given).
#[tauri::command]
#[specta::specta]
pub async fn add_memory(
    core: State<'_, Core>,
    profile_id: String,
    text: String,
    kind: Option<Input<MemoryKind>>,
) -> Result<Memory> {
    let mut memory = NewMemory::note(text);
    if let Some(kind) = kind {
        memory.kind = kind.parse("memory kind")?;
    }
    Ok(core
        .memory()
        .add_memory(&profile_id.parse()?, memory)
        .await?)
}

/// Replaces a memory's text.
#[tauri::command]
#[specta::specta]
pub async fn update_memory(
    core: State<'_, Core>,
    profile_id: String,
    memory_id: String,
    text: String,
) -> Result<Memory> {
    Ok(core
        .memory()
        .update_memory(&profile_id.parse()?, &memory_id.parse()?, &text)
        .await?)
}

/// Forgets one memory.
#[tauri::command]
#[specta::specta]
pub async fn delete_memory(
    core: State<'_, Core>,
    profile_id: String,
    memory_id: String,
) -> Result<()> {
    Ok(core
        .memory()
        .delete_memory(&profile_id.parse()?, &memory_id.parse()?)
        .await?)
}

/// Forgets every memory of the profile; returns how many were forgotten.
#[tauri::command]
#[specta::specta]
pub async fn forget_all_memories(core: State<'_, Core>, profile_id: String) -> Result<u32> {
    Ok(core
        .memory()
        .forget_all_memories(&profile_id.parse()?)
        .await?)
}

/// Model, counts and index health for the profile.
#[tauri::command]
#[specta::specta]
pub async fn memory_status(core: State<'_, Core>, profile_id: String) -> Result<MemoryStatus> {
    Ok(core.memory().memory_status(&profile_id.parse()?).await?)
}
