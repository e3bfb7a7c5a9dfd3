//! Streaming a reply through an ordered fallback chain of providers, with retries and backoff; testing a connection.

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use tokio_util::sync::CancellationToken;

use super::*;
use crate::chat::secrets::SecretStore;
use crate::chat::sse::{Dialect, StreamEvent, StreamParser};
use crate::chat::MessageStatus;
use crate::error::{CoreError, Result};

/// The longest reply kept, in characters: a model that goes on past it is stopped there.
pub const MAX_REPLY_CHARS: usize = 32_000;
/// The longest one attempt may take, from the request to the reply's end, besides the provider's timeout
/// for each piece (a model that trickles forever is stopped here).
pub const REPLY_DEADLINE: Duration = Duration::from_secs(10 * 60);

/// How one attempt ended.
enum Attempt {
    Done(Option<String>),
    Cancelled,
    Failed(ProviderError, Option<Duration>),
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
    deadline: Duration,
}

impl std::fmt::Debug for ChatClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChatClient")
            .field("retry", &self.retry)
            .finish()
    }
}

/// One provider of a reply's fallback chain and what it is sent.
#[derive(Debug, Clone)]
pub struct Link<'a> {
    pub provider: ProviderConfig,
    /// `None` for an online provider the person has not allowed (ADR 0017): the chain passes it over.
    pub request: Option<&'a ChatRequest>,
}

impl ChatClient {
    /// A client reading API keys from `secrets`.
    pub fn new(secrets: Arc<dyn SecretStore>, retry: RetryPolicy) -> Result<Self> {
        // The process's one crypto provider (ring, which the updater uses too); already installed
        // when another client came first, which is fine.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let http = reqwest::Client::builder()
            .user_agent(concat!("Wbot/", env!("CARGO_PKG_VERSION")))
            // A redirect would carry the API key and the whole conversation to wherever it points
            // (a 307/308 re-sends the body): a provider's address is where the person said, or nowhere.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| CoreError::internal(format!("the HTTP client could not start ({e})")))?;
        Ok(Self {
            http,
            secrets,
            retry,
            deadline: REPLY_DEADLINE,
        })
    }

    /// The same client with another deadline for one attempt (tests use a short one).
    pub fn with_deadline(mut self, deadline: Duration) -> Self {
        self.deadline = deadline;
        self
    }

    /// Streams a reply, calling `on_token` with each piece as it arrives. Providers are tried in order, and
    /// one that is not allowed is passed over, never sent anything. A rate limit, server error,
    /// unreachable server or timeout is retried with backoff, then the next provider is asked; a refused
    /// request or key stops at once. Once text has arrived nothing is retried (the person has seen it): a
    /// failure then returns the text as `partial`. Cancelling returns what arrived as `cancelled`.
    pub async fn stream_reply<F>(
        &self,
        chain: &[Link<'_>],
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
        'providers: for link in chain {
            let p = &link.provider;
            provider_id = Some(p.id.clone());
            let Some(request) = link.request else {
                last_error = Some(ProviderError::new(
                    ProviderErrorKind::NotAllowed,
                    p,
                    None,
                    None,
                ));
                continue 'providers;
            };
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
                kind: ProviderErrorKind::NotConfigured,
                provider_id: String::new(),
                status: None,
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
                sample: crate::text::clip(&text, 40),
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
        let deadline = tokio::time::Instant::now() + self.deadline;
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
                    let err = ProviderError::new(
                        ProviderErrorKind::MissingKey,
                        p,
                        None,
                        Some(format!("the keychain could not give the key: {e}")),
                    );
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
        let mut chars = text.chars().count();
        loop {
            let chunk = tokio::select! {
                _ = cancel.cancelled() => return Attempt::Cancelled,
                _ = tokio::time::sleep_until(deadline) => return fail(ProviderErrorKind::Deadline),
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
                        let room = MAX_REPLY_CHARS - chars;
                        let kept = piece
                            .char_indices()
                            .nth(room)
                            .map_or(piece.as_str(), |(at, _)| &piece[..at]);
                        chars += kept.chars().count();
                        if !kept.is_empty() {
                            text.push_str(kept);
                            on_token(kept);
                        }
                        if cancel.is_cancelled() {
                            return Attempt::Cancelled;
                        }
                        if kept.len() < piece.len() {
                            return fail(ProviderErrorKind::TooLong);
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
