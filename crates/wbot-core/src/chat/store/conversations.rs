//! Conversations: started, read, listed with their previews, renamed, remembered or not, deleted (with the memories they made).

use sqlx::Row;

use super::*;
use crate::chat::ChatService;
use crate::db::{changed_one, from_db, now_rfc3339, Page};
use crate::error::{CoreError, Result, Subject};
use crate::ids::{ConversationId, MemoryId, ProfileId};
use crate::text::one_line;

impl ChatService {
    pub(super) async fn conversation_row(
        &self,
        profile_id: &ProfileId,
        id: &ConversationId,
    ) -> Result<Conversation> {
        let row = self
            .db
            .owned_row(
                "conversations",
                CONVERSATION_COLUMNS,
                Subject::Conversation,
                id,
                profile_id,
            )
            .await?;
        row_to_conversation(&row)
    }

    /// Starts an empty conversation.
    pub async fn create_conversation(&self, profile_id: &ProfileId) -> Result<Conversation> {
        let profile_id = self.profiles.require_profile(profile_id).await?;
        let now = now_rfc3339();
        let conversation = Conversation {
            id: ConversationId::new(),
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
        profile_id: &ProfileId,
        conversation_id: &ConversationId,
    ) -> Result<Conversation> {
        let profile_id = self.profiles.require_profile(profile_id).await?;
        self.conversation_row(&profile_id, conversation_id).await
    }

    /// A page of a profile's conversations (`limit` 1–100, default 30), most recently active first,
    /// with a preview of each one's last message, and how many there are.
    pub async fn list_conversations(
        &self,
        profile_id: &ProfileId,
        page: Page,
    ) -> Result<ConversationPage> {
        let profile_id = self.profiles.require_profile(profile_id).await?;
        let limit = page.limit(30, MAX_CONVERSATION_PAGE)?;
        let rows = sqlx::query(
            "SELECT c.id, c.title, c.updated_at, c.remember, m.role, m.content
             FROM conversations c
             LEFT JOIN messages m ON m.seq = (
                 SELECT max(seq) FROM messages WHERE conversation_id = c.id AND profile_id = c.profile_id)
             WHERE c.profile_id = ?
             ORDER BY c.updated_at DESC, c.id DESC
             LIMIT ? OFFSET ?",
        )
        .bind(&profile_id)
        .bind(i64::from(limit))
        .bind(i64::from(page.offset))
        .fetch_all(self.db.reader())
        .await?;
        let total: i64 =
            sqlx::query_scalar("SELECT count(*) FROM conversations WHERE profile_id = ?")
                .bind(&profile_id)
                .fetch_one(self.db.reader())
                .await?;
        let items = rows
            .iter()
            .map(|row| {
                let role: Option<String> = row.try_get("role")?;
                let content: Option<String> = row.try_get("content")?;
                let remember: i64 = row.try_get("remember")?;
                Ok(ConversationSummary {
                    id: row.try_get("id")?,
                    title: row.try_get("title")?,
                    preview: content.as_deref().map(preview).unwrap_or_default(),
                    preview_role: role.as_deref().map(from_db).transpose()?,
                    updated_at: row.try_get("updated_at")?,
                    remember: remember != 0,
                })
            })
            .collect::<Result<_>>()?;
        Ok(ConversationPage {
            items,
            total: u32::try_from(total).unwrap_or(u32::MAX),
        })
    }

    /// A page of a conversation's messages counted from the newest (offset 0 holds the newest `limit`,
    /// 1–[`MAX_MESSAGE_PAGE`], default 50), oldest first within the page, and how many it has.
    pub async fn conversation_messages(
        &self,
        profile_id: &ProfileId,
        conversation_id: &ConversationId,
        page: Page,
    ) -> Result<MessagePage> {
        let limit = page.limit(50, MAX_MESSAGE_PAGE)?;
        let conversation = self.conversation(profile_id, conversation_id).await?;
        let rows = sqlx::query(&format!(
            "SELECT * FROM (
                 SELECT m.seq, {MESSAGE_COLUMNS} FROM messages m
                 WHERE m.conversation_id = ? AND m.profile_id = ? ORDER BY m.seq DESC LIMIT ? OFFSET ?)
             ORDER BY seq"
        ))
        .bind(&conversation.id)
        .bind(&conversation.profile_id)
        .bind(i64::from(limit))
        .bind(i64::from(page.offset))
        .fetch_all(self.db.reader())
        .await?;
        let total: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM messages WHERE conversation_id = ? AND profile_id = ?",
        )
        .bind(&conversation.id)
        .bind(&conversation.profile_id)
        .fetch_one(self.db.reader())
        .await?;
        Ok(MessagePage {
            items: rows.iter().map(row_to_message).collect::<Result<_>>()?,
            total: u32::try_from(total).unwrap_or(u32::MAX),
        })
    }

    /// Every message of a conversation, oldest first (what a reply's prompt is cut from).
    pub(crate) async fn all_messages(
        &self,
        profile_id: &ProfileId,
        conversation_id: &ConversationId,
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
        profile_id: &ProfileId,
        conversation_id: &ConversationId,
        title: &str,
    ) -> Result<Conversation> {
        let profile_id = self.profiles.require_profile(profile_id).await?;
        let title = one_line(title);
        if title.is_empty() {
            return Err(CoreError::empty(Subject::Title));
        }
        let chars = title.chars().count();
        if chars > MAX_TITLE_CHARS {
            return Err(CoreError::too_long(Subject::Title, MAX_TITLE_CHARS, chars));
        }
        self.update_conversation(
            &profile_id,
            conversation_id,
            "title = ?, title_set_by_user = 1",
            title,
        )
        .await
    }

    /// Turns "remember this conversation" on or off (off: no new memories are made from it).
    pub async fn set_conversation_remember(
        &self,
        profile_id: &ProfileId,
        conversation_id: &ConversationId,
        remember: bool,
    ) -> Result<Conversation> {
        let profile_id = self.profiles.require_profile(profile_id).await?;
        self.update_conversation(
            &profile_id,
            conversation_id,
            "remember = ?",
            i64::from(remember),
        )
        .await
    }

    /// Sets `assignment` (one `?`, bound to `value`) on a conversation of the profile, and reads it back.
    async fn update_conversation<T>(
        &self,
        profile_id: &ProfileId,
        id: &ConversationId,
        assignment: &str,
        value: T,
    ) -> Result<Conversation>
    where
        T: for<'q> sqlx::Encode<'q, sqlx::Sqlite> + sqlx::Type<sqlx::Sqlite> + Send,
    {
        let mut tx = self.db.begin_write().await?;
        let changed = sqlx::query(&format!(
            "UPDATE conversations SET {assignment} WHERE id = ? AND profile_id = ?"
        ))
        .bind(value)
        .bind(id)
        .bind(profile_id)
        .execute(&mut *tx)
        .await?;
        changed_one(changed, Subject::Conversation, id)?;
        tx.commit().await?;
        self.conversation_row(profile_id, id).await
    }

    /// Deletes a conversation and its messages, and the memories made from it unless `keep_memories`.
    /// Returns how many memories were deleted. Memories go first: if that fails, the conversation is
    /// still there to retry, and nothing is half-deleted silently.
    pub async fn delete_conversation(
        &self,
        profile_id: &ProfileId,
        conversation_id: &ConversationId,
        keep_memories: bool,
    ) -> Result<u32> {
        let conversation = self.conversation(profile_id, conversation_id).await?;
        let mut forgotten = 0u32;
        if !keep_memories {
            let ids: Vec<MemoryId> = sqlx::query_scalar(
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
            .await?;
        changed_one(deleted, Subject::Conversation, &conversation.id)?;
        self.db.commit_deletion(tx).await?;
        tracing::info!(profile = %conversation.profile_id, forgotten, "conversation deleted");
        Ok(forgotten)
    }
}
