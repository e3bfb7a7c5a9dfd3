//! Local profiles: each person on the device, with their settings and onboarding answers.

mod onboarding;
mod settings;

pub use onboarding::*;
pub use settings::*;

use crate::db::now_rfc3339;
use crate::db::{changed_one, Db};
use crate::error::{CoreError, Reason, Result, Subject};
use crate::events::EventBus;
use crate::ids::ProfileId;
use crate::text::checked_text;
use serde::{Deserialize, Serialize};

/// The longest display name, in characters.
pub const MAX_DISPLAY_NAME: usize = 100;

/// A person using Wbot on this device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type, sqlx::FromRow)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    pub id: ProfileId,
    pub display_name: String,
    pub created_at: String,
}

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
}

impl ProfileService {
    pub fn new(db: Db, events: EventBus) -> Self {
        Self { db, events }
    }

    /// All profiles, oldest first.
    pub async fn list_profiles(&self) -> Result<Vec<Profile>> {
        Ok(sqlx::query_as::<_, Profile>(
            "SELECT id, display_name, created_at FROM profiles ORDER BY created_at, id",
        )
        .fetch_all(self.db.reader())
        .await?)
    }

    /// Checks that the profile exists, and gives its id back.
    pub async fn require_profile(&self, id: &ProfileId) -> Result<ProfileId> {
        Ok(self.profile(id).await?.id)
    }

    /// One profile by id.
    pub async fn profile(&self, id: &ProfileId) -> Result<Profile> {
        sqlx::query_as::<_, Profile>(
            "SELECT id, display_name, created_at FROM profiles WHERE id = ?",
        )
        .bind(id)
        .fetch_optional(self.db.reader())
        .await?
        .ok_or_else(|| CoreError::not_found(Subject::Profile, id))
    }

    /// Creates a profile with its onboarding answers and default settings, and makes it active.
    pub async fn create_profile(&self, input: NewProfile) -> Result<Profile> {
        let display_name = validate_display_name(&input.display_name)?;
        let answers = input.onboarding.normalized();
        let profile = Profile {
            id: ProfileId::new(),
            display_name,
            created_at: now_rfc3339(),
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
        Ok(sqlx::query_as::<_, Profile>(
            "SELECT p.id, p.display_name, p.created_at FROM app_state s JOIN profiles p ON p.id = s.active_profile_id WHERE s.id = 1",
        )
        .fetch_optional(self.db.reader())
        .await?)
    }

    /// Changes a profile's display name (the companion uses the new one from its next reply).
    pub async fn rename_profile(&self, id: &ProfileId, display_name: &str) -> Result<Profile> {
        let display_name = validate_display_name(display_name)?;
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
