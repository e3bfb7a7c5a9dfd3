//! A provider's configuration: its kind, endpoint, model, key reference and timeout, validated.

use serde::{Deserialize, Serialize};

use crate::error::{CoreError, Reason, Result, Subject};

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

/// Whether a host (as in a URL: `[..]` around IPv6) is this device or the local network: loopback,
/// private and link-local addresses, `localhost`, `.local` and single-label names (`gpu-box`), where a
/// server may speak plain http.
pub fn is_local(host: &str) -> bool {
    if let Ok(ip) = host.parse::<std::net::Ipv4Addr>() {
        return ip.is_loopback() || ip.is_private() || ip.is_link_local();
    }
    if let Some(ip) = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .and_then(|h| h.parse::<std::net::Ipv6Addr>().ok())
    {
        let first = ip.segments()[0];
        // loopback; unique local fc00::/7; link-local fe80::/10
        return ip.is_loopback() || (first & 0xfe00) == 0xfc00 || (first & 0xffc0) == 0xfe80;
    }
    let name = host.to_ascii_lowercase();
    !name.contains('.') || name.ends_with(".localhost") || name.ends_with(".local")
}

/// Whether a provider at `base_url` is an online service: its host is neither this device nor the local
/// network (see [`is_local`]). What such a provider receives is the person's choice (ADR 0017).
pub fn is_remote(base_url: &str) -> bool {
    reqwest::Url::parse(base_url)
        .ok()
        .and_then(|u| u.host_str().map(|h| !is_local(h)))
        .unwrap_or(true)
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
            return Err(CoreError::new(Reason::InvalidFormat)
                .subject(Subject::ProviderId)
                .value(&self.id));
        }
        self.name = self.name.trim().to_string();
        if self.name.is_empty() || self.name.chars().count() > 100 {
            return Err(CoreError::out_of_range(Subject::ProviderName, 1.0, 100.0));
        }
        self.base_url = self.base_url.trim().trim_end_matches('/').to_string();
        let bad_address = || {
            CoreError::new(Reason::InvalidFormat)
                .subject(Subject::ProviderAddress)
                .value(&self.base_url)
        };
        let url = reqwest::Url::parse(&self.base_url).map_err(|_| bad_address())?;
        let Some(host) = url.host_str() else {
            return Err(bad_address());
        };
        if !matches!(url.scheme(), "http" | "https") {
            return Err(bad_address());
        }
        // A user name or password in the address would sit in SQLite and in logs, outside the keychain.
        if !url.username().is_empty() || url.password().is_some() {
            return Err(
                CoreError::new(Reason::AddressWithCredentials).subject(Subject::ProviderAddress)
            );
        }
        // Plain http only on this device or the local network: elsewhere it would send the key and the
        // conversation in clear text.
        if url.scheme() == "http" && !is_local(host) {
            return Err(CoreError::new(Reason::InsecureAddress)
                .subject(Subject::ProviderAddress)
                .value(&self.base_url));
        }
        self.model = self.model.trim().to_string();
        if self.model.is_empty() || self.model.len() > 200 {
            return Err(CoreError::out_of_range(Subject::ModelName, 1.0, 200.0));
        }
        if !(MIN_TIMEOUT_MS..=MAX_TIMEOUT_MS).contains(&self.timeout_ms) {
            return Err(CoreError::out_of_range(
                Subject::ProviderTimeout,
                f64::from(MIN_TIMEOUT_MS) / 1000.0,
                f64::from(MAX_TIMEOUT_MS) / 1000.0,
            )
            .actual(f64::from(self.timeout_ms) / 1000.0));
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
