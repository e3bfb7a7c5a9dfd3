//! Per-profile settings: theme, language, sound, motivation (streaks, badges, the weekly goal) and what an
//! online chat model may receive. The sound settings are the one source of truth for what a session
//! plays: the audio engine follows the settings of the profile whose breathing session runs (applied when
//! it starts and on every change), so a mute or an ambient bed chosen during a session holds for the next
//! one and after a restart.

use serde::{Deserialize, Serialize};
use sqlx::Row;

use super::ProfileService;
use crate::audio::{AmbientKind, Volumes};
use crate::db::now_rfc3339;
use crate::error::{CoreError, Result, Subject};
use crate::events::{CoreEvent, ProfileSettings};
use crate::ids::ProfileId;
use crate::text::string_enum;

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
    /// Silences every session sound (cues and ambient) without changing the volumes.
    pub muted: bool,
    /// Whether breathing sessions play an ambient bed.
    pub ambient_on: bool,
    /// Which ambient bed they play.
    pub ambient_sound: AmbientKind,
    /// Whether Progress shows the streak.
    pub streaks_on: bool,
    /// Whether Progress shows badges.
    pub badges_on: bool,
    /// Active days wanted in a Monday-first week, 1–7.
    pub weekly_goal_days: u8,
    /// Whether breathing's phases are also spoken by the local voice ("breathe in", "hold", ...).
    pub voice_cues_on: bool,
    /// Volume of the spoken cues, 0–100.
    pub voice_cue_volume: u8,
    /// Whether breathing's inhales and exhales are also heard as soft breath sounds.
    pub breath_sounds_on: bool,
    /// Volume of the breath sounds, 0–100.
    pub breath_volume: u8,
    /// Whether prompts sent to an online chat model carry recalled memories (ADR 0017).
    pub remote_memories: bool,
    /// Whether prompts sent to an online chat model carry what the person said about themselves: the
    /// onboarding answers, the wellness profile and what helped them (ADR 0017).
    pub remote_about_you: bool,
}

impl Settings {
    fn validate(&self) -> Result<()> {
        for (name, value) in [
            (Subject::CueVolume, self.cue_volume),
            (Subject::AmbientVolume, self.ambient_volume),
            (Subject::VoiceCueVolume, self.voice_cue_volume),
            (Subject::BreathVolume, self.breath_volume),
        ] {
            if value > 100 {
                return Err(CoreError::out_of_range(name, 0.0, 100.0).actual(f64::from(value)));
            }
        }
        if !(1..=7).contains(&self.weekly_goal_days) {
            return Err(CoreError::out_of_range(Subject::WeeklyGoal, 1.0, 7.0)
                .actual(f64::from(self.weekly_goal_days)));
        }
        Ok(())
    }

    /// The volumes a session's layers play at.
    pub fn volumes(&self) -> Volumes {
        Volumes {
            cue: self.cue_volume,
            ambient: self.ambient_volume,
            spoken: self.voice_cue_volume,
            breath: self.breath_volume,
        }
    }
}

impl ProfileService {
    /// A profile's settings, also while it is locked: the lock screen takes its theme and language.
    pub async fn settings(&self, profile_id: &ProfileId) -> Result<Settings> {
        let id = self.profile(profile_id).await?.id;
        let row = sqlx::query(
            "SELECT theme, locale, cue_volume, ambient_volume, muted, ambient_on, ambient_sound,
               streaks_on, badges_on, weekly_goal_days, voice_cues_on, voice_cue_volume,
               breath_sounds_on, breath_volume, remote_memories, remote_about_you
             FROM settings WHERE profile_id = ?",
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
            ambient_on: row.get("ambient_on"),
            ambient_sound: row.get::<String, _>("ambient_sound").parse()?,
            streaks_on: row.get("streaks_on"),
            badges_on: row.get("badges_on"),
            weekly_goal_days: row.get("weekly_goal_days"),
            voice_cues_on: row.get("voice_cues_on"),
            voice_cue_volume: row.get("voice_cue_volume"),
            breath_sounds_on: row.get("breath_sounds_on"),
            breath_volume: row.get("breath_volume"),
            remote_memories: row.get("remote_memories"),
            remote_about_you: row.get("remote_about_you"),
        })
    }

    /// Replaces a profile's settings and returns what was saved. The sound of a running session follows
    /// them through the core's `update_settings`.
    pub(crate) async fn update_settings(
        &self,
        profile_id: &ProfileId,
        settings: Settings,
    ) -> Result<Settings> {
        settings.validate()?;
        let id = self.require_profile(profile_id).await?;
        let mut tx = self.db.begin_write().await?;
        sqlx::query(
            "INSERT INTO settings (profile_id, theme, locale, cue_volume, ambient_volume, muted,
               ambient_on, ambient_sound, streaks_on, badges_on, weekly_goal_days, voice_cues_on,
               voice_cue_volume, breath_sounds_on, breath_volume, remote_memories,
               remote_about_you, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (profile_id) DO UPDATE SET theme = excluded.theme, locale = excluded.locale,
               cue_volume = excluded.cue_volume, ambient_volume = excluded.ambient_volume,
               muted = excluded.muted, ambient_on = excluded.ambient_on,
               ambient_sound = excluded.ambient_sound, streaks_on = excluded.streaks_on,
               badges_on = excluded.badges_on, weekly_goal_days = excluded.weekly_goal_days,
               voice_cues_on = excluded.voice_cues_on,
               voice_cue_volume = excluded.voice_cue_volume,
               breath_sounds_on = excluded.breath_sounds_on,
               breath_volume = excluded.breath_volume, remote_memories = excluded.remote_memories,
               remote_about_you = excluded.remote_about_you, updated_at = excluded.updated_at",
        )
        .bind(&id)
        .bind(settings.theme.as_str())
        .bind(settings.locale.as_str())
        .bind(settings.cue_volume)
        .bind(settings.ambient_volume)
        .bind(settings.muted)
        .bind(settings.ambient_on)
        .bind(settings.ambient_sound.as_str())
        .bind(settings.streaks_on)
        .bind(settings.badges_on)
        .bind(settings.weekly_goal_days)
        .bind(settings.voice_cues_on)
        .bind(settings.voice_cue_volume)
        .bind(settings.breath_sounds_on)
        .bind(settings.breath_volume)
        .bind(settings.remote_memories)
        .bind(settings.remote_about_you)
        .bind(now_rfc3339())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        self.publish(id, &settings);
        Ok(settings)
    }

    /// Changes only the sound switches of a profile's settings (mute, ambient bed), in one write
    /// transaction so a concurrent change of the theme or volumes is not undone.
    pub(crate) async fn update_sound_switches(
        &self,
        profile_id: &ProfileId,
        muted: Option<bool>,
        ambient_on: Option<bool>,
    ) -> Result<Settings> {
        let id = self.require_profile(profile_id).await?;
        let mut tx = self.db.begin_write().await?;
        sqlx::query(
            "UPDATE settings SET muted = COALESCE(?, muted), ambient_on = COALESCE(?, ambient_on),
               updated_at = ? WHERE profile_id = ?",
        )
        .bind(muted)
        .bind(ambient_on)
        .bind(now_rfc3339())
        .bind(&id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        let settings = self.settings(&id).await?;
        self.publish(id, &settings);
        Ok(settings)
    }

    /// Tells whoever listens that a profile's settings are now `settings`.
    fn publish(&self, profile_id: ProfileId, settings: &Settings) {
        self.events
            .emit(CoreEvent::SettingsChanged(ProfileSettings {
                profile_id,
                settings: settings.clone(),
            }));
    }
}
