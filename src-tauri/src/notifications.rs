//! System notifications, through `tauri-plugin-notification` (the desktop's notification service:
//! org.freedesktop.Notifications on Linux, the Action Center on Windows, Notification Center on macOS).

use tauri::{AppHandle, Runtime};
use tauri_plugin_notification::NotificationExt;

/// Adds the notification plugin.
pub fn register<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder.plugin(tauri_plugin_notification::init())
}

/// Shows one notification; the error's text is for the log only.
pub fn show<R: Runtime>(app: &AppHandle<R>, title: &str, body: &str) -> Result<(), String> {
    app.notification()
        .builder()
        .title(title)
        .body(body)
        .show()
        .map_err(|e| e.to_string())
}
