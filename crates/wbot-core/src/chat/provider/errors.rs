//! A provider's failure: its kind (for retries, fallback and the UI), from HTTP statuses, error bodies and stream errors.

use serde::{Deserialize, Serialize};

use super::*;
use crate::chat::sse::parse_error_body;
use crate::error::CoreError;

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
    /// 401/403: the API key is missing, wrong or not allowed.
    Auth,
    /// Another 4xx: the model name or the request was refused.
    Rejected,
    /// The answer was not the provider's format.
    InvalidResponse,
    /// The provider needs an API key and none is stored.
    MissingKey,
}

/// A provider's failure, with a message for people and the provider's own words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ProviderError {
    pub kind: ProviderErrorKind,
    pub provider_id: String,
    /// The HTTP status, when there was one.
    pub status: Option<u16>,
    /// What went wrong and what to do.
    pub message: String,
    /// The provider's message, as it sent it.
    pub detail: Option<String>,
}

impl std::fmt::Display for ProviderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
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
        self.retryable() || self.kind == ProviderErrorKind::InvalidResponse
    }

    pub(super) fn new(
        kind: ProviderErrorKind,
        p: &ProviderConfig,
        status: Option<u16>,
        detail: Option<String>,
    ) -> Self {
        let name = &p.name;
        let code = status.map(|s| format!(" ({s})")).unwrap_or_default();
        let said = detail
            .as_deref()
            .map(|d| format!(" It said: “{}”", crate::text::clip(d, 300)))
            .unwrap_or_default();
        let message = match kind {
            ProviderErrorKind::RateLimited => {
                format!("{name} is limiting requests right now{code}; please try again in a moment.{said}")
            }
            ProviderErrorKind::Server => {
                format!("{name} had a problem answering{code}; please try again.{said}")
            }
            ProviderErrorKind::Connect => format!(
                "{name} could not be reached at {}. Is the server running and the address right?",
                p.base_url
            ),
            ProviderErrorKind::Timeout => format!(
                "{name} did not answer within {:.1} s. The model may still be loading; try again or raise the timeout.",
                f64::from(p.timeout_ms) / 1000.0
            ),
            ProviderErrorKind::Interrupted => {
                format!("The reply from {name} stopped before it was finished.{said}")
            }
            ProviderErrorKind::Auth => format!(
                "{name} did not accept the API key{code}. Check the key in the provider settings.{said}"
            ),
            ProviderErrorKind::Rejected => format!(
                "{name} refused the request{code}. Check the model name “{}” and the address.{said}",
                p.model
            ),
            ProviderErrorKind::InvalidResponse => format!(
                "{name} answered with something that is not a chat reply. Is {} the right address and kind of server?{said}",
                p.base_url
            ),
            ProviderErrorKind::MissingKey => format!(
                "{name} needs an API key and none is saved. Add it in the provider settings."
            ),
        };
        Self {
            kind,
            provider_id: p.id.clone(),
            status,
            message,
            detail,
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
        // Our own "invalid_response" message already says it all; a provider's words are the detail.
        if kind == ProviderErrorKind::InvalidResponse {
            return Self::new(kind, p, None, None);
        }
        Self::new(kind, p, None, Some(message))
    }
}

impl From<ProviderError> for CoreError {
    fn from(err: ProviderError) -> Self {
        match err.kind {
            ProviderErrorKind::Auth
            | ProviderErrorKind::Rejected
            | ProviderErrorKind::MissingKey => CoreError::Validation(err.message),
            _ => CoreError::Unavailable(err.message),
        }
    }
}
