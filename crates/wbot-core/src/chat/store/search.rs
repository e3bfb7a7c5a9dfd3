//! Searching conversations: by title and text (keywords), and by meaning through the memories they made.

use sqlx::Row;

use super::*;
use crate::chat::ChatService;
use crate::db::limit_within;
use crate::error::{Result, Subject};
use crate::memory::search::{fts_phrase, fts_terms};
use crate::text::{checked_text, clip, one_line};

impl ChatService {
    /// Keyword search over a profile's messages (every word must appear; word forms match: "running"
    /// finds "run"). Best matches first, at most `limit` (1–100, default 20).
    pub async fn search_messages(
        &self,
        profile_id: &ProfileId,
        query: &str,
        limit: Option<u32>,
    ) -> Result<Vec<MessageHit>> {
        let profile_id = self.profiles.require_profile(profile_id).await?;
        let limit = limit_within(limit, 20, MAX_SEARCH_RESULTS, Subject::ResultCount)?;
        let query = checked_text(query, Subject::SearchText, MAX_MESSAGE_CHARS)?;
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
    pub async fn search_conversations(
        &self,
        profile_id: &ProfileId,
        query: &str,
        mode: SearchMode,
    ) -> Result<Vec<ConversationHit>> {
        let mut hits = match mode {
            SearchMode::Keyword => self
                .search_messages(profile_id, query, Some(50))
                .await?
                .into_iter()
                .map(|h| ConversationHit {
                    conversation_id: h.conversation_id,
                    conversation_title: h.conversation_title,
                    message_id: Some(h.message.id),
                    snippet: clip(&one_line(&h.message.content), 200),
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
                    let Some(id) = &hit.memory.conversation_id else {
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
                        snippet: clip(&one_line(&hit.memory.text), 200),
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
