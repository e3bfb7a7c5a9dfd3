//! Vibrations during breathing sessions (SPEC §4), on Android and iOS. Which vibration an event
//! calls for, and when each buzz of it falls, is decided and tested in the core
//! (`wbot_core::breathing::haptics`); the one line here that is not tested is the call into the
//! device's vibrator, because mobile builds cannot be made or run on the Linux CI machine. On
//! desktop the buzzer does nothing and the haptics plugin is not even compiled.

use tauri::{AppHandle, Runtime};
use wbot_core::breathing::SessionEvent;

/// What a session calls with each of its events: vibrates as the core says, on mobile.
#[cfg(mobile)]
pub fn session_buzzer<R: Runtime>(
    app: &AppHandle<R>,
) -> impl FnMut(&SessionEvent) + Send + 'static {
    use tauri_plugin_haptics::HapticsExt;
    let app = app.clone();
    let mut cues = wbot_core::breathing::haptics::HapticCues::new();
    move |event: &SessionEvent| {
        if let Some(haptic) = cues.on_event(event) {
            let app = app.clone();
            tauri::async_runtime::spawn(haptic.play(move |ms| {
                if let Err(err) = app.haptics().vibrate(ms) {
                    tracing::debug!(error = %err, "vibration failed");
                }
            }));
        }
    }
}

/// What a session calls with each of its events: nothing, without a vibrator.
#[cfg(not(mobile))]
pub fn session_buzzer<R: Runtime>(
    _app: &AppHandle<R>,
) -> impl FnMut(&SessionEvent) + Send + 'static {
    |_: &SessionEvent| {}
}

/// Adds the haptics plugin, which exists for Android and iOS only.
pub fn register<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    #[cfg(mobile)]
    let builder = builder.plugin(tauri_plugin_haptics::init());
    builder
}
