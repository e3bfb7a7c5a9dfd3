//! `wbot export --profile P FILE` and `wbot import FILE`: a profile's data in one archive, and back.
//! The result is one JSON line on stdout; progress goes to stderr as JSON lines.

use std::path::Path;

use wbot_core::archive::file_error;
use wbot_core::events::CoreEvent;
use wbot_core::{Core, CoreError};

use crate::print_json;

pub async fn export(core: &Core, profile: &str, file: &Path) -> Result<(), CoreError> {
    show_progress(core);
    let summary = core
        .archive()
        .export_profile(&profile.parse()?, file)
        .await?;
    print_json(&summary)
}

pub async fn import(core: &Core, file: &Path) -> Result<(), CoreError> {
    let archive = std::fs::File::open(file).map_err(file_error(file))?;
    show_progress(core);
    let imported = core.archive().import_profile(archive).await?;
    print_json(&imported)
}

/// Prints the core's progress events to stderr while the command runs.
fn show_progress(core: &Core) {
    let mut events = core.events().subscribe();
    tokio::spawn(async move {
        while let Ok(event) = events.recv().await {
            if let CoreEvent::Progress(progress) = event {
                if let Ok(line) = serde_json::to_string(&progress) {
                    eprintln!("{line}");
                }
            }
        }
    });
}
