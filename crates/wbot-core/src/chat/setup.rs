//! What a profile set up for the chat: its model providers (the fallback chain, in order; keys in the
//! keychain) and the region its helplines are for.

use serde::{Deserialize, Serialize};
use sqlx::Row;

use super::crisis::{helplines, Helpline};
use super::provider::{is_remote, ConnectionReport, ProviderConfig, ProviderKind, SecretRef};
use super::ChatService;
use crate::db::now_rfc3339;
use crate::error::{CoreError, Reason, Result, Subject};
use crate::ids::{ProfileId, ProviderId};
use crate::profile::Locale;

/// The most providers one profile can chain.
pub const MAX_PROVIDERS: usize = 10;
/// The longest API key accepted, in characters.
pub const MAX_KEY_CHARS: usize = 1_000;

/// A provider as the settings screen shows it: never the key, only whether one is saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ProviderSettings {
    pub id: ProviderId,
    pub name: String,
    pub kind: ProviderKind,
    pub base_url: String,
    pub model: String,
    pub timeout_ms: u32,
    pub has_key: bool,
    /// Place in the fallback chain, from 0.
    pub position: u32,
    /// An online service, not this device or the local network ([`is_remote`]).
    pub remote: bool,
    /// The person allowed this online service after seeing what it receives (ADR 0017); always true for
    /// a local provider. A reply never goes to a provider that is not allowed.
    pub allowed: bool,
}

impl ProviderSettings {
    /// The configuration the chat client uses.
    pub fn config(&self) -> ProviderConfig {
        ProviderConfig {
            id: self.id.to_string(),
            name: self.name.clone(),
            kind: self.kind,
            base_url: self.base_url.clone(),
            model: self.model.clone(),
            timeout_ms: self.timeout_ms,
            api_key: self
                .has_key
                .then(|| SecretRef::for_provider(self.id.as_str())),
        }
    }
}

/// Adding (no `id`) or changing a provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProviderInput {
    pub id: Option<ProviderId>,
    pub name: String,
    pub kind: ProviderKind,
    pub base_url: String,
    pub model: String,
    pub timeout_ms: u32,
    /// A new key to store in the keychain; absent keeps the saved one.
    #[serde(default)]
    pub api_key: Option<String>,
    /// Removes the saved key.
    #[serde(default)]
    pub clear_key: bool,
}

/// What the chat screen needs to know before the first message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ChatStatus {
    /// At least one provider is set up; otherwise the chat shows how to connect one.
    pub configured: bool,
    pub helpline_region: String,
    /// The safety card's lines for that region, the international directory last.
    pub helplines: Vec<Helpline>,
}

/// The scheme, host and port of an address (`None` when it does not parse, which validation prevents).
fn origin(url: &str) -> Option<String> {
    reqwest::Url::parse(url)
        .ok()
        .map(|u| u.origin().ascii_serialization())
}

fn kind_from_db(raw: &str) -> Result<ProviderKind> {
    match raw {
        "openAiCompatible" => Ok(ProviderKind::OpenAiCompatible),
        "anthropic" => Ok(ProviderKind::Anthropic),
        other => Err(CoreError::internal(format!(
            "unknown provider kind {other:?} in the database"
        ))),
    }
}

/// As stored: the same text as the JSON value the UI sends.
fn kind_to_db(kind: ProviderKind) -> &'static str {
    match kind {
        ProviderKind::OpenAiCompatible => "openAiCompatible",
        ProviderKind::Anthropic => "anthropic",
    }
}

fn row_to_provider(row: &sqlx::sqlite::SqliteRow) -> Result<ProviderSettings> {
    let kind: String = row.try_get("kind")?;
    let has_key: i64 = row.try_get("has_key")?;
    let allowed_at: Option<String> = row.try_get("remote_allowed_at")?;
    let base_url: String = row.try_get("base_url")?;
    let remote = is_remote(&base_url);
    Ok(ProviderSettings {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        kind: kind_from_db(&kind)?,
        base_url,
        model: row.try_get("model")?,
        timeout_ms: row.try_get("timeout_ms")?,
        has_key: has_key != 0,
        position: row.try_get("position")?,
        remote,
        allowed: !remote || allowed_at.is_some(),
    })
}

/// Checks a region code: empty (the default lines) or two letters.
pub fn validate_region(raw: &str) -> Result<String> {
    let region = raw.trim().to_ascii_uppercase();
    if region.is_empty() || (region.len() == 2 && region.chars().all(|c| c.is_ascii_uppercase())) {
        Ok(region)
    } else {
        Err(CoreError::new(Reason::InvalidFormat)
            .subject(Subject::HelplineRegion)
            .value(raw))
    }
}

fn validate_key(raw: &str) -> Result<String> {
    let key = raw.trim();
    if key.is_empty() {
        return Err(CoreError::empty(Subject::ApiKey));
    }
    if key.chars().count() > MAX_KEY_CHARS || key.chars().any(char::is_whitespace) {
        return Err(CoreError::new(Reason::InvalidFormat).subject(Subject::ApiKey));
    }
    Ok(key.to_string())
}

impl ChatService {
    /// A profile's providers, in fallback order.
    pub async fn list_providers(&self, profile_id: &ProfileId) -> Result<Vec<ProviderSettings>> {
        let profile_id = self.profiles.require_profile(profile_id).await?;
        let rows = sqlx::query(
            "SELECT id, name, kind, base_url, model, timeout_ms, has_key, position, remote_allowed_at
             FROM chat_providers WHERE profile_id = ? ORDER BY position, created_at",
        )
        .bind(&profile_id)
        .fetch_all(self.db.reader())
        .await?;
        rows.iter().map(row_to_provider).collect()
    }

    async fn chat_provider(
        &self,
        profile_id: &ProfileId,
        provider_id: &ProviderId,
    ) -> Result<ProviderSettings> {
        self.list_providers(profile_id)
            .await?
            .into_iter()
            .find(|p| &p.id == provider_id)
            .ok_or_else(|| CoreError::not_found(Subject::Provider, provider_id))
    }

    /// Adds or changes a provider. Its row is committed first, then a new key goes to the keychain: if the
    /// keychain refuses it, a new provider is not kept, a changed one keeps its new settings and the key
    /// it had (none if its address changed), and the error says why.
    pub async fn save_provider(
        &self,
        profile_id: &ProfileId,
        input: ProviderInput,
    ) -> Result<ProviderSettings> {
        let profile_id = self.profiles.require_profile(profile_id).await?;
        let existing = match &input.id {
            Some(id) => Some(self.chat_provider(&profile_id, id).await?),
            None => None,
        };
        if existing.is_none() && self.list_providers(&profile_id).await?.len() >= MAX_PROVIDERS {
            return Err(CoreError::new(Reason::TooManyProviders).max(MAX_PROVIDERS as f64));
        }
        let id = existing
            .as_ref()
            .map_or_else(ProviderId::new, |p| p.id.clone());
        let config = ProviderConfig {
            id: id.to_string(),
            name: input.name,
            kind: input.kind,
            base_url: input.base_url,
            model: input.model,
            timeout_ms: input.timeout_ms,
            api_key: None,
        }
        .validated()?;
        let key = input.api_key.as_deref().map(validate_key).transpose()?;
        if key.is_some() && input.clear_key {
            return Err(CoreError::new(Reason::KeyAndRemoval));
        }
        let had_key = existing.as_ref().is_some_and(|p| p.has_key);
        // A saved key, and the person's leave to send an online service their messages, belong to the
        // origin they were given for: another scheme, host or port drops both.
        let moved = existing
            .as_ref()
            .is_some_and(|p| origin(&p.base_url) != origin(&config.base_url));
        let drop_key = had_key && (input.clear_key || moved);
        // The row first, claiming only a key the keychain already holds for it and keeps; the keychain
        // changes after it is committed, so no key is ever kept for a provider that is not.
        let has_key = had_key && !drop_key;
        let now = now_rfc3339();
        let mut tx = self.db.begin_write().await?;
        sqlx::query(
            "INSERT INTO chat_providers
               (id, profile_id, position, name, kind, base_url, model, timeout_ms, has_key, created_at, updated_at)
             VALUES (?, ?, (SELECT count(*) FROM chat_providers WHERE profile_id = ?), ?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
               base_url = excluded.base_url, model = excluded.model, timeout_ms = excluded.timeout_ms,
               has_key = excluded.has_key, updated_at = excluded.updated_at,
               remote_allowed_at = CASE WHEN ? THEN NULL ELSE remote_allowed_at END
             WHERE chat_providers.profile_id = excluded.profile_id",
        )
        .bind(&id)
        .bind(&profile_id)
        .bind(&profile_id)
        .bind(&config.name)
        .bind(kind_to_db(config.kind))
        .bind(&config.base_url)
        .bind(&config.model)
        .bind(config.timeout_ms)
        .bind(i64::from(has_key))
        .bind(&now)
        .bind(&now)
        .bind(moved)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        if drop_key {
            self.forget_provider_key(&id).await;
        }
        if let Some(key) = key {
            let secrets = self.runtime.secrets.clone();
            let name = SecretRef::for_provider(id.as_str()).key;
            let stored = tokio::task::spawn_blocking(move || secrets.set(&name, &key))
                .await
                .map_err(|e| CoreError::internal(format!("keychain task: {e}")))
                .and_then(|r| r);
            if let Err(err) = stored {
                // A new provider the keychain refused is not kept (saving again would add a second);
                // a changed one keeps its new settings and the key it had, if any.
                if existing.is_none() {
                    self.delete_provider(&profile_id, &id).await?;
                }
                return Err(err);
            }
            let mut tx = self.db.begin_write().await?;
            sqlx::query("UPDATE chat_providers SET has_key = 1 WHERE id = ? AND profile_id = ?")
                .bind(&id)
                .bind(&profile_id)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
        }
        tracing::info!(provider = %id, "chat provider saved");
        self.chat_provider(&profile_id, &id).await
    }

    /// Records that the person saw what an online provider receives and allowed it (ADR 0017). A local
    /// provider needs no allowance: it is returned as it is.
    pub async fn allow_provider(
        &self,
        profile_id: &ProfileId,
        provider_id: &ProviderId,
    ) -> Result<ProviderSettings> {
        let provider = self.chat_provider(profile_id, provider_id).await?;
        if provider.allowed {
            return Ok(provider);
        }
        let owner = self.profiles.require_profile(profile_id).await?;
        let mut tx = self.db.begin_write().await?;
        sqlx::query(
            "UPDATE chat_providers SET remote_allowed_at = ? WHERE id = ? AND profile_id = ?",
        )
        .bind(now_rfc3339())
        .bind(&provider.id)
        .bind(&owner)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        tracing::info!(provider = %provider.id, "online chat provider allowed");
        self.chat_provider(profile_id, provider_id).await
    }

    /// Removes a provider and its key; the others close the gap in the chain.
    pub async fn delete_provider(
        &self,
        profile_id: &ProfileId,
        provider_id: &ProviderId,
    ) -> Result<()> {
        let provider = self.chat_provider(profile_id, provider_id).await?;
        let profile_id = self.profiles.require_profile(profile_id).await?;
        if provider.has_key {
            self.forget_provider_key(&provider.id).await;
        }
        let mut tx = self.db.begin_write().await?;
        sqlx::query("DELETE FROM chat_providers WHERE id = ? AND profile_id = ?")
            .bind(&provider.id)
            .bind(&profile_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "UPDATE chat_providers SET position = position - 1 WHERE profile_id = ? AND position > ?",
        )
        .bind(&profile_id)
        .bind(provider.position)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Removes a key from the keychain; a keychain that went away only leaves a stale entry behind.
    async fn forget_provider_key(&self, provider_id: &ProviderId) {
        let secrets = self.runtime.secrets.clone();
        let name = SecretRef::for_provider(provider_id.as_str()).key;
        let result = tokio::task::spawn_blocking(move || secrets.delete(&name)).await;
        if !matches!(result, Ok(Ok(()))) {
            tracing::warn!(provider = %provider_id, "an API key could not be removed from the keychain");
        }
    }

    /// Removes the keys of a profile's providers (before the profile itself is deleted).
    pub(crate) async fn forget_profile_keys(&self, profile_id: &ProfileId) -> Result<()> {
        for provider in self.list_providers(profile_id).await? {
            if provider.has_key {
                self.forget_provider_key(&provider.id).await;
            }
        }
        Ok(())
    }

    /// Puts the providers in the given order (every one of the profile's providers, once).
    pub async fn reorder_providers(
        &self,
        profile_id: &ProfileId,
        ids: &[ProviderId],
    ) -> Result<Vec<ProviderSettings>> {
        let current = self.list_providers(profile_id).await?;
        let profile_id = self.profiles.require_profile(profile_id).await?;
        let mut wanted: Vec<&ProviderId> = ids.iter().collect();
        let mut have: Vec<&ProviderId> = current.iter().map(|p| &p.id).collect();
        wanted.sort_unstable();
        have.sort_unstable();
        if wanted != have {
            return Err(CoreError::new(Reason::ProviderOrder));
        }
        let mut tx = self.db.begin_write().await?;
        for (position, id) in ids.iter().enumerate() {
            sqlx::query("UPDATE chat_providers SET position = ? WHERE id = ? AND profile_id = ?")
                .bind(position as i64)
                .bind(id)
                .bind(&profile_id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        self.list_providers(&profile_id).await
    }

    /// Asks one provider for a word: the time to the first token, or its error for people.
    pub async fn test_provider(
        &self,
        profile_id: &ProfileId,
        provider_id: &ProviderId,
    ) -> Result<ConnectionReport> {
        let provider = self.chat_provider(profile_id, provider_id).await?;
        Ok(self
            .runtime
            .client
            .test_connection(&provider.config())
            .await?)
    }

    /// The region the safety card's helplines are for ("" for the default lines).
    pub async fn helpline_region(&self, profile_id: &ProfileId) -> Result<String> {
        let profile_id = self.profiles.require_profile(profile_id).await?;
        let region: Option<String> =
            sqlx::query_scalar("SELECT helpline_region FROM chat_settings WHERE profile_id = ?")
                .bind(&profile_id)
                .fetch_optional(self.db.reader())
                .await?;
        Ok(region.unwrap_or_default())
    }

    /// Sets the helplines' region (a two-letter country code, or empty).
    pub async fn set_helpline_region(
        &self,
        profile_id: &ProfileId,
        region: &str,
    ) -> Result<ChatStatus> {
        let region = validate_region(region)?;
        let profile_id = self.profiles.require_profile(profile_id).await?;
        let mut tx = self.db.begin_write().await?;
        sqlx::query(
            "INSERT INTO chat_settings (profile_id, helpline_region, updated_at) VALUES (?, ?, ?)
             ON CONFLICT (profile_id) DO UPDATE SET helpline_region = excluded.helpline_region,
               updated_at = excluded.updated_at",
        )
        .bind(&profile_id)
        .bind(&region)
        .bind(now_rfc3339())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        self.chat_status(&profile_id).await
    }

    /// Whether a model is set up, and the helplines for the profile's region. With no region chosen, a
    /// profile that speaks Spanish gets Spain's line (and the directory); others get the US and UK lines.
    pub async fn chat_status(&self, profile_id: &ProfileId) -> Result<ChatStatus> {
        let configured = !self.list_providers(profile_id).await?.is_empty();
        let helpline_region = self.helpline_region(profile_id).await?;
        let effective = if helpline_region.is_empty()
            && self.profiles.settings(profile_id).await?.locale == Locale::Es
        {
            "ES"
        } else {
            helpline_region.as_str()
        };
        Ok(ChatStatus {
            configured,
            helplines: helplines(effective),
            helpline_region,
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failing test should panic
mod tests {
    use super::*;

    #[test]
    fn regions_and_keys() {
        assert_eq!(validate_region(" gb ").unwrap(), "GB");
        assert_eq!(validate_region("").unwrap(), "");
        assert!(validate_region("USA").is_err());
        assert!(validate_region("1A").is_err());
        assert!(validate_key("  ").is_err());
        assert!(validate_key("sk-abc def").is_err());
        assert_eq!(validate_key(" sk-abc ").unwrap(), "sk-abc");
        assert_eq!(
            kind_to_db(ProviderKind::OpenAiCompatible),
            "openAiCompatible"
        );
        assert_eq!(kind_from_db("anthropic").unwrap(), ProviderKind::Anthropic);
    }
}
