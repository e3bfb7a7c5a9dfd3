//! The Wbot desktop and mobile shell: app setup, plugins, and thin commands over `wbot-core`.

pub mod commands;
pub mod error;
mod haptics;
mod logging;
mod notifications;
pub mod resources;

use std::path::PathBuf;

use tauri::Manager;
use tauri_specta::{Builder, Event};
use wbot_core::Core;

/// The schema as tauri-plugin-sql expects it, generated from `migrations/` by build.rs.
fn sql_migrations() -> Vec<tauri_plugin_sql::Migration> {
    include!(concat!(env!("OUT_DIR"), "/migrations.rs"))
}

/// The one list of commands and events, for a concrete runtime. It feeds the invoke handler, the
/// events and the TypeScript bindings; tests build it for the mock runtime.
#[macro_export]
macro_rules! wbot_specta_builder {
    ($runtime:ty) => {
        tauri_specta::Builder::<$runtime>::new()
            // One TypeScript type per Rust type: the UI reads what the core sends and sends the same
            // shapes back (an `Option` field is `T | null` both ways), so no `_Serialize` aliases.
            .disable_serde_phases()
            .commands(tauri_specta::collect_commands![
                $crate::commands::profile::list_profiles,
                $crate::commands::profile::active_profile,
                $crate::commands::profile::create_profile,
                $crate::commands::profile::rename_profile,
                $crate::commands::profile::switch_profile,
                $crate::commands::profile::delete_profile,
                $crate::commands::profile::set_profile_pin,
                $crate::commands::profile::remove_profile_pin,
                $crate::commands::profile::unlock_profile,
                $crate::commands::profile::lock_profile,
                $crate::commands::archive::export_profile::<$runtime>,
                $crate::commands::archive::import_profile,
                $crate::commands::profile::get_settings,
                $crate::commands::profile::update_settings,
                $crate::commands::profile::get_onboarding,
                $crate::commands::profile::update_onboarding,
                $crate::commands::breathing::breathing_techniques,
                $crate::commands::breathing::start_breathing::<$runtime>,
                $crate::commands::breathing::pause_breathing,
                $crate::commands::breathing::resume_breathing,
                $crate::commands::breathing::stop_breathing,
                $crate::commands::breathing::tap_breath,
                $crate::commands::breathing::release_retention,
                $crate::commands::breathing::finish_breathing,
                $crate::commands::breathing::breathing_history,
                $crate::commands::breathing::get_breathing_session,
                $crate::commands::breathing::delete_breathing_session,
                $crate::commands::breathing::breathing_stats,
                $crate::commands::breathing::retention_trend,
                $crate::commands::breathing::wim_hof_gate,
                $crate::commands::breathing::acknowledge_wim_hof_notice,
                $crate::commands::breathing::audio_state,
                $crate::commands::breathing::set_audio_muted,
                $crate::commands::breathing::set_breathing_ambient,
                $crate::commands::breathing::prepare_voice_cues,
                $crate::commands::journal::save_journal_entry,
                $crate::commands::journal::get_journal_entry,
                $crate::commands::journal::list_journal_entries,
                $crate::commands::journal::edit_journal_entry,
                $crate::commands::journal::set_journal_favourite,
                $crate::commands::journal::delete_journal_entry,
                $crate::commands::journal::discuss_journal_entry,
                $crate::commands::journal::save_journal_draft,
                $crate::commands::journal::get_journal_draft,
                $crate::commands::journal::discard_journal_draft,
                $crate::commands::mood::add_checkin,
                $crate::commands::mood::list_checkins,
                $crate::commands::mood::delete_checkin,
                $crate::commands::mood::mood_trend,
                $crate::commands::progress::get_progress,
                $crate::commands::progress::activity_effectiveness,
                $crate::commands::reminders::list_reminders,
                $crate::commands::reminders::save_reminder,
                $crate::commands::reminders::delete_reminder,
                $crate::commands::reminders::show_notification::<$runtime>,
                $crate::commands::wellness::wellness_profile,
                $crate::commands::wellness::remove_wellness_item,
                $crate::commands::wellness::set_wellness_note,
                $crate::commands::wellness::set_wellness_learning,
                $crate::commands::wellness::reset_wellness,
                $crate::commands::memory::list_memories,
                $crate::commands::memory::search_memories,
                $crate::commands::memory::add_memory,
                $crate::commands::memory::update_memory,
                $crate::commands::memory::delete_memory,
                $crate::commands::memory::forget_all_memories,
                $crate::commands::memory::memory_status,
                $crate::commands::chat::send_message,
                $crate::commands::chat::cancel_reply,
                $crate::commands::chat::retry_reply,
                $crate::commands::chat::decide_proposal,
                $crate::commands::chat::add_activity_summary,
                $crate::commands::chat::list_conversations,
                $crate::commands::chat::get_conversation,
                $crate::commands::chat::conversation_messages,
                $crate::commands::chat::rename_conversation,
                $crate::commands::chat::set_conversation_remember,
                $crate::commands::chat::delete_conversation,
                $crate::commands::chat::search_conversations,
                $crate::commands::chat::provider_presets,
                $crate::commands::chat::list_providers,
                $crate::commands::chat::save_provider,
                $crate::commands::chat::allow_provider,
                $crate::commands::chat::delete_provider,
                $crate::commands::chat::reorder_providers,
                $crate::commands::chat::test_provider,
                $crate::commands::chat::chat_status,
                $crate::commands::chat::set_helpline_region,
                $crate::commands::meditation::start_meditation,
                $crate::commands::meditation::pause_meditation,
                $crate::commands::meditation::resume_meditation,
                $crate::commands::meditation::stop_meditation,
                $crate::commands::meditation::finish_meditation,
                $crate::commands::meditation::meditation_history,
                $crate::commands::meditation::delete_meditation_session,
                $crate::commands::tracks::pick_track_file::<$runtime>,
                $crate::commands::tracks::import_track,
                $crate::commands::tracks::guided_tracks,
                $crate::commands::tracks::update_track,
                $crate::commands::tracks::delete_track,
                $crate::commands::tracks::play_track,
                $crate::commands::tracks::track_playback,
                $crate::commands::tracks::pause_track,
                $crate::commands::tracks::seek_track,
                $crate::commands::tracks::stop_track,
                $crate::commands::tracks::set_track_volume,
                $crate::commands::tracks::written_meditations,
                $crate::commands::tracks::meditation_series,
                $crate::commands::tracks::series_day_track,
                $crate::commands::tracks::speak_written_meditation,
                $crate::commands::tracks::write_meditation,
                $crate::commands::tracks::track_script,
                $crate::commands::updates::update_status::<$runtime>,
                $crate::commands::updates::set_update_channel::<$runtime>,
                $crate::commands::updates::check_for_update::<$runtime>,
                $crate::commands::updates::install_update::<$runtime>,
                $crate::commands::updates::restart_app::<$runtime>,
            ])
            .events(tauri_specta::collect_events![
                $crate::commands::profile::SettingsChanged,
                $crate::commands::memory::CoreNotice
            ])
    };
}

/// The builder for the real app.
pub fn specta_builder() -> Builder<tauri::Wry> {
    wbot_specta_builder!(tauri::Wry)
}

/// Writes the TypeScript bindings (commands, events, types) to `path`.
pub fn export_bindings(path: &std::path::Path) -> Result<(), String> {
    specta_builder()
        .export(
            specta_typescript::Typescript::default().header("// @ts-nocheck\n// Generated by tauri-specta from src-tauri; do not edit. Regenerate: WBOT_UPDATE_BINDINGS=1 cargo test -p wbot-app --test it bindings::\n"),
            path,
        )
        .map_err(|e| e.to_string())
}

/// `WBOT_DATA_DIR`, in a debug build only (the tests run the app on a folder of their own); a release
/// build keeps its data where the platform says, whatever the environment.
fn data_dir_from_env() -> Option<PathBuf> {
    cfg!(debug_assertions)
        .then(|| std::env::var_os("WBOT_DATA_DIR"))
        .flatten()
        .map(PathBuf::from)
}

/// Starts the app (desktop `main` and the mobile entry point).
#[cfg_attr(mobile, tauri::mobile_entry_point)]
pub fn run() {
    let started = std::time::Instant::now();
    let builder = specta_builder();
    commands::updates::register(notifications::register(haptics::register(
        tauri::Builder::default(),
    )))
    .plugin(tauri_plugin_dialog::init())
    .plugin(
        tauri_plugin_sql::Builder::default()
            .add_migrations("sqlite:wbot.db", sql_migrations())
            .build(),
    )
    .invoke_handler(builder.invoke_handler())
    .on_page_load(move |_webview, payload| {
        if payload.event() == tauri::webview::PageLoadEvent::Finished {
            // Read by scripts/bench-startup: process start to the first screen painted.
            tracing::info!(
                startup_ms = started.elapsed().as_millis() as u64,
                "page loaded"
            );
        }
    })
    .setup(move |app| {
        builder.mount_events(app);
        let (data_dir, log_dir) = match data_dir_from_env() {
            Some(dir) => (dir.clone(), dir.join("logs")),
            None => (app.path().app_data_dir()?, app.path().app_log_dir()?),
        };
        if let Some(guard) = logging::init(&log_dir) {
            app.manage(guard);
        }
        let core = tauri::async_runtime::block_on(Core::open(&data_dir))?;
        configure_memory(app, &core);
        forward_core_events(app.handle().clone(), &core);
        // Reminders are delivered while the app runs (from now on: none missed while closed).
        tauri::async_runtime::spawn(core.reminders().clone().run());
        app.manage(core);
        // The version the bundle was built as (tauri.conf.json), which updates compare.
        tracing::info!(version = %app.package_info().version, "app started");
        Ok(())
    })
    .build(tauri::generate_context!())
    .unwrap_or_else(|err| {
        eprintln!("wbot: the app could not start: {err}");
        std::process::exit(1);
    })
    .run(|app, event| on_run_event(app, &event));
}

/// The app's run-loop events: on exit, saves the memory indexes and closes storage (the indexes would
/// otherwise be rebuilt on the next start whenever a change was still waiting to be saved).
pub fn on_run_event<R: tauri::Runtime>(app: &tauri::AppHandle<R>, event: &tauri::RunEvent) {
    if let tauri::RunEvent::Exit = event {
        if let Some(core) = app.try_state::<Core>() {
            tauri::async_runtime::block_on(core.close());
            tracing::info!("app closed");
        }
    }
}

/// Points the memory engine at the bundled model and runtime, and meditation at the local voice (or
/// the development copies). Only paths are set here: models load on first use, so start-up never
/// waits for them.
fn configure_memory(app: &tauri::App, core: &Core) {
    let bundle_dir = match app.path().resource_dir() {
        Ok(dir) => Some(dir),
        Err(err) => {
            tracing::warn!(error = %err, "no resource directory; looking for the memory model elsewhere");
            None
        }
    };
    let dev_dir = resources::dev_resource_dir();
    let (config, source) = wbot_core::memory::MemoryConfig::resolve(
        bundle_dir.as_deref(),
        dev_dir.as_deref(),
        &wbot_core::memory::EnvPaths::from_process(),
    );
    tracing::info!(
        source,
        model_dir = %config.model_dir.display(),
        runtime = %config.runtime_path.display(),
        "memory model configured"
    );
    let voice = wbot_core::meditation::VoicePaths::resolve(
        bundle_dir.as_deref(),
        dev_dir.as_deref(),
        &wbot_core::memory::EnvPaths::from_process(),
        config.runtime_path.clone(),
    );
    tracing::info!(voice_dir = %voice.voice_dir.display(), "local voice configured");
    core.meditation().configure_voice(voice);
    tauri::async_runtime::block_on(core.memory().configure(config));
}

/// Relays every core notification to the UI for as long as the app runs: a change of settings as
/// [`commands::profile::SettingsChanged`], everything else as a [`commands::memory::CoreNotice`].
pub fn forward_core_events<R: tauri::Runtime>(app: tauri::AppHandle<R>, core: &Core) {
    let mut events = core.events().subscribe();
    tauri::async_runtime::spawn(async move {
        use tokio::sync::broadcast::error::RecvError;
        loop {
            match events.recv().await {
                Ok(wbot_core::events::CoreEvent::SettingsChanged(changed)) => {
                    let event = commands::profile::SettingsChanged {
                        profile_id: changed.profile_id,
                        settings: changed.settings,
                    };
                    if let Err(err) = event.emit(&app) {
                        tracing::warn!(error = %err, "settings-changed event not delivered");
                    }
                }
                Ok(event) => {
                    if let Err(err) = commands::memory::CoreNotice(event).emit(&app) {
                        tracing::debug!(error = %err, "core notice not delivered");
                    }
                }
                // Progress notices supersede each other: losing some while the UI is slow is harmless.
                Err(RecvError::Lagged(missed)) => {
                    tracing::debug!(missed, "core notices skipped");
                }
                Err(RecvError::Closed) => break,
            }
        }
    });
}
