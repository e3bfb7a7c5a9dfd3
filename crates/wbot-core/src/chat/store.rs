//! Conversations and messages in SQLite (migration 0004): every query is scoped to a profile, and another
//! profile's conversation is simply `not_found`.

use serde::{Deserialize, Serialize};
use sqlx::Row;

use super::crisis::CrisisSignal;
use super::judgement::{Recent, TurnJudgement, CONVERSATION_WINDOW};
use super::proposal::{ActivityProposal, ActivitySummary};
use super::ChatService;
use super::MessageStatus;
use crate::db::{from_db, now_rfc3339};
use crate::error::{CoreError, Result};
use crate::ids::{new_id, parse_id};
use crate::memory::search::{fts_phrase, fts_terms};
use crate::profile::string_enum;

/// The longest message, in characters. Longer messages are refused, never cut.
pub const MAX_MESSAGE_CHARS: usize = 8_000;
/// Titles longer than this are shortened when made from a message…
pub const AUTO_TITLE_CHARS: usize = 50;
/// …to this many characters plus "…".
const AUTO_TITLE_KEEP: usize = 47;
/// The longest title the user can set.
pub const MAX_TITLE_CHARS: usize = 200;
/// The longest list preview, in characters (including "You: " and the ellipsis).
pub const PREVIEW_CHARS: usize = 60;
/// Most results of one keyword search.
pub const MAX_SEARCH_RESULTS: u32 = 100;

string_enum!(
    /// Who wrote a message; `system_summary` says what an activity started from the conversation did
    /// (its typed `summary` is on the message).
    MessageRole { User = "user", Assistant = "assistant", SystemSummary = "system_summary" }
);

/// A conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Conversation {
    pub id: String,
    pub profile_id: String,
    /// Empty until the first message (the UI shows "New conversation").
    pub title: String,
    /// Whether memories are made from it.
    pub remember: bool,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339: the last message's time.
    pub updated_at: String,
}

/// A line of the conversation list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ConversationSummary {
    pub id: String,
    pub title: String,
    /// The last message on one line, "You: " first when the user wrote it; at most [`PREVIEW_CHARS`].
    pub preview: String,
    /// RFC 3339 (the UI shows it relative).
    pub updated_at: String,
    pub remember: bool,
}

/// A message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Message {
    pub id: String,
    pub conversation_id: String,
    pub profile_id: String,
    pub role: MessageRole,
    pub content: String,
    pub status: MessageStatus,
    /// Why a reply is not complete.
    pub error: Option<String>,
    /// RFC 3339.
    pub created_at: String,
    /// On a user message: the activity offered in reply to it.
    pub proposal: Option<ActivityProposal>,
    /// On a user message: what the crisis detector found (the safety card is shown under it).
    pub safety: Option<CrisisSignal>,
    /// On a `system_summary` message: how the activity went.
    pub summary: Option<ActivitySummary>,
}

/// A reply to save.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct NewAssistantMessage {
    pub content: String,
    pub status: MessageStatus,
    #[serde(default)]
    pub error: Option<String>,
}

/// How to search conversations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum SearchMode {
    /// Every word must appear (full text).
    Keyword,
    /// Close in meaning, over the exchanges remembered from conversations.
    Meaning,
}

/// A conversation found by a search, with the text that matched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ConversationHit {
    pub conversation_id: String,
    pub conversation_title: String,
    /// The matching message (keyword search).
    pub message_id: Option<String>,
    /// The text that matched, on one line, at most 200 characters.
    pub snippet: String,
    pub created_at: String,
    /// Cosine similarity to the query (meaning search).
    pub similarity: Option<f32>,
}

/// A keyword search result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MessageHit {
    pub conversation_id: String,
    pub conversation_title: String,
    pub message: Message,
}

/// Whitespace runs (line breaks included) as single spaces.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most `max` characters: the first `max - 1` and "…" when longer.
pub(crate) fn clip_to(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// The title made from a first message: over 50 characters, the first 47 and "…".
pub fn auto_title(first_message: &str) -> String {
    let line = one_line(first_message);
    if line.chars().count() > AUTO_TITLE_CHARS {
        let mut t: String = line.chars().take(AUTO_TITLE_KEEP).collect();
        t = t.trim_end().to_string();
        t.push('…');
        t
    } else {
        line
    }
}

/// The list preview of a last message.
pub fn preview(role: MessageRole, content: &str) -> String {
    let line = one_line(content);
    let text = match role {
        MessageRole::User => format!("You: {line}"),
        _ => line,
    };
    clip_to(&text, PREVIEW_CHARS)
}

/// Checks a user message: not blank, at most [`MAX_MESSAGE_CHARS`], no NUL. Returns it without the
/// surrounding whitespace.
pub fn validate_message(raw: &str) -> Result<String> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(CoreError::validation(
            "The message is empty; please write something first.",
        ));
    }
    let count = text.chars().count();
    if count > MAX_MESSAGE_CHARS {
        return Err(CoreError::validation(format!(
            "A message can be at most 8,000 characters; this one has {}. Please split it into shorter messages.",
            thousands(count)
        )));
    }
    if text.contains('\0') {
        return Err(CoreError::validation(
            "The message contains a NUL character, which cannot be stored.",
        ));
    }
    Ok(text.to_string())
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn message_not_found(id: &str) -> CoreError {
    CoreError::NotFound(format!(
        "There is no message with id {id} for this profile."
    ))
}

fn conversation_not_found(id: &str) -> CoreError {
    CoreError::NotFound(format!(
        "There is no conversation with id {id} for this profile."
    ))
}

const CONVERSATION_COLUMNS: &str = "id, profile_id, title, remember, created_at, updated_at";
const MESSAGE_COLUMNS: &str =
    "m.id, m.conversation_id, m.profile_id, m.role, m.content, m.status, m.error, m.created_at, m.proposal, \
     m.safety, m.summary";

fn row_to_conversation(row: &sqlx::sqlite::SqliteRow) -> Result<Conversation> {
    let remember: i64 = row.try_get("remember")?;
    Ok(Conversation {
        id: row.try_get("id")?,
        profile_id: row.try_get("profile_id")?,
        title: row.try_get("title")?,
        remember: remember != 0,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

fn row_to_message(row: &sqlx::sqlite::SqliteRow) -> Result<Message> {
    let role: String = row.try_get("role")?;
    let status: String = row.try_get("status")?;
    let json = |column: &str| -> Result<Option<String>> { Ok(row.try_get(column)?) };
    Ok(Message {
        id: row.try_get("id")?,
        conversation_id: row.try_get("conversation_id")?,
        profile_id: row.try_get("profile_id")?,
        role: from_db(&role)?,
        content: row.try_get("content")?,
        status: from_db(&status)?,
        error: row.try_get("error")?,
        created_at: row.try_get("created_at")?,
        proposal: json("proposal")?
            .map(|p| serde_json::from_str(&p))
            .transpose()?,
        safety: json("safety")?
            .map(|p| serde_json::from_str(&p))
            .transpose()?,
        summary: json("summary")?
            .map(|p| serde_json::from_str(&p))
            .transpose()?,
    })
}

impl ChatService {
    async fn conversation_row(&self, profile_id: &str, id: &str) -> Result<Conversation> {
        let row = sqlx::query(&format!(
            "SELECT {CONVERSATION_COLUMNS} FROM conversations WHERE id = ? AND profile_id = ?"
        ))
        .bind(id)
        .bind(profile_id)
        .fetch_optional(self.db.reader())
        .await?
        .ok_or_else(|| conversation_not_found(id))?;
        row_to_conversation(&row)
    }

    /// Starts an empty conversation.
    pub async fn create_conversation(&self, profile_id: &str) -> Result<Conversation> {
        let profile_id = self.profiles.require_profile(profile_id).await?;
        let now = now_rfc3339();
        let conversation = Conversation {
            id: new_id().to_string(),
            profile_id,
            title: String::new(),
            remember: true,
            created_at: now.clone(),
            updated_at: now,
        };
        let mut tx = self.db.begin_write().await?;
        sqlx::query(
            "INSERT INTO conversations (id, profile_id, created_at, updated_at) VALUES (?, ?, ?, ?)",
        )
        .bind(&conversation.id)
        .bind(&conversation.profile_id)
        .bind(&conversation.created_at)
        .bind(&conversation.updated_at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(conversation)
    }

    /// One conversation of a profile.
    pub async fn conversation(
        &self,
        profile_id: &str,
        conversation_id: &str,
    ) -> Result<Conversation> {
        let profile_id = self.profiles.require_profile(profile_id).await?;
        let id = parse_id(conversation_id, "conversation")?.to_string();
        self.conversation_row(&profile_id, &id).await
    }

    /// A profile's conversations, most recently active first, with a preview of each one's last message.
    pub async fn list_conversations(&self, profile_id: &str) -> Result<Vec<ConversationSummary>> {
        let profile_id = self.profiles.require_profile(profile_id).await?;
        let rows = sqlx::query(
            "SELECT c.id, c.title, c.updated_at, c.remember, m.role, m.content
             FROM conversations c
             LEFT JOIN messages m ON m.seq = (
                 SELECT max(seq) FROM messages WHERE conversation_id = c.id AND profile_id = c.profile_id)
             WHERE c.profile_id = ?
             ORDER BY c.updated_at DESC, c.id DESC",
        )
        .bind(&profile_id)
        .fetch_all(self.db.reader())
        .await?;
        rows.iter()
            .map(|row| {
                let role: Option<String> = row.try_get("role")?;
                let content: Option<String> = row.try_get("content")?;
                let remember: i64 = row.try_get("remember")?;
                let preview = match (role, content) {
                    (Some(r), Some(c)) => preview(from_db(&r)?, &c),
                    _ => String::new(),
                };
                Ok(ConversationSummary {
                    id: row.try_get("id")?,
                    title: row.try_get("title")?,
                    preview,
                    updated_at: row.try_get("updated_at")?,
                    remember: remember != 0,
                })
            })
            .collect()
    }

    /// A conversation's messages, oldest first.
    pub async fn conversation_messages(
        &self,
        profile_id: &str,
        conversation_id: &str,
    ) -> Result<Vec<Message>> {
        let conversation = self.conversation(profile_id, conversation_id).await?;
        let rows = sqlx::query(&format!(
            "SELECT {MESSAGE_COLUMNS} FROM messages m
             WHERE m.conversation_id = ? AND m.profile_id = ? ORDER BY m.seq"
        ))
        .bind(&conversation.id)
        .bind(&conversation.profile_id)
        .fetch_all(self.db.reader())
        .await?;
        rows.iter().map(row_to_message).collect()
    }

    /// Renames a conversation (the name is then kept: no auto-title replaces it).
    pub async fn rename_conversation(
        &self,
        profile_id: &str,
        conversation_id: &str,
        title: &str,
    ) -> Result<Conversation> {
        let profile_id = self.profiles.require_profile(profile_id).await?;
        let id = parse_id(conversation_id, "conversation")?.to_string();
        let title = one_line(title);
        if title.is_empty() {
            return Err(CoreError::validation("Please enter a title."));
        }
        let chars = title.chars().count();
        if chars > MAX_TITLE_CHARS {
            return Err(CoreError::validation(format!(
                "A title can be at most {MAX_TITLE_CHARS} characters; this one has {chars}."
            )));
        }
        let mut tx = self.db.begin_write().await?;
        let changed = sqlx::query(
            "UPDATE conversations SET title = ?, title_set_by_user = 1 WHERE id = ? AND profile_id = ?",
        )
        .bind(&title)
        .bind(&id)
        .bind(&profile_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed == 0 {
            return Err(conversation_not_found(&id));
        }
        tx.commit().await?;
        self.conversation_row(&profile_id, &id).await
    }

    /// Turns "remember this conversation" on or off (off: no new memories are made from it).
    pub async fn set_conversation_remember(
        &self,
        profile_id: &str,
        conversation_id: &str,
        remember: bool,
    ) -> Result<Conversation> {
        let profile_id = self.profiles.require_profile(profile_id).await?;
        let id = parse_id(conversation_id, "conversation")?.to_string();
        let mut tx = self.db.begin_write().await?;
        let changed =
            sqlx::query("UPDATE conversations SET remember = ? WHERE id = ? AND profile_id = ?")
                .bind(i64::from(remember))
                .bind(&id)
                .bind(&profile_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        if changed == 0 {
            return Err(conversation_not_found(&id));
        }
        tx.commit().await?;
        self.conversation_row(&profile_id, &id).await
    }

    /// Deletes a conversation and its messages, and the memories made from it unless `keep_memories`.
    /// Returns how many memories were deleted. Memories go first: if that fails, the conversation is
    /// still there to retry, and nothing is half-deleted silently.
    pub async fn delete_conversation(
        &self,
        profile_id: &str,
        conversation_id: &str,
        keep_memories: bool,
    ) -> Result<u32> {
        let conversation = self.conversation(profile_id, conversation_id).await?;
        let mut forgotten = 0u32;
        if !keep_memories {
            let ids: Vec<String> = sqlx::query_scalar(
                "SELECT id FROM memories WHERE profile_id = ? AND conversation_id = ?",
            )
            .bind(&conversation.profile_id)
            .bind(&conversation.id)
            .fetch_all(self.db.reader())
            .await?;
            for id in ids {
                self.memory
                    .delete_memory(&conversation.profile_id, &id)
                    .await?;
                forgotten += 1;
            }
        }
        let mut tx = self.db.begin_write().await?;
        let deleted = sqlx::query("DELETE FROM conversations WHERE id = ? AND profile_id = ?")
            .bind(&conversation.id)
            .bind(&conversation.profile_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if deleted == 0 {
            return Err(conversation_not_found(&conversation.id));
        }
        tx.commit().await?;
        tracing::info!(profile = %conversation.profile_id, forgotten, "conversation deleted");
        Ok(forgotten)
    }

    /// Adds the user's message (checked: not empty, at most 8,000 characters; nothing is cut) with what
    /// the crisis detector finds in it, so no path can store a message unchecked. The first one names an
    /// untitled conversation.
    pub async fn append_user_message(
        &self,
        profile_id: &str,
        conversation_id: &str,
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
        profile_id: &str,
        conversation_id: &str,
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
    async fn recent_user_messages(&self, conversation: &Conversation) -> Result<Recent> {
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
        profile_id: &str,
        conversation_id: &str,
        reply: NewAssistantMessage,
    ) -> Result<Message> {
        let conversation = self.conversation(profile_id, conversation_id).await?;
        if reply.content.chars().count() > 4 * MAX_MESSAGE_CHARS {
            // A runaway model; keep it all rather than cut, but refuse absurd sizes.
            return Err(CoreError::validation(
                "The reply is too long to store (over 32,000 characters).",
            ));
        }
        if reply.status == MessageStatus::Complete && reply.content.trim().is_empty() {
            return Err(CoreError::validation(
                "A complete reply cannot be empty; save it as failed instead.",
            ));
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
    pub async fn message(&self, profile_id: &str, message_id: &str) -> Result<Message> {
        let profile_id = self.profiles.require_profile(profile_id).await?;
        let id = parse_id(message_id, "message")?.to_string();
        let row = sqlx::query(&format!(
            "SELECT {MESSAGE_COLUMNS} FROM messages m WHERE m.id = ? AND m.profile_id = ?"
        ))
        .bind(&id)
        .bind(&profile_id)
        .fetch_optional(self.db.reader())
        .await?
        .ok_or_else(|| message_not_found(&id))?;
        row_to_message(&row)
    }

    /// Stores the proposal on a user message (made after it is saved, or when the user decides).
    pub async fn set_message_proposal(
        &self,
        profile_id: &str,
        message_id: &str,
        proposal: &ActivityProposal,
    ) -> Result<Message> {
        let message = self.message(profile_id, message_id).await?;
        if message.role != MessageRole::User {
            return Err(CoreError::validation(
                "Only a message you wrote can carry an activity proposal.",
            ));
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
        profile_id: &str,
        conversation_id: &str,
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

    /// Stores a new message and marks its conversation active; a user's first message names an
    /// untitled conversation.
    async fn add_message(
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

    /// Keyword search over a profile's messages (every word must appear; word forms match: "running"
    /// finds "run"). Best matches first, at most `limit` (1–100, default 20).
    pub async fn search_conversations(
        &self,
        profile_id: &str,
        query: &str,
        limit: Option<u32>,
    ) -> Result<Vec<MessageHit>> {
        let profile_id = self.profiles.require_profile(profile_id).await?;
        let limit = limit.unwrap_or(20);
        if limit == 0 || limit > MAX_SEARCH_RESULTS {
            return Err(CoreError::validation(format!(
                "A search returns 1 to {MAX_SEARCH_RESULTS} results; {limit} were asked for."
            )));
        }
        let query = validate_message(query).map_err(|_| {
            CoreError::validation(
                "Please type a few words to search for (at most 8,000 characters).",
            )
        })?;
        let terms = fts_terms(&query);
        if terms.is_empty() {
            return Ok(Vec::new());
        }
        let fts = terms
            .iter()
            .map(|t| fts_phrase(t))
            .collect::<Vec<_>>()
            .join(" AND ");
        let rows = sqlx::query(&format!(
            "SELECT {MESSAGE_COLUMNS}, c.title AS conversation_title
             FROM messages_fts f
             JOIN messages m ON m.seq = f.rowid
             JOIN conversations c ON c.id = m.conversation_id AND c.profile_id = m.profile_id
             WHERE messages_fts MATCH ? AND m.profile_id = ?
             ORDER BY bm25(messages_fts), m.seq DESC
             LIMIT ?"
        ))
        .bind(&fts)
        .bind(&profile_id)
        .bind(i64::from(limit))
        .fetch_all(self.db.reader())
        .await?;
        rows.iter()
            .map(|row| {
                let message = row_to_message(row)?;
                Ok(MessageHit {
                    conversation_id: message.conversation_id.clone(),
                    conversation_title: row.try_get("conversation_title")?,
                    message,
                })
            })
            .collect()
    }

    /// Finds conversations by keywords (every message) or by meaning (the exchanges remembered from
    /// them), best first, one hit per conversation.
    pub async fn find_in_conversations(
        &self,
        profile_id: &str,
        query: &str,
        mode: SearchMode,
    ) -> Result<Vec<ConversationHit>> {
        let mut hits = match mode {
            SearchMode::Keyword => self
                .search_conversations(profile_id, query, Some(50))
                .await?
                .into_iter()
                .map(|h| ConversationHit {
                    conversation_id: h.conversation_id,
                    conversation_title: h.conversation_title,
                    message_id: Some(h.message.id),
                    snippet: clip_to(&one_line(&h.message.content), 200),
                    created_at: h.message.created_at,
                    similarity: None,
                })
                .collect::<Vec<_>>(),
            SearchMode::Meaning => {
                let options = crate::memory::SearchOptions {
                    limit: Some(crate::memory::MAX_SEARCH_LIMIT),
                    // No floor, like the Memories screen: the best matches there are.
                    min_similarity: None,
                };
                let mut out = Vec::new();
                for hit in self
                    .memory
                    .search_memories(profile_id, query, options)
                    .await?
                {
                    let Some(id) = hit.memory.conversation_id.as_deref() else {
                        continue;
                    };
                    // A conversation deleted with "keep memories" leaves memories without one.
                    let Ok(conversation) = self.conversation_row(&hit.memory.profile_id, id).await
                    else {
                        continue;
                    };
                    out.push(ConversationHit {
                        conversation_id: conversation.id,
                        conversation_title: conversation.title,
                        message_id: None,
                        snippet: clip_to(&one_line(&hit.memory.text), 200),
                        created_at: hit.memory.created_at,
                        similarity: Some(hit.similarity),
                    });
                }
                out
            }
        };
        let mut seen = std::collections::HashSet::new();
        hits.retain(|h| seen.insert(h.conversation_id.clone()));
        Ok(hits)
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
        id: new_id().to_string(),
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

async fn insert_message(
    tx: &mut sqlx::Transaction<'static, sqlx::Sqlite>,
    m: &Message,
    crisis_score: Option<f32>,
) -> Result<()> {
    let proposal = m.proposal.as_ref().map(serde_json::to_string).transpose()?;
    let safety = m.safety.as_ref().map(serde_json::to_string).transpose()?;
    let summary = m.summary.as_ref().map(serde_json::to_string).transpose()?;
    sqlx::query(
        "INSERT INTO messages (id, conversation_id, profile_id, role, content, status, error, created_at,
           proposal, safety, summary, crisis_score)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&m.id)
    .bind(&m.conversation_id)
    .bind(&m.profile_id)
    .bind(m.role.as_str())
    .bind(&m.content)
    .bind(m.status.as_str())
    .bind(&m.error)
    .bind(&m.created_at)
    .bind(proposal)
    .bind(safety)
    .bind(summary)
    .bind(crisis_score.map(|s| f64::from(s.clamp(0.0, 1.0))))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failing test should panic
mod tests {
    use super::*;

    #[test]
    fn titles() {
        assert_eq!(auto_title("  Hello\nthere  "), "Hello there");
        let fifty = "a".repeat(50);
        assert_eq!(auto_title(&fifty), fifty);
        let long = format!("{}b", "é".repeat(50));
        let t = auto_title(&long);
        assert_eq!(t.chars().count(), 48);
        assert!(t.ends_with('…') && t.starts_with("ééé"));
    }

    #[test]
    fn previews() {
        assert_eq!(preview(MessageRole::User, "hi\nthere"), "You: hi there");
        assert_eq!(preview(MessageRole::Assistant, "hello"), "hello");
        let p = preview(MessageRole::User, &"x".repeat(100));
        assert_eq!(p.chars().count(), PREVIEW_CHARS);
        assert!(p.starts_with("You: x") && p.ends_with('…'));
    }

    #[test]
    fn message_limits() {
        assert!(validate_message(" \n ").is_err());
        assert!(validate_message(&"é".repeat(MAX_MESSAGE_CHARS)).is_ok());
        let err = validate_message(&"a".repeat(MAX_MESSAGE_CHARS + 1)).unwrap_err();
        assert!(err.to_string().contains("8,001"), "{err}");
        assert_eq!(validate_message("  keep  inner  ").unwrap(), "keep  inner");
    }
}
