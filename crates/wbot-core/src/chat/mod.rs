//! The companion chat (SPEC §2): providers streaming replies over HTTP, the crisis detector, the offline
//! activity classifier, and conversations in SQLite.

pub mod activity;
pub mod crisis;
pub mod dataset;
pub mod features;
pub mod judgement;
pub mod linear;
pub mod prompt;
pub mod proposal;
pub mod provider;
pub mod secrets;
pub mod setup;
pub mod sse;
pub mod store;
pub mod turn;

use serde::{Deserialize, Serialize};

use crate::error::{CoreError, Result};
use crate::profile::string_enum;

pub use activity::{Activity, ActivityGuess};
pub use crisis::{detect_crisis, helplines, CrisisCategory, CrisisSignal, Helpline};
pub use judgement::{CrisisLayer, CrisisLayers, CrisisVerdict, JudgementWeights};
pub use proposal::{
    ActivityProposal, ActivityResult, ActivitySuggestion, ActivitySummary, JournalCategory,
    ProposalDecision, ProposalReason,
};
pub use provider::{
    presets, ChatClient, ChatOutcome, ChatRequest, ChatRole, ChatTurn, ConnectionReport,
    MemorySecretStore, ProviderConfig, ProviderError, ProviderErrorKind, ProviderKind,
    ProviderPreset, RetryPolicy, SecretRef, SecretStore,
};
pub use setup::{ChatStatus, ProviderInput, ProviderSettings};
pub use sse::{StreamEvent, StreamParser};
pub use store::{
    Conversation, ConversationHit, ConversationSummary, Message, MessageHit, MessageRole,
    NewAssistantMessage, SearchMode, MAX_MESSAGE_CHARS,
};
pub use turn::{ReplyEvent, RetryStarted, TurnStarted};

string_enum!(
    /// How a message ended: `complete`; `partial` (the provider failed after some text arrived);
    /// `failed` (nothing arrived); `cancelled` (the user stopped it).
    MessageStatus { Complete = "complete", Partial = "partial", Failed = "failed", Cancelled = "cancelled" }
);
