//! The optional profile lock (issue 13 item 9; ADR 0016). A PIN of 4–8 digits is kept as an Argon2id
//! hash. While a profile has a PIN that was not given in this run, every service refuses its data
//! (they all go through [`ProfileService::require_profile`]); only its name, its theme and language (for
//! the lock screen) and switching to it stay open. After five wrong PINs in a row each further try waits,
//! 30 s the first time and twice as long each time after, up to an hour; the count survives a restart.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use super::{Profile, ProfileService};
use crate::db::utc_text;
use crate::error::{CoreError, Reason, Result, Subject};
use crate::ids::ProfileId;

/// The fewest and most digits of a PIN.
pub const PIN_DIGITS: (usize, usize) = (4, 8);
/// Wrong PINs in a row before each try has to wait.
pub const FREE_ATTEMPTS: u32 = 5;
/// The first wait, in seconds; it doubles with each wrong PIN after that, up to [`MAX_WAIT_S`].
pub const FIRST_WAIT_S: i64 = 30;
pub const MAX_WAIT_S: i64 = 3600;

fn validate_pin(pin: &str) -> Result<()> {
    let (min, max) = PIN_DIGITS;
    if !(min..=max).contains(&pin.len()) || !pin.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CoreError::new(Reason::InvalidFormat)
            .subject(Subject::Pin)
            .min(min as f64)
            .max(max as f64));
    }
    Ok(())
}

/// How long the try after `failures` wrong PINs in a row waits, in seconds (0: none).
pub fn wait_after(failures: u32) -> i64 {
    if failures < FREE_ATTEMPTS {
        return 0;
    }
    let doublings = (failures - FREE_ATTEMPTS).min(16);
    (FIRST_WAIT_S << doublings).min(MAX_WAIT_S)
}

fn argon_error(e: argon2::password_hash::Error) -> CoreError {
    CoreError::internal(format!("PIN hash ({e})"))
}

/// Hashes off the async threads: Argon2id is meant to be slow.
async fn hash_pin(pin: String) -> Result<String> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(pin.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(argon_error)
    })
    .await
    .map_err(|e| CoreError::internal(format!("PIN task failed ({e})")))?
}

async fn pin_matches(pin: String, hash: String) -> Result<bool> {
    tokio::task::spawn_blocking(move || {
        let parsed = PasswordHash::new(&hash).map_err(argon_error)?;
        Ok(Argon2::default()
            .verify_password(pin.as_bytes(), &parsed)
            .is_ok())
    })
    .await
    .map_err(|e| CoreError::internal(format!("PIN task failed ({e})")))?
}

impl ProfileService {
    /// Gives a profile a PIN, or a new one: `current` must be the PIN it has, if any (a wrong one
    /// counts as a try). The profile stays unlocked in this run.
    pub async fn set_pin(
        &self,
        id: &ProfileId,
        pin: &str,
        current: Option<&str>,
    ) -> Result<Profile> {
        validate_pin(pin)?;
        self.check_current(id, current).await?;
        let hash = hash_pin(pin.to_string()).await?;
        let mut tx = self.db.begin_write().await?;
        sqlx::query(
            "UPDATE profiles SET pin_hash = ?, pin_failures = 0, pin_retry_at = NULL WHERE id = ?",
        )
        .bind(hash)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        self.unlocked_now(id);
        tracing::info!(profile = %id, "profile PIN set");
        self.profile(id).await
    }

    /// Takes the lock off a profile, given its PIN.
    pub async fn remove_pin(&self, id: &ProfileId, current: &str) -> Result<Profile> {
        self.check_current(id, Some(current)).await?;
        let mut tx = self.db.begin_write().await?;
        sqlx::query(
            "UPDATE profiles SET pin_hash = NULL, pin_failures = 0, pin_retry_at = NULL WHERE id = ?",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        tracing::info!(profile = %id, "profile PIN removed");
        self.profile(id).await
    }

    /// Opens a locked profile for the rest of this run; `wrong_pin` (with the tries left before a
    /// wait in `actual`), or `too_many_attempts` (with the seconds to wait in `actual`).
    pub async fn unlock_profile(&self, id: &ProfileId, pin: &str) -> Result<Profile> {
        let profile = self.profile(id).await?;
        if profile.has_pin {
            self.check_pin(id, pin).await?;
        }
        self.unlocked_now(id);
        self.profile(id).await
    }

    /// Locks a profile that has a PIN again (as at start), e.g. before leaving the device.
    pub async fn lock_profile(&self, id: &ProfileId) -> Result<Profile> {
        self.profile(id).await?;
        self.unlocked
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .remove(id);
        self.profile(id).await
    }

    fn unlocked_now(&self, id: &ProfileId) {
        self.unlocked
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(id.clone());
    }

    /// Whether a profile's PIN was given in this run.
    pub(super) fn is_unlocked(&self, id: &ProfileId) -> bool {
        self.unlocked
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .contains(id)
    }

    /// When the profile has a PIN, `current` must be it.
    async fn check_current(&self, id: &ProfileId, current: Option<&str>) -> Result<()> {
        if self.profile(id).await?.has_pin {
            self.check_pin(id, current.unwrap_or_default()).await?;
            self.unlocked_now(id);
        }
        Ok(())
    }

    /// Checks a PIN against the stored hash, counting wrong ones and making tries wait after too many.
    async fn check_pin(&self, id: &ProfileId, pin: &str) -> Result<()> {
        let (hash, failures, retry_at): (Option<String>, i64, Option<String>) = sqlx::query_as(
            "SELECT pin_hash, pin_failures, pin_retry_at FROM profiles WHERE id = ?",
        )
        .bind(id)
        .fetch_optional(self.db.reader())
        .await?
        .ok_or_else(|| CoreError::not_found(Subject::Profile, id))?;
        let Some(hash) = hash else { return Ok(()) };
        let now = crate::clock::now_utc();
        let retry_at = retry_at
            .map(|t| OffsetDateTime::parse(&t, &Rfc3339))
            .transpose()
            .map_err(|e| CoreError::internal(format!("stored PIN retry time ({e})")))?;
        if let Some(retry_at) = retry_at {
            let wait = (retry_at - now).whole_seconds();
            if wait > 0 {
                return Err(CoreError::new(Reason::TooManyAttempts)
                    .subject(Subject::Pin)
                    .actual(wait as f64));
            }
        }
        let failures = u32::try_from(failures).unwrap_or(u32::MAX);
        let right = pin_matches(pin.to_string(), hash).await?;
        let failures = if right { 0 } else { failures.saturating_add(1) };
        let wait = wait_after(failures);
        let retry_at = if wait > 0 {
            Some(utc_text(now + time::Duration::seconds(wait))?)
        } else {
            None
        };
        let mut tx = self.db.begin_write().await?;
        sqlx::query("UPDATE profiles SET pin_failures = ?, pin_retry_at = ? WHERE id = ?")
            .bind(i64::from(failures))
            .bind(&retry_at)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        if right {
            return Ok(());
        }
        tracing::info!(profile = %id, failures, "wrong profile PIN");
        let left = FREE_ATTEMPTS.saturating_sub(failures);
        Err(CoreError::new(Reason::WrongPin)
            .subject(Subject::Pin)
            .actual(f64::from(left)))
    }
}
