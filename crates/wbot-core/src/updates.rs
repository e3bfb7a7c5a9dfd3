//! Updates: which release channel the app follows (stable or beta) and which release it is offered.
//! The channel is one choice for the whole app (there is one installed app), kept in `app_state`.
//! Checking, downloading, verifying and installing are the desktop shell's, through
//! tauri-plugin-updater (ADR 0019); the rules it follows are here, where they are tested.

use semver::Version;
use serde::{Deserialize, Serialize};

use crate::db::Db;
use crate::{CoreError, Reason, Result, Subject};

/// A release channel. Beta receives pre-releases and every stable release; stable only stable ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum UpdateChannel {
    Stable,
    Beta,
}

impl UpdateChannel {
    /// The name used in the database, in update addresses and in the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Stable => "stable",
            Self::Beta => "beta",
        }
    }
}

impl std::str::FromStr for UpdateChannel {
    type Err = CoreError;

    fn from_str(s: &str) -> Result<Self> {
        match s {
            "stable" => Ok(Self::Stable),
            "beta" => Ok(Self::Beta),
            _ => Err(CoreError::new(Reason::InvalidValue)
                .subject(Subject::UpdateChannel)
                .value(s)
                .expected(&["stable", "beta"])),
        }
    }
}

/// The update address for a channel: the configured template with `{{channel}}` replaced, so one
/// build serves both channels and switching needs no reinstall.
pub fn endpoint(template: &str, channel: UpdateChannel) -> String {
    template.replace("{{channel}}", channel.as_str())
}

/// Whether a release the channel announces is offered to an app at `current`. Normally only a newer
/// one. When the person asks to go back to stable from a beta they run (`downgrade`), a different
/// release is offered even when it is older; a stable version is never offered something older.
pub fn is_offered(current: &Version, remote: &Version, downgrade: bool) -> bool {
    remote > current || (downgrade && !current.pre.is_empty() && remote != current)
}

/// Keeps the app's update channel.
#[derive(Debug, Clone)]
pub struct UpdateService {
    db: Db,
}

impl UpdateService {
    pub(crate) fn new(db: Db) -> Self {
        Self { db }
    }

    /// The channel the app follows.
    pub async fn channel(&self) -> Result<UpdateChannel> {
        let name: String = sqlx::query_scalar("SELECT update_channel FROM app_state WHERE id = 1")
            .fetch_one(self.db.reader())
            .await?;
        name.parse()
            .map_err(|_| CoreError::new(Reason::Internal).detail("unknown update channel stored"))
    }

    /// Switches the channel; the next check asks that channel's address.
    pub async fn set_channel(&self, channel: UpdateChannel) -> Result<UpdateChannel> {
        let mut tx = self.db.begin_write().await?;
        sqlx::query("UPDATE app_state SET update_channel = ? WHERE id = 1")
            .bind(channel.as_str())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        tracing::info!(channel = channel.as_str(), "update channel set");
        Ok(channel)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Version {
        Version::parse(s).expect("a version")
    }

    #[test]
    fn only_a_newer_release_is_offered_unless_a_return_to_stable_is_asked() {
        assert!(is_offered(&v("0.1.0"), &v("0.1.1"), false));
        assert!(is_offered(&v("0.2.0-beta.1"), &v("0.2.0"), false));
        assert!(!is_offered(&v("0.1.1"), &v("0.1.0"), false));
        assert!(!is_offered(&v("0.1.0"), &v("0.1.0"), false));
        // Back to stable from a beta: the older stable release is offered when asked, and only then.
        assert!(!is_offered(&v("0.2.0-beta.1"), &v("0.1.1"), false));
        assert!(is_offered(&v("0.2.0-beta.1"), &v("0.1.1"), true));
        assert!(!is_offered(&v("0.2.0-beta.1"), &v("0.2.0-beta.1"), true));
        // A stable version is never moved backwards.
        assert!(!is_offered(&v("0.1.1"), &v("0.1.0"), true));
    }

    #[test]
    fn the_channel_fills_the_address_template() {
        let template = "https://example.org/releases/download/updates/{{channel}}.json";
        assert_eq!(
            endpoint(template, UpdateChannel::Beta),
            "https://example.org/releases/download/updates/beta.json"
        );
        assert_eq!(
            endpoint("https://example.org/latest.json", UpdateChannel::Beta),
            "https://example.org/latest.json"
        );
    }

    #[test]
    fn an_unknown_channel_is_refused_with_the_names_it_accepts() {
        let err = "nightly".parse::<UpdateChannel>().expect_err("refused");
        assert_eq!(err.reason, Reason::InvalidValue);
        assert_eq!(err.params.subject, Some(Subject::UpdateChannel));
        assert_eq!(
            err.params.expected,
            Some(vec!["stable".to_string(), "beta".to_string()])
        );
    }
}
