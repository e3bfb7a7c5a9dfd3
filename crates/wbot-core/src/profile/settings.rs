//! Per-profile settings: theme, language and audio defaults.

use serde::{Deserialize, Serialize};
use sqlx::Row;

use super::onboarding::string_enum;
use crate::db::now_rfc3339;
use crate::error::{CoreError, Result};
use crate::Core;

string_enum!(
    /// The colour theme; `system` follows the operating system.
    Theme { Light = "light", System = "system", Dark = "dark" }
);
string_enum!(
    /// The interface language.
    Locale { En = "en", Es = "es" }
);

/// A profile's settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Settings {
    pub theme: Theme,
    pub locale: Locale,
    /// Volume of breathing cues and bells, 0–100.
    pub cue_volume: u8,
    /// Volume of ambient sound, 0–100.
    pub ambient_volume: u8,
    pub muted: bool,
}

impl Settings {
    fn validate(&self) -> Result<()> {
        for (name, value) in [
            ("Cue volume", self.cue_volume),
            ("Ambient volume", self.ambient_volume),
        ] {
            if value > 100 {
                return Err(CoreError::validation(format!(
                    "{name} must be between 0 and 100; got {value}."
                )));
            }
        }
        Ok(())
    }
}

impl Core {
    /// A profile's settings.
    pub async fn settings(&self, profile_id: &str) -> Result<Settings> {
        let id = self.require_profile(profile_id).await?;
        let row = sqlx::query(
            "SELECT theme, locale, cue_volume, ambient_volume, muted FROM settings WHERE profile_id = ?",
        )
        .bind(&id)
        .fetch_one(self.db.reader())
        .await?;
        Ok(Settings {
            theme: row.get::<String, _>("theme").parse()?,
            locale: row.get::<String, _>("locale").parse()?,
            cue_volume: row.get("cue_volume"),
            ambient_volume: row.get("ambient_volume"),
            muted: row.get("muted"),
        })
    }

    /// Replaces a profile's settings and returns what was saved.
    pub async fn update_settings(&self, profile_id: &str, settings: Settings) -> Result<Settings> {
        settings.validate()?;
        let id = self.require_profile(profile_id).await?;
        let mut tx = self.db.begin_write().await?;
        sqlx::query(
            "INSERT INTO settings (profile_id, theme, locale, cue_volume, ambient_volume, muted, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (profile_id) DO UPDATE SET theme = excluded.theme, locale = excluded.locale,
               cue_volume = excluded.cue_volume, ambient_volume = excluded.ambient_volume,
               muted = excluded.muted, updated_at = excluded.updated_at",
        )
        .bind(&id)
        .bind(settings.theme.as_str())
        .bind(settings.locale.as_str())
        .bind(settings.cue_volume)
        .bind(settings.ambient_volume)
        .bind(settings.muted)
        .bind(now_rfc3339())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(settings)
    }
}
