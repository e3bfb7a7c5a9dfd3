//! Logs go to a daily-rotated file in the app's log folder. Personal text (messages, journal
//! entries, memories) is never logged above debug, and debug is off unless `WBOT_LOG` asks for it.

use std::path::Path;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{Builder, Rotation};
use tracing_subscriber::EnvFilter;

/// Starts file logging; keep the guard alive for as long as the app runs.
pub fn init(dir: &Path) -> Option<WorkerGuard> {
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("wbot: file logging is off ({e})");
        return None;
    }
    let appender = Builder::new()
        .rotation(Rotation::DAILY)
        .max_log_files(7)
        .filename_prefix("wbot")
        .filename_suffix("log")
        .build(dir)
        .map_err(|e| eprintln!("wbot: file logging is off ({e})"))
        .ok()?;
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter = EnvFilter::try_from_env("WBOT_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .with_ansi(false)
        .try_init()
        .ok()?;
    Some(guard)
}
