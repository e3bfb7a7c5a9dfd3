//! A provider's failure: its kind (for retries, fallback and the UI), from HTTP statuses, error bodies and stream errors.

use serde::{Deserialize, Serialize};

use super::*;
use crate::chat::sse::parse_error_body;
use crate::error::{CoreError, Reason};

/// How much of a provider's error body is kept for the message.
pub(super) const ERROR_BODY_CAP: usize = 16 * 1024;

/// Why a provider did not give a (whole) reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ProviderErrorKind {
    /// 429, or a rate-limit error in the stream.
    RateLimited,
    /// 5xx, or an overloaded/server error in the stream.
    Server,
    /// The server could not be reached.
    Connect,
    /// No response, or no bytes of the stream, within the provider's timeout.
    Timeout,
    /// The stream ended before the reply was complete.
    Interrupted,
    /// The reply reached [`MAX_REPLY_CHARS`]: what came before is kept, the rest is not read.
    TooLong,
    /// The reply was still streaming at [`REPLY_DEADLINE`]: what came before is kept.
    Deadline,
    /// 401/403: the API key is missing, wrong or not allowed.
    Auth,
    /// Another 4xx: the model name or the request was refused.
    Rejected,
    /// The answer was not the provider's format.
    InvalidResponse,
    /// The provider needs an API key and none is stored (or the keychain could not give it).
    MissingKey,
    /// No provider is set up.
    NotConfigured,
    /// An online provider the person has not allowed yet (ADR 0017): it is passed over, never sent a
    /// prompt.
    NotAllowed,
}

/// A provider's failure: its kind and status (the UI words them) and the provider's own words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ProviderError {
    pub kind: ProviderErrorKind,
    pub provider_id: String,
    /// The HTTP status, when there was one.
    pub status: Option<u16>,
    /// The provider's message, as it sent it (clipped to 300 characters).
    pub detail: Option<String>,
}

impl std::fmt::Display for ProviderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = serde_json::to_value(self.kind).unwrap_or_default();
        write!(f, "{}", kind.as_str().unwrap_or("?"))?;
        if let Some(status) = self.status {
            write!(f, " ({status})")?;
        }
        if let Some(detail) = &self.detail {
            write!(f, ": {detail}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ProviderError {}

impl ProviderError {
    /// Whether asking the same provider again may help.
    pub fn retryable(&self) -> bool {
        matches!(
            self.kind,
            ProviderErrorKind::RateLimited
                | ProviderErrorKind::Server
                | ProviderErrorKind::Connect
                | ProviderErrorKind::Timeout
                | ProviderErrorKind::Interrupted
        )
    }

    /// Whether the next provider of the chain should be tried. A refused request or key is a setting to fix,
    /// so it stops the chain and is shown rather than hidden behind another provider.
    pub fn falls_back(&self) -> bool {
        self.retryable()
            || matches!(
                self.kind,
                ProviderErrorKind::InvalidResponse | ProviderErrorKind::NotAllowed
            )
    }

    pub(super) fn new(
        kind: ProviderErrorKind,
        p: &ProviderConfig,
        status: Option<u16>,
        detail: Option<String>,
    ) -> Self {
        Self {
            kind,
            provider_id: p.id.clone(),
            status,
            detail: detail.map(|d| crate::text::clip(&d, 300)),
        }
    }

    pub(super) fn from_status(p: &ProviderConfig, status: u16, body: &[u8]) -> Self {
        let detail = parse_error_body(body).map(|(_, m)| m).or_else(|| {
            let text = String::from_utf8_lossy(body).trim().to_string();
            (!text.is_empty()).then_some(text)
        });
        let kind = match status {
            429 => ProviderErrorKind::RateLimited,
            408 => ProviderErrorKind::Timeout,
            401 | 403 => ProviderErrorKind::Auth,
            500..=599 => ProviderErrorKind::Server,
            _ => ProviderErrorKind::Rejected,
        };
        Self::new(kind, p, Some(status), detail)
    }

    pub(super) fn from_stream(p: &ProviderConfig, error_type: &str, message: String) -> Self {
        let kind = match error_type {
            "rate_limit_error" | "rate_limit_exceeded" => ProviderErrorKind::RateLimited,
            "overloaded_error" | "api_error" | "server_error" | "error" => {
                ProviderErrorKind::Server
            }
            "authentication_error" | "permission_error" => ProviderErrorKind::Auth,
            "invalid_response" => ProviderErrorKind::InvalidResponse,
            _ => ProviderErrorKind::Rejected,
        };
        Self::new(kind, p, None, Some(message))
    }
}

impl From<ProviderError> for CoreError {
    fn from(err: ProviderError) -> Self {
        let reason = match err.kind {
            ProviderErrorKind::Auth
            | ProviderErrorKind::Rejected
            | ProviderErrorKind::MissingKey
            | ProviderErrorKind::NotConfigured
            | ProviderErrorKind::NotAllowed => Reason::ProviderRefused,
            _ => Reason::ProviderUnavailable,
        };
        let kind = serde_json::to_value(err.kind).unwrap_or_default();
        let mut out = CoreError::new(reason).value(kind.as_str().unwrap_or_default());
        out.params.actual = err.status.map(f64::from);
        out.params.said = err.detail;
        out
    }
}
