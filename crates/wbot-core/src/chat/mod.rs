//! The companion chat (SPEC §2): providers streaming replies over HTTP, the crisis detector, the offline
//! activity classifier, and conversations in SQLite.

pub mod activity;
pub mod crisis;
pub mod provider;
pub mod sse;
pub mod store;

use serde::{Deserialize, Serialize};

pub use activity::{Activity, ActivityClassifier, ActivityGuess, PROPOSE_THRESHOLD};
pub use crisis::{detect_crisis, helplines, CrisisCategory, CrisisSignal, Helpline};
pub use provider::{
    presets, ChatClient, ChatOutcome, ChatRequest, ChatRole, ChatTurn, ConnectionReport,
    MemorySecretStore, ProviderConfig, ProviderError, ProviderErrorKind, ProviderKind,
    ProviderPreset, RetryPolicy, SecretRef, SecretStore,
};
pub use sse::{StreamEvent, StreamParser};
pub use store::{
    ActivityProposal, Conversation, ConversationSummary, Message, MessageHit, MessageRole,
    NewAssistantMessage, MAX_MESSAGE_CHARS,
};

/// How a message ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum MessageStatus {
    /// The whole message.
    Complete,
    /// A reply that stopped part-way (the provider failed after some text arrived).
    Partial,
    /// A reply of which nothing arrived.
    Failed,
    /// A reply the user stopped.
    Cancelled,
}

impl MessageStatus {
    /// The value as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Complete => "complete",
            Self::Partial => "partial",
            Self::Failed => "failed",
            Self::Cancelled => "cancelled",
        }
    }
}
