//! Conversations and messages in SQLite (migration 0004): every query is scoped to a profile, and another
//! profile's conversation is simply `not_found`.

mod conversations;
mod messages;
mod search;

use serde::{Deserialize, Serialize};
use sqlx::Row;

use super::crisis::CrisisSignal;
use super::proposal::{ActivityProposal, ActivitySummary};
use super::provider::ProviderError;
use super::ChatService;
use super::MessageStatus;
use crate::db::from_db;
use crate::error::{CoreError, Result, Subject};
use crate::ids::{ConversationId, MessageId, ProfileId};
use crate::text::string_enum;
use crate::text::{checked_text, clip, one_line};

/// The longest message, in characters. Longer messages are refused, never cut.
pub const MAX_MESSAGE_CHARS: usize = 8_000;
/// The most of a shared journal entry's words a conversation's note carries (about 1,000 tokens of the
/// prompt's 3,000 for the conversation).
pub const MAX_SHARED_ENTRY_CHARS: usize = 4_000;
/// The words that mark a note holding a journal entry the person shared ("Talk about this"), which the
/// wellness profile learns from.
pub const SHARED_ENTRY_MARK: &str = "The person shared what they wrote";
/// Titles longer than this are shortened when made from a message…
pub const AUTO_TITLE_CHARS: usize = 50;
/// …to this many characters plus "…".
const AUTO_TITLE_KEEP: usize = 47;
/// The longest title the user can set.
pub const MAX_TITLE_CHARS: usize = 200;
/// The longest list preview, in characters (including the ellipsis).
pub const PREVIEW_CHARS: usize = 60;
/// Most results of one keyword search.
pub const MAX_SEARCH_RESULTS: u32 = 100;
/// The most conversations one page of the list holds.
pub const MAX_CONVERSATION_PAGE: u32 = 100;
/// The most messages one page of a conversation holds.
pub const MAX_MESSAGE_PAGE: u32 = 200;

string_enum!(
    /// Who wrote a message; `system_summary` says what an activity started from the conversation did
    /// (its typed `summary` is on the message).
    MessageRole { User = "user", Assistant = "assistant", SystemSummary = "system_summary" }
);

/// A conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Conversation {
    pub id: ConversationId,
    pub profile_id: ProfileId,
    /// Empty until the first message (the UI shows "New conversation").
    pub title: String,
    /// Whether memories are made from it.
    pub remember: bool,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339: the last message's time.
    pub updated_at: String,
}

/// A page of a profile's conversations, and how many it has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ConversationPage {
    /// Most recently active first.
    pub items: Vec<ConversationSummary>,
    /// Every conversation of the profile.
    pub total: u32,
}

/// A page of a conversation's messages, and how many it has.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MessagePage {
    /// Oldest first: the page ends with the newest message it holds.
    pub items: Vec<Message>,
    /// Every message of the conversation.
    pub total: u32,
}

/// A line of the conversation list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ConversationSummary {
    pub id: ConversationId,
    pub title: String,
    /// The last message on one line, at most [`PREVIEW_CHARS`]; empty when there is none.
    pub preview: String,
    /// Who wrote that message (the UI says "You: " before the person's own).
    pub preview_role: Option<MessageRole>,
    /// RFC 3339 (the UI shows it relative).
    pub updated_at: String,
    pub remember: bool,
}

/// A message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Message {
    pub id: MessageId,
    pub conversation_id: ConversationId,
    pub profile_id: ProfileId,
    pub role: MessageRole,
    pub content: String,
    pub status: MessageStatus,
    /// Why a reply is not complete.
    pub error: Option<ProviderError>,
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
    pub error: Option<ProviderError>,
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
    pub conversation_id: ConversationId,
    pub conversation_title: String,
    /// The matching message (keyword search).
    pub message_id: Option<MessageId>,
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
    pub conversation_id: ConversationId,
    pub conversation_title: String,
    pub message: Message,
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

/// The list preview of a last message: one line, clipped.
pub fn preview(content: &str) -> String {
    clip(&one_line(content), PREVIEW_CHARS)
}

/// Checks a user message: not blank, at most [`MAX_MESSAGE_CHARS`], no NUL. Returns it without the
/// surrounding whitespace.
pub fn validate_message(raw: &str) -> Result<String> {
    checked_text(raw, Subject::Message, MAX_MESSAGE_CHARS)
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
        error: json("error")?
            .map(|p| serde_json::from_str(&p))
            .transpose()?,
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

impl ChatService {}

async fn insert_message(
    tx: &mut sqlx::Transaction<'static, sqlx::Sqlite>,
    m: &Message,
    crisis_score: Option<f32>,
) -> Result<()> {
    let proposal = m.proposal.as_ref().map(serde_json::to_string).transpose()?;
    let safety = m.safety.as_ref().map(serde_json::to_string).transpose()?;
    let summary = m.summary.as_ref().map(serde_json::to_string).transpose()?;
    let error = m.error.as_ref().map(serde_json::to_string).transpose()?;
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
    .bind(error)
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
        assert_eq!(preview("hi\nthere"), "hi there");
        let p = preview(&"x".repeat(100));
        assert_eq!(p.chars().count(), PREVIEW_CHARS);
        assert!(p.starts_with('x') && p.ends_with('…'));
    }

    #[test]
    fn message_limits() {
        assert!(validate_message(" \n ").is_err());
        assert!(validate_message(&"é".repeat(MAX_MESSAGE_CHARS)).is_ok());
        let err = validate_message(&"a".repeat(MAX_MESSAGE_CHARS + 1)).unwrap_err();
        assert_eq!(err.to_string(), "too_long message max=8000 actual=8001");
        assert_eq!(validate_message("  keep  inner  ").unwrap(), "keep  inner");
    }
}
