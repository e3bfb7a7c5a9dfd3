//! The companion chat (SPEC §2): providers streaming replies over HTTP, the crisis detector, the offline
//! activity classifier, and conversations in SQLite.

pub mod activity;
pub mod crisis;
pub mod dataset;
pub mod features;
pub mod judgement;
pub mod linear;
pub mod meditation;
pub mod prompt;
pub mod proposal;
pub mod provider;
pub mod secrets;
pub mod setup;
pub mod sse;
pub mod store;
pub mod turn;

use serde::{Deserialize, Serialize};

use crate::breathing::BreathingService;
use crate::db::Db;
use crate::journal::JournalService;
use crate::meditation::MeditationService;
use crate::memory::MemoryService;
use crate::profile::ProfileService;
use crate::progress::ProgressService;
use crate::wellness::WellnessService;

use crate::error::{CoreError, Result};
use crate::text::string_enum;

pub use activity::{Activity, ActivityGuess};
pub use crisis::{detect_crisis, helplines, CrisisCategory, CrisisSignal, Helpline};
pub use judgement::{CrisisLayer, CrisisLayers, CrisisVerdict, JudgementWeights};
pub use proposal::{
    ActivityProposal, ActivityResult, ActivitySuggestion, ActivitySummary, JournalCategory,
    ProposalDecision, ProposalReason,
};
pub use provider::{
    presets, ChatClient, ChatOutcome, ChatRequest, ChatRole, ChatTurn, ConnectionReport, Link,
    ProviderConfig, ProviderError, ProviderErrorKind, ProviderKind, ProviderPreset, RetryPolicy,
    SecretRef, MAX_REPLY_CHARS, REPLY_DEADLINE,
};
pub use secrets::{MemorySecretStore, SecretStore};
pub use setup::{ChatStatus, ProviderInput, ProviderSettings};
pub use sse::{StreamEvent, StreamParser};
pub use store::{
    Conversation, ConversationHit, ConversationPage, ConversationSummary, Message, MessageHit,
    MessagePage, MessageRole, NewAssistantMessage, SearchMode, MAX_CONVERSATION_PAGE,
    MAX_MESSAGE_CHARS, MAX_MESSAGE_PAGE,
};
pub use turn::{ReplyEvent, RetryStarted, TurnStarted};

/// The companion chat: conversations and their messages, the judgements on each message, the providers and
/// the replies streaming now. It reads the profile (language, onboarding), recalls and adds memories, and
/// reads the breathing, meditation and journal sessions an activity summary points to.
#[derive(Debug, Clone)]
pub struct ChatService {
    db: Db,
    profiles: ProfileService,
    memory: MemoryService,
    breathing: BreathingService,
    meditation: MeditationService,
    journal: JournalService,
    progress: ProgressService,
    wellness: WellnessService,
    runtime: turn::ChatRuntime,
}

/// The activity services the chat reads: the sessions and entries an activity summary points to, and what
/// helped the person (for proposals and the prompt).
#[derive(Debug, Clone)]
pub struct ActivityServices {
    pub breathing: BreathingService,
    pub meditation: MeditationService,
    pub journal: JournalService,
    pub progress: ProgressService,
    /// The wellness profile, which the prompt carries and each reply updates.
    pub wellness: WellnessService,
}

impl ChatService {
    pub fn new(
        db: Db,
        profiles: ProfileService,
        memory: MemoryService,
        activities: ActivityServices,
        runtime: turn::ChatRuntime,
    ) -> Self {
        let ActivityServices {
            breathing,
            meditation,
            journal,
            progress,
            wellness,
        } = activities;
        Self {
            db,
            profiles,
            memory,
            breathing,
            meditation,
            journal,
            progress,
            wellness,
            runtime,
        }
    }

    /// The same service with another runtime (tests keep keys in memory and retry quickly).
    pub fn with_runtime(self, runtime: turn::ChatRuntime) -> Self {
        Self { runtime, ..self }
    }
}

string_enum!(
    /// How a message ended: `complete`; `partial` (the provider failed after some text arrived);
    /// `failed` (nothing arrived); `cancelled` (the user stopped it).
    MessageStatus { Complete = "complete", Partial = "partial", Failed = "failed", Cancelled = "cancelled" }
);
