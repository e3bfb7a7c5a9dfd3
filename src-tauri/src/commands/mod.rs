//! The commands the UI may call, one module per domain. Each command is a few lines: take the
//! input, call the core, map the error. The list of them lives in `wbot_specta_builder!`.

pub mod archive;
pub mod breathing;
pub mod chat;
pub mod journal;
pub mod meditation;
pub mod memory;
pub mod mood;
pub mod profile;
pub mod progress;
pub mod reminders;
pub mod tracks;
pub mod updates;
pub mod wellness;

/// What every command returns.
pub type Result<T> = std::result::Result<T, crate::error::AppError>;
