//! One chat turn, end to end (ADR 0005): the user's message is saved with its safety check, the offline
//! classifier offers an activity, the reply streams from the profile's providers, and a complete exchange
//! becomes a memory.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use serde::{Deserialize, Serialize};
use tokio_util::sync::CancellationToken;

use super::activity::ActivityGuess;
use super::judgement::TurnJudgement;
use super::prompt::{build_request, PromptContext};
use super::proposal::{propose, ActivityResult, ActivitySummary, ProposalDecision};
use super::provider::{ChatClient, ChatRequest, Link, RetryPolicy};
use super::secrets::SecretStore;
use super::setup::ProviderSettings;
use super::store::{validate_message, Conversation, Message, MessageRole, NewAssistantMessage};
use super::ChatService;
use super::MessageStatus;
use crate::error::{AppError, CoreError, Reason, Result};
use crate::ids::{ConversationId, MessageId, ProfileId, ReplyId};
use crate::memory::{MemoryKind, MemorySource, NewMemory, MAX_MEMORY_CHARS};
use crate::mood::latest_mood;
use crate::progress::Effectiveness;
use crate::text::clip;

/// The kinds of activity that helped most, named in the prompt.
const MAX_HELPED_IN_PROMPT: usize = 3;

/// What a turn works out once and both its proposal and its reply's prompt use.
#[derive(Debug)]
struct Prepared {
    /// The latest message's embedding, when the turn has it.
    vector: Option<Vec<f32>>,
    /// What helped the person, best first (empty when it cannot be read).
    helped: Vec<Effectiveness>,
}

/// What streams to the UI while a turn runs. Every new message gets exactly one `classified`; a reply
/// ends with exactly one `done` (or, only when storage fails, `error`). The two are worked out side by
/// side, so either may come first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ReplyEvent {
    /// The user's message again once the offline classifier has had its say: with the activity it
    /// offers, or with none.
    #[serde(rename_all = "camelCase")]
    Classified { message: Message },
    /// A piece of the reply, in order.
    #[serde(rename_all = "camelCase")]
    Token { reply_id: ReplyId, text: String },
    /// The reply as saved: complete, partial, failed or cancelled (with the error for people).
    #[serde(rename_all = "camelCase")]
    Done { reply_id: ReplyId, message: Message },
    /// The reply could not be saved.
    #[serde(rename_all = "camelCase")]
    Error { reply_id: ReplyId, error: AppError },
}

/// What `send_message` answers at once; the rest arrives as [`ReplyEvent`]s.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TurnStarted {
    pub conversation: Conversation,
    pub user_message: Message,
    /// The reply being streamed; absent when no provider is set up (the chat then shows how to add one).
    pub reply_id: Option<ReplyId>,
}

/// What `retry_reply` answers at once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RetryStarted {
    pub reply_id: ReplyId,
    /// The reply it replaces (removed), if there was one.
    pub removed_message_id: Option<MessageId>,
}

struct LiveReply {
    profile_id: ProfileId,
    conversation_id: ConversationId,
    cancel: CancellationToken,
}

/// The chat's moving parts: the HTTP client, the key store, and the replies streaming now.
#[derive(Clone)]
pub struct ChatRuntime {
    pub(crate) client: ChatClient,
    pub(crate) secrets: Arc<dyn SecretStore>,
    replies: Arc<Mutex<HashMap<ReplyId, LiveReply>>>,
}

impl std::fmt::Debug for ChatRuntime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChatRuntime").finish_non_exhaustive()
    }
}

impl ChatRuntime {
    /// A runtime reading keys from `secrets`.
    pub fn new(secrets: Arc<dyn SecretStore>, retry: RetryPolicy) -> Result<Self> {
        Ok(Self {
            client: ChatClient::new(secrets.clone(), retry)?,
            secrets,
            replies: Arc::default(),
        })
    }

    fn live(&self) -> std::sync::MutexGuard<'_, HashMap<ReplyId, LiveReply>> {
        self.replies.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Registers a reply, refusing a second one in the same conversation.
    fn begin(
        &self,
        profile_id: &ProfileId,
        conversation_id: &ConversationId,
    ) -> Result<(ReplyId, CancellationToken)> {
        let mut live = self.live();
        if live.values().any(|r| &r.conversation_id == conversation_id) {
            return Err(CoreError::new(Reason::ReplyInProgress));
        }
        let id = ReplyId::new();
        let cancel = CancellationToken::new();
        live.insert(
            id.clone(),
            LiveReply {
                profile_id: profile_id.clone(),
                conversation_id: conversation_id.clone(),
                cancel: cancel.clone(),
            },
        );
        Ok((id, cancel))
    }

    fn end(&self, reply_id: &ReplyId) {
        self.live().remove(reply_id);
    }
}

/// The memory text of an exchange: both sides, cut to what a memory holds.
fn exchange_text(user: &str, reply: &str) -> String {
    clip(&format!("User: {user}\nWbot: {reply}"), MAX_MEMORY_CHARS)
}

/// The reply's fallback chain: a local provider is sent `local`, an allowed online one `remote` (what the
/// person chose to share with one), and one not allowed nothing at all (ADR 0017).
pub(super) fn chain<'a>(
    providers: &[ProviderSettings],
    local: &'a ChatRequest,
    remote: Option<&'a ChatRequest>,
) -> Vec<Link<'a>> {
    providers
        .iter()
        .map(|p| Link {
            provider: p.config(),
            request: match (p.remote, p.allowed) {
                (false, _) => Some(local),
                (true, true) => remote,
                (true, false) => None,
            },
        })
        .collect()
}

impl ChatService {
    /// Sends a user message: saved and checked at once, then the proposal and the reply stream to
    /// `on_event`. With no `conversation_id`, a new conversation is started.
    pub async fn send_message<F>(
        &self,
        profile_id: &ProfileId,
        conversation_id: Option<&ConversationId>,
        text: &str,
        on_event: F,
    ) -> Result<TurnStarted>
    where
        F: Fn(ReplyEvent) + Send + Sync + 'static,
    {
        validate_message(text)?;
        let profile_id = self.profiles.require_profile(profile_id).await?;
        let conversation = match conversation_id {
            Some(id) => self.conversation(&profile_id, id).await?,
            None => self.create_conversation(&profile_id).await?,
        };
        let configured = !self.list_providers(&profile_id).await?.is_empty();
        let reply = if configured {
            Some(self.runtime.begin(&profile_id, &conversation.id)?)
        } else {
            None
        };
        let saved = async {
            let (message, judgement) = self
                .append_judged_user_message(&profile_id, &conversation.id, text)
                .await?;
            // Again, for the title the first message gave it.
            let conversation = self.conversation(&profile_id, &conversation.id).await?;
            Ok::<_, CoreError>((message, judgement, conversation))
        };
        let (user_message, judgement, conversation) = match saved.await {
            Ok(saved) => saved,
            Err(err) => {
                if let Some((id, _)) = &reply {
                    self.runtime.end(id);
                }
                return Err(err);
            }
        };
        if user_message.safety.is_some() {
            tracing::debug!("crisis signal on a user message");
        }
        let reply_id = reply.as_ref().map(|(id, _)| id.clone());
        let core = self.clone();
        let message = user_message.clone();
        let TurnJudgement {
            vector, activity, ..
        } = judgement;
        tokio::spawn(async move {
            // The message was embedded once, when it was saved, and what helped is read once: the proposal
            // and the reply's prompt (its memory recall) both use them.
            let prepared = Prepared {
                vector,
                helped: core.what_helped(&message.profile_id).await,
            };
            let reply = async {
                if let Some((reply_id, cancel)) = reply {
                    core.stream_reply(
                        &message.profile_id,
                        &message.conversation_id,
                        &reply_id,
                        cancel,
                        &prepared,
                        &on_event,
                    )
                    .await;
                    core.runtime.end(&reply_id);
                }
            };
            tokio::join!(
                core.offer_activity(message.clone(), activity, &prepared.helped, &on_event),
                reply
            );
        });
        Ok(TurnStarted {
            conversation,
            user_message,
            reply_id,
        })
    }

    /// Stores the proposal the offline classifier's guess makes for a user message (none after a crisis
    /// signal), then reports the message either way. No guess (no model) only means no card.
    async fn offer_activity<F: Fn(ReplyEvent) + Sync>(
        &self,
        message: Message,
        guess: Option<ActivityGuess>,
        helped: &[Effectiveness],
        on_event: &F,
    ) {
        let proposal = match guess {
            Some(guess) if message.safety.is_none() => {
                let onboarding = self.profiles.onboarding(&message.profile_id).await.ok();
                propose(&message.content, &guess, onboarding.as_ref(), helped)
            }
            _ => None,
        };
        let message = match proposal {
            None => message,
            Some(proposal) => match self
                .set_message_proposal(&message.profile_id, &message.id, &proposal)
                .await
            {
                Ok(updated) => updated,
                Err(err) => {
                    tracing::warn!(error = %err, "proposal not saved");
                    message
                }
            },
        };
        on_event(ReplyEvent::Classified { message });
    }

    /// What helped the person, best first. Like memory, it is a help, not a requirement: when it cannot
    /// be read, the turn goes on without it.
    async fn what_helped(&self, profile_id: &ProfileId) -> Vec<Effectiveness> {
        self.progress
            .effectiveness(profile_id)
            .await
            .unwrap_or_else(|err| {
                tracing::warn!(error = %err, "no effectiveness for this turn");
                Vec::new()
            })
    }

    /// What the prompt knows about the person besides the conversation.
    async fn prompt_context(
        &self,
        profile_id: &ProfileId,
        latest: &Message,
        prepared: &Prepared,
    ) -> Result<PromptContext> {
        let profile = self.profiles.profile(profile_id).await?;
        let recall = self
            .memory
            .recall_for_prompt(profile_id, &latest.content, prepared.vector.clone())
            .await;
        let memory_block = match recall {
            Ok(recall) => recall.block,
            Err(err) => {
                // Memory is a help, not a requirement: reply without it.
                tracing::warn!(error = %err, "no memories for this reply");
                String::new()
            }
        };
        let recent_mood = latest_mood(&self.db, profile_id).await?;
        // Like memory, a help: without it, the reply goes on.
        let (wellness, removed) = match self.wellness.for_prompt(profile_id).await {
            Ok(found) => found,
            Err(err) => {
                tracing::warn!(error = %err, "no wellness profile for this reply");
                Default::default()
            }
        };
        let helped: Vec<Effectiveness> = prepared
            .helped
            .iter()
            .filter(|e| e.recommended && !removed.contains(&e.code()))
            .take(MAX_HELPED_IN_PROMPT)
            .cloned()
            .collect();
        Ok(PromptContext {
            display_name: profile.display_name,
            onboarding: self.profiles.onboarding(profile_id).await.ok(),
            memory_block,
            recent_mood,
            crisis: latest.safety.is_some(),
            helped,
            wellness,
        })
    }

    /// Streams a reply to the conversation's last user message and saves it; always ends with `done`
    /// or `error`.
    async fn stream_reply<F: Fn(ReplyEvent) + Sync>(
        &self,
        profile_id: &ProfileId,
        conversation_id: &ConversationId,
        reply_id: &ReplyId,
        cancel: CancellationToken,
        prepared: &Prepared,
        on_event: &F,
    ) {
        match self
            .reply_and_save(
                profile_id,
                conversation_id,
                reply_id,
                &cancel,
                prepared,
                on_event,
            )
            .await
        {
            Ok(message) => {
                on_event(ReplyEvent::Done {
                    reply_id: reply_id.clone(),
                    message,
                });
                // After the reply, never before it: the turn does not wait for learning.
                let (wellness, profile) = (self.wellness.clone(), profile_id.clone());
                tokio::spawn(async move {
                    if let Err(err) = wellness.learn(&profile).await {
                        tracing::warn!(error = %err, "wellness profile not updated");
                    }
                });
            }
            Err(err) => {
                tracing::error!(error = %err, "reply not saved");
                on_event(ReplyEvent::Error {
                    reply_id: reply_id.clone(),
                    error: err.into(),
                });
            }
        }
    }

    async fn reply_and_save<F: Fn(ReplyEvent) + Sync>(
        &self,
        profile_id: &ProfileId,
        conversation_id: &ConversationId,
        reply_id: &ReplyId,
        cancel: &CancellationToken,
        prepared: &Prepared,
        on_event: &F,
    ) -> Result<Message> {
        let messages = self.all_messages(profile_id, conversation_id).await?;
        let latest = messages
            .iter()
            .rev()
            .find(|m| m.role == MessageRole::User)
            .cloned()
            .ok_or_else(|| CoreError::new(Reason::NothingToReplyTo))?;
        let context = self.prompt_context(profile_id, &latest, prepared).await?;
        let providers = self.list_providers(profile_id).await?;
        let local = build_request(&context, &messages);
        // An online provider gets only what the person chose to share with one (ADR 0017).
        let remote = if providers.iter().any(|p| p.remote && p.allowed) {
            let settings = self.profiles.settings(profile_id).await?;
            let shared = context.for_remote(settings.remote_memories, settings.remote_about_you);
            Some(build_request(&shared, &messages))
        } else {
            None
        };
        let outcome = self
            .runtime
            .client
            .stream_reply(
                &chain(&providers, &local, remote.as_ref()),
                cancel,
                |text| {
                    on_event(ReplyEvent::Token {
                        reply_id: reply_id.clone(),
                        text: text.to_string(),
                    });
                },
            )
            .await;
        let saved = self
            .save_assistant_message(
                profile_id,
                conversation_id,
                NewAssistantMessage {
                    content: outcome.text,
                    status: outcome.status,
                    error: outcome.error,
                },
            )
            .await?;
        if saved.status == MessageStatus::Complete {
            self.remember_exchange(&latest, &saved).await;
        }
        Ok(saved)
    }

    /// Stores a complete exchange as a memory, unless the conversation is not remembered.
    async fn remember_exchange(&self, user: &Message, reply: &Message) {
        let remember = self
            .conversation(&user.profile_id, &user.conversation_id)
            .await
            .map(|c| c.remember);
        if !matches!(remember, Ok(true)) {
            return;
        }
        let memory = NewMemory {
            kind: MemoryKind::Exchange,
            text: exchange_text(&user.content, &reply.content),
            conversation_id: Some(user.conversation_id.clone()),
            pinned: false,
            source: MemorySource::Chat,
        };
        if let Err(err) = self.memory.add_memory(&user.profile_id, memory).await {
            // The conversation itself is saved; only recall of this exchange is lost.
            tracing::warn!(error = %err, "exchange not remembered");
        }
    }

    /// Stops a reply that is streaming; what arrived is kept as `cancelled`.
    pub async fn cancel_reply(&self, profile_id: &ProfileId, reply_id: &ReplyId) -> Result<()> {
        let profile_id = self.profiles.require_profile(profile_id).await?;
        let live = self.runtime.live();
        match live.get(reply_id) {
            Some(r) if r.profile_id == profile_id => {
                r.cancel.cancel();
                Ok(())
            }
            _ => Err(CoreError::new(Reason::ReplyNotStreaming)),
        }
    }

    /// Asks again for the reply to the conversation's last user message, replacing a reply that did not
    /// complete.
    pub async fn retry_reply<F>(
        &self,
        profile_id: &ProfileId,
        conversation_id: &ConversationId,
        on_event: F,
    ) -> Result<RetryStarted>
    where
        F: Fn(ReplyEvent) + Send + Sync + 'static,
    {
        let conversation = self.conversation(profile_id, conversation_id).await?;
        let messages = self
            .all_messages(&conversation.profile_id, &conversation.id)
            .await?;
        let last = messages.last().ok_or_else(nothing_to_retry)?;
        let stale = match last.role {
            MessageRole::Assistant if last.status != MessageStatus::Complete => Some(last.clone()),
            MessageRole::User => None,
            _ => return Err(nothing_to_retry()),
        };
        if self
            .list_providers(&conversation.profile_id)
            .await?
            .is_empty()
        {
            return Err(CoreError::new(Reason::NoChatModel));
        }
        let (reply_id, cancel) = self
            .runtime
            .begin(&conversation.profile_id, &conversation.id)?;
        if let Some(stale) = &stale {
            if let Err(err) = self.delete_message(stale).await {
                self.runtime.end(&reply_id);
                return Err(err);
            }
        }
        let core = self.clone();
        let id = reply_id.clone();
        tokio::spawn(async move {
            let prepared = Prepared {
                vector: None,
                helped: core.what_helped(&conversation.profile_id).await,
            };
            core.stream_reply(
                &conversation.profile_id,
                &conversation.id,
                &id,
                cancel,
                &prepared,
                &on_event,
            )
            .await;
            core.runtime.end(&id);
        });
        Ok(RetryStarted {
            reply_id,
            removed_message_id: stale.map(|m| m.id),
        })
    }

    /// Records what the user did with a proposal: started it with their choice, or declined.
    pub async fn decide_proposal(
        &self,
        profile_id: &ProfileId,
        message_id: &MessageId,
        decision: ProposalDecision,
    ) -> Result<Message> {
        let message = self.message(profile_id, message_id).await?;
        let Some(mut proposal) = message.proposal.clone() else {
            return Err(CoreError::new(Reason::NoProposal));
        };
        if let ProposalDecision::Started { choice } = &decision {
            choice.validate()?;
            if choice.activity() != proposal.activity {
                return Err(CoreError::new(Reason::ProposalElsewhere)
                    .value(choice.activity().as_str())
                    .expected(&[proposal.activity.as_str()]));
            }
        }
        proposal.decision = Some(decision);
        self.set_message_proposal(&message.profile_id, &message.id, &proposal)
            .await
    }

    /// Adds how a finished activity went to the conversation it was started from.
    pub async fn add_activity_summary(
        &self,
        profile_id: &ProfileId,
        conversation_id: &ConversationId,
        result: ActivityResult,
    ) -> Result<Message> {
        let summary = match result {
            ActivityResult::Breathing { session_id } => ActivitySummary::of_breathing(
                &self
                    .breathing
                    .breathing_session(profile_id, &session_id)
                    .await?,
            ),
            ActivityResult::Journaling { entry_id } => ActivitySummary::of_journal(
                &self.journal.journal_entry(profile_id, &entry_id).await?,
            ),
            ActivityResult::Meditation { session_id } => ActivitySummary::of_meditation(
                &self
                    .meditation
                    .meditation_session(profile_id, &session_id)
                    .await?,
            ),
        };
        self.append_summary_message(profile_id, conversation_id, summary)
            .await
    }
}

fn nothing_to_retry() -> CoreError {
    CoreError::new(Reason::NothingToRetry)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exchanges_fit_a_memory() {
        assert_eq!(exchange_text("hi", "hello"), "User: hi\nWbot: hello");
        let long = exchange_text(&"a".repeat(8_000), &"b".repeat(8_000));
        assert_eq!(long.chars().count(), MAX_MEMORY_CHARS);
        assert!(long.ends_with('…'));
    }

    #[test]
    fn online_providers_get_the_shared_request_or_nothing() {
        let provider = |id: &str, base_url: &str, allowed: bool| ProviderSettings {
            id: crate::ids::ProviderId::new(),
            name: id.into(),
            kind: super::super::provider::ProviderKind::OpenAiCompatible,
            base_url: base_url.into(),
            model: "m".into(),
            timeout_ms: 1_000,
            has_key: false,
            position: 0,
            remote: !base_url.contains("127.0.0.1"),
            allowed,
        };
        let request = |system: &str| ChatRequest {
            system: system.into(),
            turns: Vec::new(),
            max_tokens: None,
        };
        let (local, remote) = (request("everything"), request("shared"));
        let providers = [
            provider("online-a", "https://a.example/v1", false),
            provider("local", "http://127.0.0.1:1/v1", true),
            provider("online-b", "https://b.example/v1", true),
        ];
        let sent: Vec<Option<&str>> = chain(&providers, &local, Some(&remote))
            .iter()
            .map(|link| link.request.map(|r| r.system.as_str()))
            .collect();
        assert_eq!(sent, [None, Some("everything"), Some("shared")]);
    }
}
