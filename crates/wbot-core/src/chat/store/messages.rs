//! Messages: the user's (saved with their judgement), the assistant's replies, proposals and activity summaries.

use super::*;
use crate::chat::judgement::{Recent, TurnJudgement, CONVERSATION_WINDOW};
use crate::chat::proposal::{ActivityProposal, ActivitySummary};
use crate::chat::provider::MAX_REPLY_CHARS;
use crate::chat::ChatService;
use crate::chat::MessageStatus;
use crate::db::now_rfc3339;
use crate::error::{CoreError, Reason, Result, Subject};
use crate::ids::{ConversationId, JournalEntryId, MessageId, ProfileId};
use crate::memory::{MemoryKind, MemorySource, NewMemory, MAX_MEMORY_CHARS};
use crate::text::clip;

impl ChatService {
    /// Adds the user's message (checked: not empty, at most 8,000 characters; nothing is cut) with what
    /// the crisis detector finds in it, so no path can store a message unchecked. The first one names an
    /// untitled conversation.
    pub async fn append_user_message(
        &self,
        profile_id: &ProfileId,
        conversation_id: &ConversationId,
        text: &str,
    ) -> Result<Message> {
        Ok(self
            .append_judged_user_message(profile_id, conversation_id, text)
            .await?
            .0)
    }

    /// Saves a user message with the crisis verdict on it, and returns the judgements made of it (with
    /// its embedding, which the rest of the turn reuses).
    pub(crate) async fn append_judged_user_message(
        &self,
        profile_id: &ProfileId,
        conversation_id: &ConversationId,
        text: &str,
    ) -> Result<(Message, TurnJudgement)> {
        let content = validate_message(text)?;
        let conversation = self.conversation(profile_id, conversation_id).await?;
        let recent = self.recent_user_messages(&conversation).await?;
        let judgement = self.judge_message(&content, &recent).await;
        let message = Message {
            safety: judgement.crisis.signal.clone(),
            ..new_message(
                &conversation,
                MessageRole::User,
                content,
                MessageStatus::Complete,
            )
        };
        let message = self
            .add_message(&conversation, message, judgement.crisis.layers.semantic)
            .await?;
        Ok((message, judgement))
    }

    /// The conversation's last few user messages, newest first, with their crisis scores.
    pub(super) async fn recent_user_messages(&self, conversation: &Conversation) -> Result<Recent> {
        let rows: Vec<(String, Option<f64>)> = sqlx::query_as(
            "SELECT content, crisis_score FROM messages
             WHERE conversation_id = ? AND profile_id = ? AND role = 'user'
             ORDER BY created_at DESC, rowid DESC LIMIT ?",
        )
        .bind(&conversation.id)
        .bind(&conversation.profile_id)
        .bind(CONVERSATION_WINDOW as i64)
        .fetch_all(self.db.reader())
        .await?;
        Ok(Recent {
            messages: rows
                .into_iter()
                .map(|(text, score)| (text, score.map(|s| s as f32)))
                .collect(),
        })
    }

    /// Saves a reply: complete, or what arrived of a partial, failed or cancelled one (with why).
    pub async fn save_assistant_message(
        &self,
        profile_id: &ProfileId,
        conversation_id: &ConversationId,
        reply: NewAssistantMessage,
    ) -> Result<Message> {
        let conversation = self.conversation(profile_id, conversation_id).await?;
        // The client stops a reply at this length while it streams; longer is not a reply.
        let length = reply.content.chars().count();
        if length > MAX_REPLY_CHARS {
            return Err(CoreError::too_long(Subject::Reply, MAX_REPLY_CHARS, length));
        }
        if reply.status == MessageStatus::Complete && reply.content.trim().is_empty() {
            return Err(CoreError::new(Reason::EmptyReply));
        }
        let message = Message {
            error: reply.error,
            ..new_message(
                &conversation,
                MessageRole::Assistant,
                reply.content,
                reply.status,
            )
        };
        self.add_message(&conversation, message, None).await
    }

    /// One message of a profile.
    pub async fn message(&self, profile_id: &ProfileId, message_id: &MessageId) -> Result<Message> {
        let profile_id = self.profiles.require_profile(profile_id).await?;
        let row = self
            .db
            .owned_row(
                "messages m",
                MESSAGE_COLUMNS,
                Subject::Message,
                message_id,
                &profile_id,
            )
            .await?;
        row_to_message(&row)
    }

    /// Stores the proposal on a user message (made after it is saved, or when the user decides).
    pub async fn set_message_proposal(
        &self,
        profile_id: &ProfileId,
        message_id: &MessageId,
        proposal: &ActivityProposal,
    ) -> Result<Message> {
        let message = self.message(profile_id, message_id).await?;
        if message.role != MessageRole::User {
            return Err(CoreError::new(Reason::ProposalOnReply));
        }
        let mut tx = self.db.begin_write().await?;
        sqlx::query("UPDATE messages SET proposal = ? WHERE id = ? AND profile_id = ?")
            .bind(serde_json::to_string(proposal)?)
            .bind(&message.id)
            .bind(&message.profile_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Message {
            proposal: Some(proposal.clone()),
            ..message
        })
    }

    /// Adds the summary of a finished activity to a conversation.
    pub async fn append_summary_message(
        &self,
        profile_id: &ProfileId,
        conversation_id: &ConversationId,
        summary: ActivitySummary,
    ) -> Result<Message> {
        let conversation = self.conversation(profile_id, conversation_id).await?;
        let message = Message {
            summary: Some(summary.clone()),
            ..new_message(
                &conversation,
                MessageRole::SystemSummary,
                summary.sentence(),
                MessageStatus::Complete,
            )
        };
        self.add_message(&conversation, message, None).await
    }

    /// "Talk about this": a new conversation that starts from a journal entry the person chose to share.
    /// Its first message is a note holding the entry's summary and words (up to
    /// [`MAX_SHARED_ENTRY_CHARS`]), which the companion's prompt then carries like any note; with
    /// `remember`, the entry also becomes a journal memory. A journal entry reaches a chat model only this
    /// way.
    pub async fn discuss_journal_entry(
        &self,
        profile_id: &ProfileId,
        entry_id: &JournalEntryId,
        remember: bool,
    ) -> Result<Conversation> {
        let entry = self.journal.journal_entry(profile_id, entry_id).await?;
        let conversation = self.create_conversation(profile_id).await?;
        let summary = ActivitySummary::of_journal(&entry);
        let prompt = entry
            .prompt
            .as_deref()
            .map(|p| format!(" (to the prompt \"{p}\")"))
            .unwrap_or_default();
        let content = format!(
            "{} {SHARED_ENTRY_MARK}{prompt} to talk about it:\n\"{}\"",
            summary.sentence(),
            clip(&entry.text, MAX_SHARED_ENTRY_CHARS)
        );
        let message = Message {
            summary: Some(summary),
            ..new_message(
                &conversation,
                MessageRole::SystemSummary,
                content,
                MessageStatus::Complete,
            )
        };
        self.add_message(&conversation, message, None).await?;
        if remember {
            let memory = NewMemory {
                kind: MemoryKind::Journal,
                text: clip(&entry.text, MAX_MEMORY_CHARS),
                conversation_id: Some(conversation.id.clone()),
                pinned: false,
                source: MemorySource::User,
            };
            self.memory.add_memory(profile_id, memory).await?;
        }
        tracing::info!(profile = %profile_id, remember, "journal entry shared with the companion");
        self.conversation(profile_id, &conversation.id).await
    }

    /// Stores a new message and marks its conversation active; a user's first message names an
    /// untitled conversation.
    pub(super) async fn add_message(
        &self,
        conversation: &Conversation,
        message: Message,
        crisis_score: Option<f32>,
    ) -> Result<Message> {
        let mut tx = self.db.begin_write().await?;
        insert_message(&mut tx, &message, crisis_score).await?;
        let title = (message.role == MessageRole::User).then(|| auto_title(&message.content));
        sqlx::query(
            "UPDATE conversations SET updated_at = ?,
                 title = CASE WHEN ? IS NOT NULL AND title = '' AND title_set_by_user = 0 THEN ? ELSE title END
             WHERE id = ? AND profile_id = ?",
        )
        .bind(&message.created_at)
        .bind(&title)
        .bind(&title)
        .bind(&conversation.id)
        .bind(&conversation.profile_id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(message)
    }

    /// Removes one reply (a retry replaces a reply that did not complete).
    pub(crate) async fn delete_message(&self, message: &Message) -> Result<()> {
        let mut tx = self.db.begin_write().await?;
        sqlx::query("DELETE FROM messages WHERE id = ? AND profile_id = ?")
            .bind(&message.id)
            .bind(&message.profile_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// A new message of `conversation`, with nothing attached.
fn new_message(
    conversation: &Conversation,
    role: MessageRole,
    content: String,
    status: MessageStatus,
) -> Message {
    Message {
        id: MessageId::new(),
        conversation_id: conversation.id.clone(),
        profile_id: conversation.profile_id.clone(),
        role,
        content,
        status,
        error: None,
        created_at: now_rfc3339(),
        proposal: None,
        safety: None,
        summary: None,
    }
}
