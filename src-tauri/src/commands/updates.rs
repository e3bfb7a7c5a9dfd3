//! Signed updates on desktop (ADR 0019), through tauri-plugin-updater: check the channel's address,
//! download with progress, verify the signature with the public key in the config, install, restart.
//! The channel and the rule for which release is offered are the core's (`wbot_core::updates`).
//! Mobile apps are updated by their stores: there every command but the channel's says so.

use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, Runtime, State};
use wbot_core::updates::UpdateChannel;
use wbot_core::{Core, CoreError, Reason};

use super::Result;
use crate::error::Input;

/// What Settings shows about updates.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct UpdateStatus {
    pub current_version: String,
    /// A pre-release (a beta): going back to stable is offered only when the person asks.
    pub prerelease: bool,
    pub channel: UpdateChannel,
    /// Whether this build updates itself (false on mobile, where the store does).
    pub supported: bool,
}

/// A release the channel offers.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct UpdateOffer {
    pub version: String,
    pub current_version: String,
    /// The release notes, as the release wrote them (Markdown).
    pub notes: Option<String>,
    /// When it was published (RFC 3339), as the release says.
    pub published: Option<String>,
    /// Older than the running version (a return to stable the person asked for).
    pub downgrade: bool,
}

/// How far a download has come.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct UpdateProgress {
    pub downloaded: u32,
    /// The size the server announced, when it did.
    pub total: Option<u32>,
}

/// An update downloaded, verified and installed: it runs after a restart.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct UpdateInstalled {
    pub version: String,
    pub bytes: u32,
    pub download_ms: u32,
    pub verify_ms: u32,
    pub install_ms: u32,
}

/// The update the last check found, waiting to be installed. Managed where the updater plugin is
/// registered ([`register`]): without it (mobile, the tests' mock app) the app does not update itself.
#[derive(Default)]
pub struct PendingUpdate(Mutex<Option<Pending>>);

#[cfg(desktop)]
type Pending = tauri_plugin_updater::Update;
#[cfg(mobile)]
type Pending = ();

impl PendingUpdate {
    fn set(&self, update: Option<Pending>) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = update;
    }

    #[cfg(desktop)]
    fn get(&self) -> Option<Pending> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// Adds the updater plugin on desktop (it reads `plugins.updater` from the config: the public key
/// and the address template) and the place for a found update.
pub fn register<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    #[cfg(desktop)]
    let builder = builder
        .plugin(tauri_plugin_updater::Builder::new().build())
        .manage(PendingUpdate::default());
    builder
}

/// The pending-update slot, when this app updates itself.
fn updater<R: Runtime>(app: &AppHandle<R>) -> Result<State<'_, PendingUpdate>> {
    app.try_state::<PendingUpdate>()
        .ok_or_else(|| CoreError::new(Reason::UpdatesUnsupported).into())
}

/// The running version, the channel, and whether this build updates itself.
#[tauri::command]
#[specta::specta]
pub async fn update_status<R: Runtime>(
    app: AppHandle<R>,
    core: State<'_, Core>,
) -> Result<UpdateStatus> {
    let version = app.package_info().version.clone();
    Ok(UpdateStatus {
        current_version: version.to_string(),
        prerelease: !version.pre.is_empty(),
        channel: core.updates().channel().await?,
        supported: updater(&app).is_ok(),
    })
}

/// Switches the release channel; an update found on the other channel is forgotten.
#[tauri::command]
#[specta::specta]
pub async fn set_update_channel<R: Runtime>(
    app: AppHandle<R>,
    core: State<'_, Core>,
    channel: Input<UpdateChannel>,
) -> Result<UpdateChannel> {
    let channel = channel.parse("channel")?;
    let channel = core.updates().set_channel(channel).await?;
    if let Ok(pending) = updater(&app) {
        pending.set(None);
    }
    Ok(channel)
}

/// Asks the channel for a newer release (`downgrade`: also an older one, to go back to stable from a
/// beta). `None`: this version is the one to have.
#[tauri::command]
#[specta::specta]
pub async fn check_for_update<R: Runtime>(
    app: AppHandle<R>,
    core: State<'_, Core>,
    downgrade: bool,
) -> Result<Option<UpdateOffer>> {
    let pending = updater(&app)?;
    #[cfg(desktop)]
    {
        let channel = core.updates().channel().await?;
        let update = desktop::check(&app, channel, downgrade).await?;
        let offer = update.as_ref().map(desktop::offer);
        if let Some(offer) = &offer {
            tracing::info!(version = %offer.version, channel = channel.as_str(), "update found");
        }
        pending.set(update);
        Ok(offer)
    }
    #[cfg(mobile)]
    {
        let _ = (core, pending, downgrade);
        Err(CoreError::new(Reason::UpdatesUnsupported).into())
    }
}

/// Downloads the update the last check found, verifies its signature and installs it, reporting the
/// download's progress. The running app is left as it is until [`restart_app`].
#[tauri::command]
#[specta::specta]
pub async fn install_update<R: Runtime>(
    app: AppHandle<R>,
    on_progress: Channel<UpdateProgress>,
) -> Result<UpdateInstalled> {
    let pending = updater(&app)?;
    #[cfg(desktop)]
    {
        let update = pending
            .get()
            .ok_or_else(|| CoreError::new(Reason::NoUpdatePending))?;
        let installed = desktop::install(&update, &on_progress).await?;
        pending.set(None);
        Ok(installed)
    }
    #[cfg(mobile)]
    {
        let _ = (pending, on_progress);
        Err(CoreError::new(Reason::UpdatesUnsupported).into())
    }
}

/// Restarts the app (into the installed update).
#[tauri::command]
#[specta::specta]
pub fn restart_app<R: Runtime>(app: AppHandle<R>) -> Result<()> {
    tracing::info!("restarting");
    app.restart()
}

#[cfg(desktop)]
pub(crate) mod desktop {
    use std::time::{Duration, Instant};

    use tauri::ipc::Channel;
    use tauri::{AppHandle, Runtime};
    use tauri_plugin_updater::{Error, Update, UpdaterExt};
    use wbot_core::updates::{endpoint, is_offered, UpdateChannel};
    use wbot_core::{CoreError, Reason};

    use super::{UpdateInstalled, UpdateOffer, UpdateProgress};

    /// How long a connection may take to open, and a download may go without receiving a byte.
    const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
    const READ_TIMEOUT: Duration = Duration::from_secs(20);

    /// The configured address template (`{{channel}}` in it), as written in the config.
    fn endpoint_template<R: Runtime>(app: &AppHandle<R>) -> Option<String> {
        app.config()
            .plugins
            .0
            .get("updater")?
            .get("endpoints")?
            .get(0)?
            .as_str()
            .map(str::to_owned)
    }

    pub async fn check<R: Runtime>(
        app: &AppHandle<R>,
        channel: UpdateChannel,
        downgrade: bool,
    ) -> Result<Option<Update>, CoreError> {
        let template = endpoint_template(app)
            .ok_or_else(|| CoreError::internal("no updater endpoint configured"))?;
        let url = endpoint(&template, channel)
            .parse()
            .map_err(|e| CoreError::internal(format!("updater endpoint ({e})")))?;
        let updater = app
            .updater_builder()
            .endpoints(vec![url])
            .map_err(refusal)?
            .version_comparator(move |current, remote| {
                is_offered(&current, &remote.version, downgrade)
            })
            .configure_client(|client| {
                client
                    .connect_timeout(CONNECT_TIMEOUT)
                    .read_timeout(READ_TIMEOUT)
            })
            .build()
            .map_err(refusal)?;
        updater.check().await.map_err(refusal)
    }

    pub fn offer(update: &Update) -> UpdateOffer {
        let older = match (
            semver::Version::parse(&update.version),
            semver::Version::parse(&update.current_version),
        ) {
            (Ok(remote), Ok(current)) => remote < current,
            _ => false,
        };
        UpdateOffer {
            version: update.version.clone(),
            current_version: update.current_version.clone(),
            notes: update.body.clone(),
            published: update
                .raw_json
                .get("pub_date")
                .and_then(|d| d.as_str())
                .map(str::to_owned),
            downgrade: older,
        }
    }

    pub async fn install(
        update: &Update,
        on_progress: &Channel<UpdateProgress>,
    ) -> Result<UpdateInstalled, CoreError> {
        if tauri::utils::platform::bundle_type().is_none() {
            // A binary that was not installed from a bundle (a development build) has nothing the
            // updater could replace safely.
            return Err(CoreError::new(Reason::UpdatesUnsupported));
        }
        let started = Instant::now();
        let mut downloaded: u64 = 0;
        let mut reported: u64 = 0;
        let mut downloaded_at = started;
        // Download, then verify the signature over every byte (the plugin does both in `download`).
        let bytes = update
            .download(
                |chunk, total| {
                    downloaded += chunk as u64;
                    // About a hundred messages per download, whatever its size.
                    let step = total.map_or(256 * 1024, |t| (t / 100).max(1));
                    if downloaded - reported >= step || Some(downloaded) == total {
                        reported = downloaded;
                        let progress = UpdateProgress {
                            downloaded: clamp(downloaded),
                            total: total.map(clamp),
                        };
                        if on_progress.send(progress).is_err() {
                            tracing::debug!("update progress not delivered");
                        }
                    }
                },
                || downloaded_at = Instant::now(),
            )
            .await
            .map_err(refusal)?;
        let verified_at = Instant::now();
        // `install` verifies the bytes again before it hands them to the system's installer.
        update.install(&bytes).map_err(refusal)?;
        let installed = UpdateInstalled {
            version: update.version.clone(),
            bytes: clamp(bytes.len() as u64),
            download_ms: millis(downloaded_at - started),
            verify_ms: millis(verified_at - downloaded_at),
            install_ms: millis(verified_at.elapsed()),
        };
        tracing::info!(
            version = %installed.version,
            bytes = installed.bytes,
            download_ms = installed.download_ms,
            verify_ms = installed.verify_ms,
            install_ms = installed.install_ms,
            "update installed"
        );
        Ok(installed)
    }

    fn clamp(n: u64) -> u32 {
        u32::try_from(n).unwrap_or(u32::MAX)
    }

    fn millis(d: Duration) -> u32 {
        clamp(d.as_millis() as u64)
    }

    /// The plugin's error as a reason the UI words; its text goes to the log only.
    pub(crate) fn refusal(err: Error) -> CoreError {
        let (reason, value, status) = match &err {
            Error::Reqwest(e) if e.is_timeout() => (Reason::UpdateUnreachable, "timed_out", None),
            Error::Reqwest(e) if e.is_connect() => (Reason::UpdateUnreachable, "offline", None),
            Error::Reqwest(e) if e.is_body() || e.is_decode() => {
                (Reason::UpdateUnreachable, "incomplete", None)
            }
            Error::Reqwest(e) => (
                Reason::UpdateUnreachable,
                "server",
                e.status().map(|s| s.as_u16()),
            ),
            Error::Network(_)
            | Error::ReleaseNotFound
            | Error::Serialization(_)
            | Error::Semver(_)
            | Error::UrlParse(_)
            | Error::TargetNotFound(_)
            | Error::TargetsNotFound(_) => (Reason::UpdateUnreachable, "server", None),
            Error::Minisign(_)
            | Error::Base64(_)
            | Error::SignatureUtf8(_)
            | Error::SignedVersionMismatch { .. }
            | Error::MissingSignedVersion => (Reason::UpdateRejected, "signature", None),
            Error::InvalidUpdaterFormat | Error::BinaryNotFoundInArchive => {
                (Reason::UpdateRejected, "format", None)
            }
            Error::UnsupportedOs | Error::UnsupportedArch => (Reason::UpdatesUnsupported, "", None),
            Error::AuthenticationFailed => (Reason::UpdateInstallFailed, "cancelled", None),
            _ => (Reason::UpdateInstallFailed, "failed", None),
        };
        let mut refused = CoreError::new(reason).detail(err.to_string());
        if !value.is_empty() {
            refused = refused.value(value);
        }
        if let Some(status) = status {
            refused = refused.actual(f64::from(status));
        }
        refused
    }
}
