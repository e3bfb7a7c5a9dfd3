//! Local profiles: each person on the device, with their settings and onboarding answers.

mod lock;
mod onboarding;
mod settings;

pub use lock::{wait_after, FIRST_WAIT_S, FREE_ATTEMPTS, MAX_WAIT_S, PIN_DIGITS};
pub use onboarding::*;
pub use settings::*;

use crate::db::now_rfc3339;
use crate::db::{changed_one, Db};
use crate::error::{CoreError, Reason, Result, Subject};
use crate::events::EventBus;
use crate::ids::ProfileId;
use crate::text::checked_text;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::sync::{Arc, Mutex as StdMutex};

/// The longest display name, in characters.
pub const MAX_DISPLAY_NAME: usize = 100;

/// A person using Wbot on this device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    pub id: ProfileId,
    pub display_name: String,
    pub created_at: String,
    /// Whether it has a PIN (ADR 0016).
    pub has_pin: bool,
    /// Whether it has a PIN that was not given in this run: its data is refused until it is.
    #[sqlx(skip)]
    pub locked: bool,
}

/// The columns a [`Profile`] is read from, for `profiles p`.
const PROFILE_COLUMNS: &str =
    "p.id, p.display_name, p.created_at, p.pin_hash IS NOT NULL AS has_pin";

/// What creating a profile takes: a name and the onboarding answers.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct NewProfile {
    pub display_name: String,
    pub onboarding: OnboardingAnswers,
}

/// Trims and checks a display name.
pub fn validate_display_name(raw: &str) -> Result<String> {
    let name = checked_text(raw, Subject::DisplayName, MAX_DISPLAY_NAME)?;
    if name.chars().any(char::is_control) {
        return Err(CoreError::new(Reason::InvalidCharacters).subject(Subject::DisplayName));
    }
    Ok(name)
}

/// The people on this device: their profiles, settings and onboarding answers. Other services hold one
/// to check that a profile exists before they touch its rows.
#[derive(Debug, Clone)]
pub struct ProfileService {
    db: Db,
    /// Where a change of settings is published.
    events: EventBus,
    /// The profiles whose PIN was given in this run.
    unlocked: Arc<StdMutex<HashSet<ProfileId>>>,
}

impl ProfileService {
    pub fn new(db: Db, events: EventBus) -> Self {
        Self {
            db,
            events,
            unlocked: Arc::default(),
        }
    }

    /// All profiles, oldest first.
    pub async fn list_profiles(&self) -> Result<Vec<Profile>> {
        let profiles = sqlx::query_as::<_, Profile>(&format!(
            "SELECT {PROFILE_COLUMNS} FROM profiles p ORDER BY p.created_at, p.id"
        ))
        .fetch_all(self.db.reader())
        .await?;
        Ok(profiles.into_iter().map(|p| self.with_lock(p)).collect())
    }

    /// Checks that the profile exists and is not locked, and gives its id back: the check every
    /// service makes before it reads or changes a profile's data.
    pub async fn require_profile(&self, id: &ProfileId) -> Result<ProfileId> {
        let profile = self.profile(id).await?;
        if profile.locked {
            return Err(CoreError::new(Reason::ProfileLocked)
                .subject(Subject::Profile)
                .value(id.as_str()));
        }
        Ok(profile.id)
    }

    /// One profile by id (its name and whether it is locked, locked or not).
    pub async fn profile(&self, id: &ProfileId) -> Result<Profile> {
        sqlx::query_as::<_, Profile>(&format!(
            "SELECT {PROFILE_COLUMNS} FROM profiles p WHERE p.id = ?"
        ))
        .bind(id)
        .fetch_optional(self.db.reader())
        .await?
        .map(|p| self.with_lock(p))
        .ok_or_else(|| CoreError::not_found(Subject::Profile, id))
    }

    fn with_lock(&self, mut profile: Profile) -> Profile {
        profile.locked = profile.has_pin && !self.is_unlocked(&profile.id);
        profile
    }

    /// Creates a profile with its onboarding answers and default settings, and makes it active.
    pub async fn create_profile(&self, input: NewProfile) -> Result<Profile> {
        let display_name = validate_display_name(&input.display_name)?;
        let answers = input.onboarding.normalized();
        let profile = Profile {
            id: ProfileId::new(),
            display_name,
            created_at: now_rfc3339(),
            has_pin: false,
            locked: false,
        };
        let mut tx = self.db.begin_write().await?;
        sqlx::query("INSERT INTO profiles (id, display_name, created_at) VALUES (?, ?, ?)")
            .bind(&profile.id)
            .bind(&profile.display_name)
            .bind(&profile.created_at)
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO settings (profile_id, updated_at) VALUES (?, ?)")
            .bind(&profile.id)
            .bind(&profile.created_at)
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO onboarding (profile_id, answers, updated_at) VALUES (?, ?, ?)")
            .bind(&profile.id)
            .bind(serde_json::to_string(&answers)?)
            .bind(&profile.created_at)
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE app_state SET active_profile_id = ? WHERE id = 1")
            .bind(&profile.id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        tracing::info!(profile = %profile.id, "profile created");
        Ok(profile)
    }

    /// The profile the app opens with, if any.
    pub async fn active_profile(&self) -> Result<Option<Profile>> {
        Ok(sqlx::query_as::<_, Profile>(&format!(
            "SELECT {PROFILE_COLUMNS} FROM app_state s JOIN profiles p ON p.id = s.active_profile_id WHERE s.id = 1"
        ))
        .fetch_optional(self.db.reader())
        .await?
        .map(|p| self.with_lock(p)))
    }

    /// Changes a profile's display name (the companion uses the new one from its next reply).
    pub async fn rename_profile(&self, id: &ProfileId, display_name: &str) -> Result<Profile> {
        let display_name = validate_display_name(display_name)?;
        self.require_profile(id).await?;
        let mut profile = self.profile(id).await?;
        let mut tx = self.db.begin_write().await?;
        sqlx::query("UPDATE profiles SET display_name = ? WHERE id = ?")
            .bind(&display_name)
            .bind(&profile.id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        profile.display_name = display_name;
        tracing::info!(profile = %profile.id, "profile renamed");
        Ok(profile)
    }

    /// Makes a profile the active one.
    pub async fn switch_profile(&self, id: &ProfileId) -> Result<Profile> {
        let profile = self.profile(id).await?;
        let mut tx = self.db.begin_write().await?;
        sqlx::query("UPDATE app_state SET active_profile_id = ? WHERE id = 1")
            .bind(&profile.id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(profile)
    }

    /// Deletes a profile's rows (the cascade takes everything it owns). When it was active, the oldest
    /// remaining profile (if any) becomes active. What lives outside the database (keys, the memory
    /// index) is the caller's: the core's `delete_profile` does both.
    pub(crate) async fn delete_rows(&self, id: &ProfileId) -> Result<()> {
        let mut tx = self.db.begin_write().await?;
        let deleted = sqlx::query("DELETE FROM profiles WHERE id = ?")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        changed_one(deleted, Subject::Profile, id)?;
        sqlx::query(
            "UPDATE app_state SET active_profile_id = COALESCE(active_profile_id,
                (SELECT id FROM profiles ORDER BY created_at, id LIMIT 1)) WHERE id = 1",
        )
        .execute(&mut *tx)
        .await?;
        self.db.commit_deletion(tx).await?;
        tracing::info!(profile = %id, "profile deleted");
        Ok(())
    }
}
