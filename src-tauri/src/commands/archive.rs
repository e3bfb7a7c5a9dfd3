//! A profile's data in one archive (export), and a new profile from one (import).

use std::path::PathBuf;

use tauri::{AppHandle, Manager, Runtime, State};
use wbot_core::archive::{archive_path_in, ArchiveSummary, ImportedProfile};
use wbot_core::db::local_now;
use wbot_core::{Core, CoreError, Reason};

use super::Result;

/// Writes everything a profile owns to a new archive in the Downloads folder (else Documents, else
/// home), with `progress` notices (`profile.export`); says where.
#[tauri::command]
#[specta::specta]
pub async fn export_profile<R: Runtime>(
    app: AppHandle<R>,
    core: State<'_, Core>,
    profile_id: String,
) -> Result<ArchiveSummary> {
    let profile_id = profile_id.parse()?;
    let folder = export_folder(&app)?;
    let date = local_now().date().to_string();
    let path = archive_path_in(&folder, &date);
    Ok(core.archive().export_profile(&profile_id, &path).await?)
}

/// Creates a new profile from an archive's bytes (the file the person picked), with `progress`
/// notices (`profile.import`, then `memory.reembed`). It does not become active.
#[tauri::command]
#[specta::specta]
pub async fn import_profile(core: State<'_, Core>, archive: Vec<u8>) -> Result<ImportedProfile> {
    Ok(core
        .archive()
        .import_profile(std::io::Cursor::new(archive))
        .await?)
}

/// Where exports go: `WBOT_EXPORT_DIR` in a debug build (the end-to-end tests), else the person's
/// Downloads, Documents or home folder, whichever exists first.
fn export_folder<R: Runtime>(app: &AppHandle<R>) -> Result<PathBuf> {
    let from_env = cfg!(debug_assertions)
        .then(|| std::env::var_os("WBOT_EXPORT_DIR"))
        .flatten()
        .map(PathBuf::from);
    let paths = app.path();
    from_env
        .into_iter()
        .chain(paths.download_dir().ok())
        .chain(paths.document_dir().ok())
        .chain(paths.home_dir().ok())
        .find(|dir| dir.is_dir())
        .ok_or_else(|| {
            CoreError::new(Reason::FileAccess)
                .value("NotFound")
                .detail("no Downloads, Documents or home folder")
                .into()
        })
}
