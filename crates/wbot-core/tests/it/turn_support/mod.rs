//! Whole chat turns for the tests: a core on a temporary folder with the real embedding model, keys kept
//! in memory and quick retries, a profile, and the events of a turn collected.
#![allow(clippy::unwrap_used)]

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::mpsc;
use wbot_core::chat::{MemorySecretStore, ProviderInput, ProviderKind, ReplyEvent, RetryPolicy};
use wbot_core::{Core, ProfileId};

use crate::memory_support;

pub struct Harness {
    /// Kept for the core's lifetime: dropping it deletes the folder.
    _dir: tempfile::TempDir,
    pub core: Core,
    pub secrets: Arc<MemorySecretStore>,
    pub profile: ProfileId,
}

pub async fn harness() -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let secrets = Arc::new(MemorySecretStore::default());
    let retry = RetryPolicy {
        retries: 1,
        base_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(20),
    };
    let core = memory_support::open(dir.path())
        .await
        .with_chat_runtime(secrets.clone(), retry)
        .unwrap();
    let profile = memory_support::profile(&core, "Ana").await;
    Harness {
        _dir: dir,
        core,
        secrets,
        profile,
    }
}

impl Harness {
    /// Makes the fake provider at `base_url` the profile's chat model (an OpenAI-compatible "Local").
    pub async fn use_local_model(&self, base_url: &str) {
        self.core
            .chat()
            .save_provider(
                &self.profile,
                input("Local", ProviderKind::OpenAiCompatible, base_url),
            )
            .await
            .unwrap();
    }
}

pub fn input(name: &str, kind: ProviderKind, base_url: &str) -> ProviderInput {
    ProviderInput {
        id: None,
        name: name.into(),
        kind,
        base_url: base_url.into(),
        model: "test-model".into(),
        timeout_ms: 2_000,
        api_key: None,
        clear_key: false,
    }
}

/// Collects a turn's events; `done` returns everything up to the final event.
pub struct Events(mpsc::UnboundedReceiver<ReplyEvent>);

pub fn events() -> (impl Fn(ReplyEvent) + Send + Sync + 'static, Events) {
    let (tx, rx) = mpsc::unbounded_channel();
    (move |e| drop(tx.send(e)), Events(rx))
}

impl Events {
    pub async fn next(&mut self) -> ReplyEvent {
        tokio::time::timeout(Duration::from_secs(60), self.0.recv())
            .await
            .expect("an event within a minute")
            .expect("the turn still running")
    }

    /// Every event until the turn's work is over.
    pub async fn finish(mut self) -> Vec<ReplyEvent> {
        let mut seen = Vec::new();
        while let Some(e) = tokio::time::timeout(Duration::from_secs(60), self.0.recv())
            .await
            .expect("the turn ends within a minute")
        {
            seen.push(e);
        }
        seen
    }

    pub async fn until_done(&mut self) -> Vec<ReplyEvent> {
        let mut seen = Vec::new();
        loop {
            let e = self.next().await;
            let last = matches!(e, ReplyEvent::Done { .. } | ReplyEvent::Error { .. });
            seen.push(e);
            if last {
                return seen;
            }
        }
    }
}

pub fn done_message(events: &[ReplyEvent]) -> wbot_core::chat::Message {
    match events.last().unwrap() {
        ReplyEvent::Done { message, .. } => message.clone(),
        other => panic!("expected done, got {other:?}"),
    }
}

/// The one `classified` event of a turn with no reply.
pub fn classified(events: Vec<ReplyEvent>) -> wbot_core::chat::Message {
    match <[ReplyEvent; 1]>::try_from(events) {
        Ok([ReplyEvent::Classified { message }]) => message,
        Ok(other) => panic!("expected one classified event, got {other:?}"),
        Err(events) => panic!("expected one event, got {events:?}"),
    }
}

pub fn tokens(events: &[ReplyEvent]) -> String {
    events
        .iter()
        .filter_map(|e| match e {
            ReplyEvent::Token { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect()
}
