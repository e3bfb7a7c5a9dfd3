//! Daily reminders: saved per profile; the core says when one is due (a `CoreNotice`), the UI words it in
//! the person's language and asks for it to be shown here as a system notification.

use tauri::{AppHandle, Runtime, State};
use wbot_core::reminders::{Reminder, ReminderInput};
use wbot_core::text::checked_text;
use wbot_core::{Core, CoreError, Reason, Subject};

use super::Result;
use crate::error::Input;

/// Longest notification title and text, in characters.
const MAX_TITLE_CHARS: usize = 100;
const MAX_BODY_CHARS: usize = 300;

/// A profile's reminders, oldest first.
#[tauri::command]
#[specta::specta]
pub async fn list_reminders(core: State<'_, Core>, profile_id: String) -> Result<Vec<Reminder>> {
    Ok(core
        .reminders()
        .list_reminders(&profile_id.parse()?)
        .await?)
}

/// Saves a new reminder (no id) or a change to one.
#[tauri::command]
#[specta::specta]
pub async fn save_reminder(
    core: State<'_, Core>,
    profile_id: String,
    reminder: Input<ReminderInput>,
) -> Result<Reminder> {
    let reminder = reminder.parse("reminder")?;
    Ok(core
        .reminders()
        .save_reminder(&profile_id.parse()?, reminder)
        .await?)
}

/// Deletes a reminder.
#[tauri::command]
#[specta::specta]
pub async fn delete_reminder(
    core: State<'_, Core>,
    profile_id: String,
    reminder_id: String,
) -> Result<()> {
    Ok(core
        .reminders()
        .delete_reminder(&profile_id.parse()?, &reminder_id.parse()?)
        .await?)
}

/// Shows a system notification with the words the UI chose (a due reminder).
#[tauri::command]
#[specta::specta]
pub async fn show_notification<R: Runtime>(
    app: AppHandle<R>,
    title: String,
    body: String,
) -> Result<()> {
    let title = checked_text(&title, Subject::NotificationText, MAX_TITLE_CHARS)?;
    let body = checked_text(&body, Subject::NotificationText, MAX_BODY_CHARS)?;
    crate::notifications::show(&app, &title, &body).map_err(|detail| {
        CoreError::new(Reason::NotificationsUnavailable)
            .detail(detail)
            .into()
    })
}
