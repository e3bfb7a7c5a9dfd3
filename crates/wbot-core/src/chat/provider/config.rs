//! A provider's configuration: its kind, endpoint, model, key reference and timeout, validated.

use serde::{Deserialize, Serialize};

use crate::error::{CoreError, Result};

/// The version header every Anthropic Messages request carries.
pub const ANTHROPIC_VERSION: &str = "2023-06-01";

/// Anthropic requires `max_tokens`; this is used when the request does not set one.
pub const DEFAULT_ANTHROPIC_MAX_TOKENS: u32 = 1024;

/// Bounds of a provider's timeout, in milliseconds.
pub const MIN_TIMEOUT_MS: u32 = 100;

/// See [`MIN_TIMEOUT_MS`].
pub const MAX_TIMEOUT_MS: u32 = 600_000;

/// Which wire format a provider speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum ProviderKind {
    /// OpenAI Chat Completions (`POST {base}/chat/completions`): OpenAI, Ollama, llama.cpp, LM Studio,
    /// vLLM, OpenRouter, Groq, ...
    OpenAiCompatible,
    /// Anthropic Messages (`POST {base}/messages`).
    Anthropic,
}

/// Names an entry in the [`SecretStore`] (the OS keychain in the app): the key itself is never in the
/// database, the configuration or a log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SecretRef {
    pub key: String,
}

impl SecretRef {
    /// The entry that holds a provider's API key.
    pub fn for_provider(provider_id: &str) -> Self {
        Self {
            key: format!("provider.{provider_id}.api_key"),
        }
    }
}

/// One configured chat model endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ProviderConfig {
    pub id: String,
    /// Shown to the user, e.g. "Ollama on this computer".
    pub name: String,
    pub kind: ProviderKind,
    /// Up to the API version, e.g. `http://127.0.0.1:11434/v1`.
    pub base_url: String,
    pub model: String,
    /// How long to wait for the response to start, and for each next piece of a streaming reply.
    pub timeout_ms: u32,
    /// Where its API key is kept, when it needs one.
    pub api_key: Option<SecretRef>,
}

impl ProviderConfig {
    /// Checks the fields; returns the configuration with the base URL's trailing slashes removed.
    pub fn validated(mut self) -> Result<Self> {
        let id_ok = !self.id.is_empty()
            && self.id.len() <= 64
            && self
                .id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
        if !id_ok {
            return Err(CoreError::validation(
                "A provider id is 1–64 letters, digits, '-', '_' or '.'.",
            ));
        }
        self.name = self.name.trim().to_string();
        if self.name.is_empty() || self.name.chars().count() > 100 {
            return Err(CoreError::validation(
                "Please give the provider a name of at most 100 characters.",
            ));
        }
        self.base_url = self.base_url.trim().trim_end_matches('/').to_string();
        let url = reqwest::Url::parse(&self.base_url).map_err(|_| {
            CoreError::validation(format!(
                "“{}” is not a valid address; it should look like http://127.0.0.1:11434/v1.",
                crate::text::clip(&self.base_url, 80)
            ))
        })?;
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            return Err(CoreError::validation(
                "A provider address must start with http:// or https:// and name a host.",
            ));
        }
        self.model = self.model.trim().to_string();
        if self.model.is_empty() || self.model.len() > 200 {
            return Err(CoreError::validation(
                "Please enter the model name (e.g. llama3.2 or gpt-4o-mini).",
            ));
        }
        if !(MIN_TIMEOUT_MS..=MAX_TIMEOUT_MS).contains(&self.timeout_ms) {
            return Err(CoreError::validation(format!(
                "The timeout must be between {MIN_TIMEOUT_MS} ms and {} seconds.",
                MAX_TIMEOUT_MS / 1000
            )));
        }
        Ok(self)
    }

    pub(super) fn endpoint(&self) -> String {
        let base = self.base_url.trim_end_matches('/');
        match self.kind {
            ProviderKind::OpenAiCompatible => format!("{base}/chat/completions"),
            ProviderKind::Anthropic => format!("{base}/messages"),
        }
    }
}
