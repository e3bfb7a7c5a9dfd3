//! Chat model providers over HTTP: their configuration, the secret store their API keys live in, the two
//! request formats, and streaming a reply through an ordered fallback chain with retries.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use tokio_util::sync::CancellationToken;

use super::sse::{parse_error_body, Dialect, StreamEvent, StreamParser};
use super::MessageStatus;
use crate::error::{CoreError, Result};

/// The version header every Anthropic Messages request carries.
pub const ANTHROPIC_VERSION: &str = "2023-06-01";
/// Anthropic requires `max_tokens`; this is used when the request does not set one.
pub const DEFAULT_ANTHROPIC_MAX_TOKENS: u32 = 1024;
/// Bounds of a provider's timeout, in milliseconds.
pub const MIN_TIMEOUT_MS: u32 = 100;
/// See [`MIN_TIMEOUT_MS`].
pub const MAX_TIMEOUT_MS: u32 = 600_000;
/// How much of a provider's error body is kept for the message.
const ERROR_BODY_CAP: usize = 16 * 1024;

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
                crate::ids::clip(&self.base_url, 80)
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

    fn endpoint(&self) -> String {
        let base = self.base_url.trim_end_matches('/');
        match self.kind {
            ProviderKind::OpenAiCompatible => format!("{base}/chat/completions"),
            ProviderKind::Anthropic => format!("{base}/messages"),
        }
    }
}

/// A starting point for a provider the user adds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ProviderPreset {
    /// A stable name, e.g. "ollama".
    pub preset: String,
    pub name: String,
    pub kind: ProviderKind,
    pub base_url: String,
    /// A model that usually exists there; the user can change it.
    pub suggested_model: String,
    /// Whether an API key is needed.
    pub needs_key: bool,
    /// Runs on this computer (works offline).
    pub local: bool,
    pub timeout_ms: u32,
}

impl ProviderPreset {
    /// A provider configured from this preset, with its key (if any) in [`SecretRef::for_provider`].
    pub fn to_config(&self, id: &str) -> ProviderConfig {
        ProviderConfig {
            id: id.to_string(),
            name: self.name.clone(),
            kind: self.kind,
            base_url: self.base_url.clone(),
            model: self.suggested_model.clone(),
            timeout_ms: self.timeout_ms,
            api_key: self.needs_key.then(|| SecretRef::for_provider(id)),
        }
    }
}

/// The known providers. Local servers get a longer timeout: the first request may load the model.
pub fn presets() -> Vec<ProviderPreset> {
    let p = |preset: &str,
             name: &str,
             kind,
             base_url: &str,
             model: &str,
             needs_key,
             local,
             timeout_ms| ProviderPreset {
        preset: preset.into(),
        name: name.into(),
        kind,
        base_url: base_url.into(),
        suggested_model: model.into(),
        needs_key,
        local,
        timeout_ms,
    };
    use ProviderKind::{Anthropic, OpenAiCompatible};
    vec![
        p(
            "ollama",
            "Ollama",
            OpenAiCompatible,
            "http://127.0.0.1:11434/v1",
            "llama3.2",
            false,
            true,
            120_000,
        ),
        p(
            "llamacpp",
            "llama.cpp server",
            OpenAiCompatible,
            "http://127.0.0.1:8080/v1",
            "default",
            false,
            true,
            120_000,
        ),
        p(
            "lmstudio",
            "LM Studio",
            OpenAiCompatible,
            "http://127.0.0.1:1234/v1",
            "local-model",
            false,
            true,
            120_000,
        ),
        p(
            "openai",
            "OpenAI",
            OpenAiCompatible,
            "https://api.openai.com/v1",
            "gpt-4o-mini",
            true,
            false,
            60_000,
        ),
        p(
            "anthropic",
            "Anthropic",
            Anthropic,
            "https://api.anthropic.com/v1",
            "claude-3-5-haiku-latest",
            true,
            false,
            60_000,
        ),
        p(
            "openrouter",
            "OpenRouter",
            OpenAiCompatible,
            "https://openrouter.ai/api/v1",
            "openrouter/auto",
            true,
            false,
            60_000,
        ),
    ]
}

/// Where API keys are kept, by [`SecretRef::key`]. The app implements it with the OS keychain; tests use
/// [`MemorySecretStore`]. Implementations must never log the secret.
pub trait SecretStore: Send + Sync {
    /// The secret, if one is stored.
    fn get(&self, key: &str) -> Result<Option<String>>;
    /// Stores (or replaces) a secret.
    fn set(&self, key: &str, secret: &str) -> Result<()>;
    /// Removes a secret; removing a missing one is fine.
    fn delete(&self, key: &str) -> Result<()>;
}

/// A [`SecretStore`] in memory (tests, the CLI).
#[derive(Default)]
pub struct MemorySecretStore(Mutex<HashMap<String, String>>);

impl std::fmt::Debug for MemorySecretStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MemorySecretStore(..)")
    }
}

impl SecretStore for MemorySecretStore {
    fn get(&self, key: &str) -> Result<Option<String>> {
        let map = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        Ok(map.get(key).cloned())
    }
    fn set(&self, key: &str, secret: &str) -> Result<()> {
        let mut map = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        map.insert(key.to_string(), secret.to_string());
        Ok(())
    }
    fn delete(&self, key: &str) -> Result<()> {
        let mut map = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        map.remove(key);
        Ok(())
    }
}

/// Who said a turn of the conversation sent to a model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum ChatRole {
    User,
    Assistant,
}

/// One turn sent to a model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ChatTurn {
    pub role: ChatRole,
    pub content: String,
}

/// What a reply is asked for: the system prompt and the conversation, oldest first, ending with the user.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChatRequest {
    pub system: String,
    pub turns: Vec<ChatTurn>,
    /// The longest reply. Sent to OpenAI-compatible servers only when set (some models reject the field);
    /// Anthropic requires it (default [`DEFAULT_ANTHROPIC_MAX_TOKENS`]).
    pub max_tokens: Option<u32>,
}

impl ChatRequest {
    /// The JSON body for `kind`, exactly as that API expects it (always streaming).
    pub fn body(&self, kind: ProviderKind, model: &str) -> Value {
        let role = |r: ChatRole| match r {
            ChatRole::User => "user",
            ChatRole::Assistant => "assistant",
        };
        match kind {
            ProviderKind::OpenAiCompatible => {
                let mut messages = Vec::with_capacity(self.turns.len() + 1);
                if !self.system.is_empty() {
                    messages.push(json!({"role": "system", "content": self.system}));
                }
                for t in &self.turns {
                    messages.push(json!({"role": role(t.role), "content": t.content}));
                }
                let mut body = json!({"model": model, "messages": messages, "stream": true});
                if let Some(max) = self.max_tokens {
                    body["max_tokens"] = json!(max);
                }
                body
            }
            ProviderKind::Anthropic => {
                // Anthropic wants alternating turns starting with the user: merge runs, drop a leading reply.
                let mut merged: Vec<(ChatRole, String)> = Vec::new();
                for t in &self.turns {
                    if merged.is_empty() && t.role == ChatRole::Assistant {
                        continue;
                    }
                    match merged.last_mut() {
                        Some((r, text)) if *r == t.role => {
                            text.push_str("\n\n");
                            text.push_str(&t.content);
                        }
                        _ => merged.push((t.role, t.content.clone())),
                    }
                }
                let messages: Vec<Value> = merged
                    .into_iter()
                    .map(|(r, c)| json!({"role": role(r), "content": c}))
                    .collect();
                let mut body = json!({
                    "model": model,
                    "max_tokens": self.max_tokens.unwrap_or(DEFAULT_ANTHROPIC_MAX_TOKENS),
                    "messages": messages,
                    "stream": true,
                });
                if !self.system.is_empty() {
                    body["system"] = json!(self.system);
                }
                body
            }
        }
    }
}

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

    fn new(
        kind: ProviderErrorKind,
        p: &ProviderConfig,
        status: Option<u16>,
        detail: Option<String>,
    ) -> Self {
        let name = &p.name;
        let code = status.map(|s| format!(" ({s})")).unwrap_or_default();
        let said = detail
            .as_deref()
            .map(|d| format!(" It said: “{}”", crate::ids::clip(d, 300)))
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

    fn from_status(p: &ProviderConfig, status: u16, body: &[u8]) -> Self {
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

    fn from_stream(p: &ProviderConfig, error_type: &str, message: String) -> Self {
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

/// How failures are retried on one provider before moving to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (0 = go straight to the next provider).
    pub retries: u32,
    /// The first wait; each next one doubles.
    pub base_delay: Duration,
    /// The longest wait, also the cap on a server's Retry-After.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            retries: 2,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(4),
        }
    }
}

impl RetryPolicy {
    /// The wait before retry number `n` (0-based).
    pub fn delay(&self, n: u32, retry_after: Option<Duration>) -> Duration {
        let exp = self
            .base_delay
            .saturating_mul(2u32.saturating_pow(n))
            .min(self.max_delay);
        retry_after.map_or(exp, |r| r.min(self.max_delay).max(exp))
    }
}

/// How a streamed reply ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ChatOutcome {
    /// Everything that arrived (all of it when complete).
    pub text: String,
    /// Complete; partial (failed after some text); failed (nothing arrived); cancelled.
    pub status: MessageStatus,
    /// The provider that answered (or failed last).
    pub provider_id: Option<String>,
    pub finish_reason: Option<String>,
    /// Why it is not complete; for a fallback that succeeded, `None`.
    pub error: Option<ProviderError>,
    /// Requests made, over all providers.
    pub attempts: u32,
}

/// What "test connection" found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionReport {
    pub provider_id: String,
    /// Until the first piece of the reply (or its end).
    pub latency_ms: u32,
    /// The first words of the reply.
    pub sample: String,
}

/// Streams replies from providers. Cheap to clone.
#[derive(Clone)]
pub struct ChatClient {
    http: reqwest::Client,
    secrets: Arc<dyn SecretStore>,
    retry: RetryPolicy,
}

impl std::fmt::Debug for ChatClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChatClient")
            .field("retry", &self.retry)
            .finish()
    }
}

/// How one attempt ended.
enum Attempt {
    Done(Option<String>),
    Cancelled,
    Failed(ProviderError, Option<Duration>),
}

impl ChatClient {
    /// A client reading API keys from `secrets`.
    pub fn new(secrets: Arc<dyn SecretStore>, retry: RetryPolicy) -> Result<Self> {
        let http = reqwest::Client::builder()
            .user_agent(concat!("Wbot/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| CoreError::Internal(format!("the HTTP client could not start ({e})")))?;
        Ok(Self {
            http,
            secrets,
            retry,
        })
    }

    /// Streams a reply, calling `on_token` with each piece as it arrives. Providers are tried in order: a
    /// rate limit, server error, unreachable server or timeout is retried with backoff, then the next
    /// provider is asked; a refused request or key stops at once. Once text has arrived nothing is retried
    /// (the person has seen it): a failure then returns the text as `partial`. Cancelling returns what
    /// arrived as `cancelled`.
    pub async fn stream_reply<F>(
        &self,
        chain: &[ProviderConfig],
        request: &ChatRequest,
        cancel: &CancellationToken,
        mut on_token: F,
    ) -> ChatOutcome
    where
        F: FnMut(&str) + Send,
    {
        let mut text = String::new();
        let mut attempts = 0u32;
        let mut last_error = None;
        let mut provider_id = None;
        let outcome =
            |text: String, status, provider_id, error, finish_reason, attempts| ChatOutcome {
                text,
                status,
                provider_id,
                finish_reason,
                error,
                attempts,
            };
        'providers: for p in chain {
            provider_id = Some(p.id.clone());
            for n in 0..=self.retry.retries {
                if cancel.is_cancelled() {
                    return outcome(
                        text,
                        MessageStatus::Cancelled,
                        provider_id,
                        None,
                        None,
                        attempts,
                    );
                }
                attempts += 1;
                match self
                    .attempt(p, request, cancel, &mut text, &mut on_token)
                    .await
                {
                    Attempt::Done(finish_reason) => {
                        tracing::info!(provider = %p.id, attempts, "reply complete");
                        return outcome(
                            text,
                            MessageStatus::Complete,
                            provider_id,
                            None,
                            finish_reason,
                            attempts,
                        );
                    }
                    Attempt::Cancelled => {
                        return outcome(
                            text,
                            MessageStatus::Cancelled,
                            provider_id,
                            None,
                            None,
                            attempts,
                        );
                    }
                    Attempt::Failed(err, retry_after) => {
                        tracing::warn!(provider = %p.id, kind = ?err.kind, status = ?err.status, "provider attempt failed");
                        if !text.is_empty() {
                            return outcome(
                                text,
                                MessageStatus::Partial,
                                provider_id,
                                Some(err),
                                None,
                                attempts,
                            );
                        }
                        let retry = err.retryable() && n < self.retry.retries;
                        let next = err.falls_back();
                        last_error = Some(err);
                        if retry {
                            let wait = self.retry.delay(n, retry_after);
                            tokio::select! {
                                _ = cancel.cancelled() => {
                                    return outcome(text, MessageStatus::Cancelled, provider_id, None, None, attempts);
                                }
                                _ = tokio::time::sleep(wait) => {}
                            }
                        } else if next {
                            continue 'providers;
                        } else {
                            break 'providers;
                        }
                    }
                }
            }
        }
        let error = last_error.or_else(|| {
            chain.is_empty().then(|| ProviderError {
                kind: ProviderErrorKind::Connect,
                provider_id: String::new(),
                status: None,
                message: "No chat model is set up. Connect a local server (Ollama, llama.cpp, LM Studio) or \
                          add an API key in the provider settings."
                    .into(),
                detail: None,
            })
        });
        outcome(
            text,
            MessageStatus::Failed,
            provider_id,
            error,
            None,
            attempts,
        )
    }

    /// One small request to `provider`: ok with the time to the first word, or the typed error. No retries.
    pub async fn test_connection(
        &self,
        provider: &ProviderConfig,
    ) -> std::result::Result<ConnectionReport, ProviderError> {
        let request = ChatRequest {
            system: "This is a connection test. Reply with one short word.".into(),
            turns: vec![ChatTurn {
                role: ChatRole::User,
                content: "Say OK.".into(),
            }],
            max_tokens: match provider.kind {
                ProviderKind::Anthropic => Some(8),
                ProviderKind::OpenAiCompatible => None,
            },
        };
        let started = Instant::now();
        // The first token is enough: cancelling then closes the stream instead of waiting for the rest.
        let cancel = CancellationToken::new();
        let mut text = String::new();
        let mut first: Option<Duration> = None;
        let stop = cancel.clone();
        let result = self
            .attempt(provider, &request, &cancel, &mut text, &mut |_: &str| {
                first.get_or_insert(started.elapsed());
                stop.cancel();
            })
            .await;
        match result {
            Attempt::Done(_) | Attempt::Cancelled => Ok(ConnectionReport {
                provider_id: provider.id.clone(),
                latency_ms: u32::try_from(first.unwrap_or(started.elapsed()).as_millis())
                    .unwrap_or(u32::MAX),
                sample: crate::ids::clip(&text, 40),
            }),
            Attempt::Failed(err, _) => Err(err),
        }
    }

    async fn attempt(
        &self,
        p: &ProviderConfig,
        request: &ChatRequest,
        cancel: &CancellationToken,
        text: &mut String,
        on_token: &mut (dyn FnMut(&str) + Send),
    ) -> Attempt {
        let timeout = Duration::from_millis(u64::from(p.timeout_ms));
        let key = match &p.api_key {
            None => None,
            Some(r) => match self.secrets.get(&r.key) {
                Ok(Some(k)) if !k.trim().is_empty() => Some(k),
                Ok(_) => {
                    return Attempt::Failed(
                        ProviderError::new(ProviderErrorKind::MissingKey, p, None, None),
                        None,
                    )
                }
                Err(e) => {
                    let mut err = ProviderError::new(ProviderErrorKind::MissingKey, p, None, None);
                    err.message = format!("The API key for {} could not be read: {e}", p.name);
                    return Attempt::Failed(err, None);
                }
            },
        };
        let mut builder = self
            .http
            .post(p.endpoint())
            .header(reqwest::header::ACCEPT, "text/event-stream")
            .json(&request.body(p.kind, &p.model));
        builder = match (p.kind, key) {
            (ProviderKind::OpenAiCompatible, Some(k)) => builder.bearer_auth(k.trim()),
            (ProviderKind::Anthropic, Some(k)) => builder.header("x-api-key", k.trim()),
            (_, None) => builder,
        };
        if p.kind == ProviderKind::Anthropic {
            builder = builder.header("anthropic-version", ANTHROPIC_VERSION);
        }
        let fail = |kind| Attempt::Failed(ProviderError::new(kind, p, None, None), None);

        let sent = tokio::select! {
            _ = cancel.cancelled() => return Attempt::Cancelled,
            r = tokio::time::timeout(timeout, builder.send()) => r,
        };
        let mut response = match sent {
            Err(_) => return fail(ProviderErrorKind::Timeout),
            Ok(Err(e)) if e.is_timeout() => return fail(ProviderErrorKind::Timeout),
            Ok(Err(e)) => {
                tracing::debug!(error = %e, "provider request failed");
                return fail(ProviderErrorKind::Connect);
            }
            Ok(Ok(r)) => r,
        };
        let status = response.status();
        if !status.is_success() {
            let retry_after = response
                .headers()
                .get(reqwest::header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok())
                .map(Duration::from_secs);
            let mut body = Vec::new();
            loop {
                let chunk = tokio::select! {
                    _ = cancel.cancelled() => return Attempt::Cancelled,
                    c = tokio::time::timeout(timeout, response.chunk()) => c,
                };
                match chunk {
                    Ok(Ok(Some(c))) if body.len() < ERROR_BODY_CAP => body.extend_from_slice(&c),
                    _ => break,
                }
            }
            return Attempt::Failed(
                ProviderError::from_status(p, status.as_u16(), &body),
                retry_after,
            );
        }

        let dialect = match p.kind {
            ProviderKind::OpenAiCompatible => Dialect::OpenAi,
            ProviderKind::Anthropic => Dialect::Anthropic,
        };
        let mut parser = StreamParser::new(dialect);
        loop {
            let chunk = tokio::select! {
                _ = cancel.cancelled() => return Attempt::Cancelled,
                c = tokio::time::timeout(timeout, response.chunk()) => c,
            };
            let (events, end) = match chunk {
                Err(_) => return fail(ProviderErrorKind::Timeout),
                Ok(Err(e)) => {
                    tracing::debug!(error = %e, "provider stream broke");
                    return fail(ProviderErrorKind::Interrupted);
                }
                Ok(Ok(Some(bytes))) => (parser.push(&bytes), false),
                Ok(Ok(None)) => (parser.finish(), true),
            };
            for event in events {
                match event {
                    StreamEvent::Token { text: piece } => {
                        text.push_str(&piece);
                        on_token(&piece);
                        if cancel.is_cancelled() {
                            return Attempt::Cancelled;
                        }
                    }
                    StreamEvent::Done { finish_reason } => return Attempt::Done(finish_reason),
                    StreamEvent::Error {
                        error_type,
                        message,
                    } => {
                        return Attempt::Failed(
                            ProviderError::from_stream(p, &error_type, message),
                            None,
                        )
                    }
                }
            }
            if end {
                return fail(ProviderErrorKind::Interrupted);
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failing test should panic
mod tests {
    use super::*;

    fn request() -> ChatRequest {
        ChatRequest {
            system: "Be kind.".into(),
            turns: vec![
                ChatTurn {
                    role: ChatRole::Assistant,
                    content: "stray".into(),
                },
                ChatTurn {
                    role: ChatRole::User,
                    content: "hi".into(),
                },
                ChatTurn {
                    role: ChatRole::User,
                    content: "again".into(),
                },
            ],
            max_tokens: None,
        }
    }

    #[test]
    fn openai_body() {
        let b = request().body(ProviderKind::OpenAiCompatible, "m");
        assert_eq!(b["stream"], true);
        assert_eq!(b["model"], "m");
        assert_eq!(
            b["messages"][0],
            json!({"role": "system", "content": "Be kind."})
        );
        assert_eq!(b["messages"].as_array().unwrap().len(), 4);
        assert!(b.get("max_tokens").is_none());
    }

    #[test]
    fn anthropic_body() {
        let b = request().body(ProviderKind::Anthropic, "claude");
        assert_eq!(b["system"], "Be kind.");
        assert_eq!(b["max_tokens"], DEFAULT_ANTHROPIC_MAX_TOKENS);
        assert_eq!(
            b["messages"],
            json!([{"role": "user", "content": "hi\n\nagain"}])
        );
    }

    #[test]
    fn presets_validate() {
        let all = presets();
        assert_eq!(all.len(), 6);
        for p in all {
            let c = p.to_config(&p.preset).validated().unwrap();
            assert_eq!(c.api_key.is_some(), p.needs_key);
        }
        let anthropic = presets()
            .into_iter()
            .find(|p| p.preset == "anthropic")
            .unwrap();
        assert_eq!(
            anthropic.to_config("a").endpoint(),
            "https://api.anthropic.com/v1/messages"
        );
    }

    #[test]
    fn bad_configs() {
        let ok = presets()[0].to_config("x");
        for bad in [
            ProviderConfig {
                base_url: "ftp://x".into(),
                ..ok.clone()
            },
            ProviderConfig {
                base_url: "not a url".into(),
                ..ok.clone()
            },
            ProviderConfig {
                model: " ".into(),
                ..ok.clone()
            },
            ProviderConfig {
                timeout_ms: 5,
                ..ok.clone()
            },
            ProviderConfig {
                id: "a b".into(),
                ..ok.clone()
            },
        ] {
            assert_eq!(
                bad.validated().unwrap_err().code(),
                crate::ErrorCode::Validation
            );
        }
        let trailing = ProviderConfig {
            base_url: "http://h:1/v1/".into(),
            ..ok
        };
        assert_eq!(
            trailing.validated().unwrap().endpoint(),
            "http://h:1/v1/chat/completions"
        );
    }

    #[test]
    fn backoff_doubles_and_caps() {
        let r = RetryPolicy {
            retries: 5,
            base_delay: Duration::from_millis(10),
            max_delay: Duration::from_millis(50),
        };
        let d: Vec<u128> = (0..5).map(|n| r.delay(n, None).as_millis()).collect();
        assert_eq!(d, vec![10, 20, 40, 50, 50]);
        assert_eq!(r.delay(0, Some(Duration::from_secs(30))).as_millis(), 50);
    }
}
