//! The memory rows in SQLite and what reads them: add, read, list, change, forget, search, status.

use std::collections::HashSet;
use std::sync::atomic::Ordering;
use std::sync::{Arc, PoisonError};

use sqlx::Row;

use crate::db::now_rfc3339;
use crate::error::{CoreError, Result, Subject};
use crate::ids::{MemoryId, ProfileId};

use super::*;
use crate::memory::embedder::{Priority, TextRole};
use crate::memory::index::VectorIndex;
use crate::memory::search::{
    fts_in_profile, fts_phrase, fts_query, fts_terms, fuse, names_one_of, rare_terms, Candidate,
    KeywordHits, FTS_TERM_CAP,
};
use crate::memory::vector::{decode_f16, encode_f16};
use crate::memory::{
    IndexHealth, Memory, MemoryHit, MemoryPage, MemoryStatus, NewMemory, CANDIDATES,
};

impl MemoryEngine {
    pub(in crate::memory) async fn add(
        &self,
        profile_id: &ProfileId,
        batch: Vec<NewMemory>,
    ) -> Result<Vec<Memory>> {
        if batch.is_empty() {
            return Ok(Vec::new());
        }
        let dims = self.config().dimensions as usize;
        let texts: Vec<String> = batch.iter().map(|m| m.text.clone()).collect();
        let priority = if batch.len() == 1 {
            Priority::Interactive
        } else {
            Priority::Bulk
        };
        // Embed before taking the writer: the model is the slow part and needs no lock.
        let vectors = self
            .inner
            .embedder
            .embed_many(&texts, TextRole::Passage, priority)
            .await?;
        let pi = self.index_for(profile_id).await?;
        let _writer = pi.writer.lock().await;
        let now = now_rfc3339();
        let mut tx = self.inner.db.begin_write().await?;
        let mut added = Vec::with_capacity(batch.len());
        let mut keyed = Vec::with_capacity(batch.len());
        for (m, v) in batch.into_iter().zip(vectors) {
            if v.len() != dims {
                return Err(CoreError::internal(
                    "the memory model returned a vector of the wrong size",
                ));
            }
            let memory = Memory {
                id: MemoryId::new(),
                profile_id: profile_id.clone(),
                conversation_id: m.conversation_id,
                kind: m.kind,
                text: m.text,
                created_at: now.clone(),
                updated_at: now.clone(),
                pinned: m.pinned,
                source: m.source,
            };
            let key: i64 = sqlx::query_scalar(
                "INSERT INTO memories (id, profile_id, conversation_id, kind, text, created_at, updated_at,
                 pinned, source, embedding) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING key",
            )
            .bind(&memory.id)
            .bind(&memory.profile_id)
            .bind(&memory.conversation_id)
            .bind(memory.kind.as_str())
            .bind(&memory.text)
            .bind(&memory.created_at)
            .bind(&memory.updated_at)
            .bind(memory.pinned)
            .bind(memory.source.as_str())
            .bind(encode_f16(&v))
            .fetch_one(&mut *tx)
            .await?;
            keyed.push((to_key(key), v));
            added.push(memory);
        }
        let generation = bump_generation(&mut tx, profile_id).await?;
        tx.commit().await?;
        self.apply_to_index(profile_id, &pi, generation, |index| {
            index.add_batch(&keyed, 1)
        })
        .await;
        tracing::debug!(profile = %profile_id, count = added.len(), "memories added");
        Ok(added)
    }

    pub(in crate::memory) async fn get(
        &self,
        profile_id: &ProfileId,
        id: &MemoryId,
    ) -> Result<Memory> {
        let row = self
            .inner
            .db
            .owned_row("memories", MEMORY_COLUMNS, Subject::Memory, id, profile_id)
            .await?;
        Ok(row_to_memory(&row)?.1)
    }

    pub(in crate::memory) async fn list(
        &self,
        profile_id: &ProfileId,
        offset: u32,
        limit: u32,
    ) -> Result<MemoryPage> {
        let total: i64 = sqlx::query_scalar("SELECT count(*) FROM memories WHERE profile_id = ?")
            .bind(profile_id)
            .fetch_one(self.inner.db.reader())
            .await?;
        // Newest first: keys grow with every insert and are never reused.
        let rows = sqlx::query(&format!(
            "SELECT {MEMORY_COLUMNS} FROM memories WHERE profile_id = ? ORDER BY key DESC LIMIT ? OFFSET ?"
        ))
        .bind(profile_id)
        .bind(i64::from(limit))
        .bind(i64::from(offset))
        .fetch_all(self.inner.db.reader())
        .await?;
        let items = rows
            .iter()
            .map(|r| row_to_memory(r).map(|(_, m)| m))
            .collect::<Result<Vec<_>>>()?;
        let end = u64::from(offset) + items.len() as u64;
        let total = u32::try_from(total).unwrap_or(u32::MAX);
        let next_offset = (end < u64::from(total) && !items.is_empty()).then_some(end as u32);
        Ok(MemoryPage {
            items,
            total,
            next_offset,
        })
    }

    pub(in crate::memory) async fn update_text(
        &self,
        profile_id: &ProfileId,
        id: &MemoryId,
        text: String,
    ) -> Result<Memory> {
        // Say not_found before spending time on the model.
        self.get(profile_id, id).await?;
        let vector = self
            .inner
            .embedder
            .embed(vec![text.clone()], TextRole::Passage, Priority::Interactive)
            .await?
            .pop()
            .ok_or_else(|| CoreError::internal("the memory model returned nothing"))?;
        let pi = self.index_for(profile_id).await?;
        let _writer = pi.writer.lock().await;
        let mut tx = self.inner.db.begin_write().await?;
        let row = sqlx::query(&format!(
            "UPDATE memories SET text = ?, embedding = ?, updated_at = ?, source = 'user'
             WHERE id = ? AND profile_id = ? RETURNING {MEMORY_COLUMNS}"
        ))
        .bind(&text)
        .bind(encode_f16(&vector))
        .bind(now_rfc3339())
        .bind(id)
        .bind(profile_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| CoreError::not_found(Subject::Memory, id))?;
        let (key, memory) = row_to_memory(&row)?;
        let generation = bump_generation(&mut tx, profile_id).await?;
        tx.commit().await?;
        self.apply_to_index(profile_id, &pi, generation, |index| {
            index.add(to_key(key), &vector)
        })
        .await;
        Ok(memory)
    }

    pub(in crate::memory) async fn delete(
        &self,
        profile_id: &ProfileId,
        id: &MemoryId,
    ) -> Result<()> {
        let pi = self.index_for(profile_id).await?;
        let _writer = pi.writer.lock().await;
        let mut tx = self.inner.db.begin_write().await?;
        let key: i64 = sqlx::query_scalar(
            "DELETE FROM memories WHERE id = ? AND profile_id = ? RETURNING key",
        )
        .bind(id)
        .bind(profile_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| CoreError::not_found(Subject::Memory, id))?;
        let generation = bump_generation(&mut tx, profile_id).await?;
        self.inner.db.commit_deletion(tx).await?;
        self.apply_to_index(profile_id, &pi, generation, |index| {
            index.remove(to_key(key))
        })
        .await;
        Ok(())
    }

    pub(in crate::memory) async fn forget_all(&self, profile_id: &ProfileId) -> Result<u32> {
        let pi = self.index_for(profile_id).await?;
        let deleted = {
            let _writer = pi.writer.lock().await;
            let mut tx = self.inner.db.begin_write().await?;
            let deleted = sqlx::query("DELETE FROM memories WHERE profile_id = ?")
                .bind(profile_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            let generation = bump_generation(&mut tx, profile_id).await?;
            self.inner.db.commit_deletion(tx).await?;
            self.apply_to_index(profile_id, &pi, generation, VectorIndex::clear)
                .await;
            deleted
        };
        // Save now rather than later: forgotten text should not linger in the index file.
        self.save_index(profile_id, &pi).await?;
        tracing::info!(profile = %profile_id, deleted, "all memories forgotten");
        Ok(u32::try_from(deleted).unwrap_or(u32::MAX))
    }

    /// Hybrid search. `query_vector` is the query's embedding when the caller has it already (a chat turn
    /// embeds the user's message once); otherwise it is embedded here. `floor`: see [`fuse`].
    pub(in crate::memory) async fn search(
        &self,
        profile_id: &ProfileId,
        query: &str,
        query_vector: Option<Vec<f32>>,
        limit: usize,
        floor: Option<f32>,
    ) -> Result<Vec<MemoryHit>> {
        let dims = self.config().dimensions as usize;
        let n = CANDIDATES.max(limit * 2);
        let embed = async {
            match query_vector {
                Some(v) => Ok(v),
                None => self
                    .inner
                    .embedder
                    .embed(
                        vec![query.to_string()],
                        TextRole::Query,
                        Priority::Interactive,
                    )
                    .await?
                    .pop()
                    .ok_or_else(|| CoreError::internal("the memory model returned nothing")),
            }
        };
        // The keyword search and opening the index need no vector: they run while the model embeds.
        let (query_vector, keyword, pi) = tokio::join!(
            embed,
            self.keyword_search(profile_id, query, n),
            self.index_for(profile_id)
        );
        let (query_vector, keyword, pi) = (query_vector?, keyword?, pi?);
        if query_vector.len() != dims {
            return Err(CoreError::internal("the query vector has the wrong size"));
        }

        let vector_hits = {
            let _permit = self
                .inner
                .searches
                .acquire()
                .await
                .map_err(|_| CoreError::internal("memory search is shut down"))?;
            // Under a millisecond: done in place unless a writer (a save can take 100 ms) holds the index,
            // in which case the wait moves to a blocking thread. Saves one thread hand-off per search.
            let inline = match pi.index.try_read() {
                Ok(index) => Some(index.search(&query_vector, n)),
                Err(_) => None,
            };
            match inline {
                Some(hits) => hits?,
                None => {
                    let pi = Arc::clone(&pi);
                    let q = query_vector.clone();
                    tokio::task::spawn_blocking(move || read_lock(&pi.index).search(&q, n))
                        .await
                        .map_err(join_error)??
                }
            }
        };

        let keys: HashSet<i64> = vector_hits
            .iter()
            .map(|(key, _)| *key as i64)
            .chain(keyword.ranked.iter().copied())
            .collect();
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let placeholders = vec!["?"; keys.len()].join(",");
        // The profile filter is applied again here: an index can never hand out another profile's memory.
        let sql = format!(
            "SELECT {MEMORY_COLUMNS}, embedding FROM memories WHERE profile_id = ? AND key IN ({placeholders})"
        );
        let mut q = sqlx::query(&sql).bind(profile_id);
        for key in &keys {
            q = q.bind(*key);
        }
        let rows = q.fetch_all(self.inner.db.reader()).await?;
        let mut candidates = Vec::with_capacity(rows.len());
        for row in &rows {
            let (key, memory) = row_to_memory(row)?;
            let blob: Option<Vec<u8>> = row.try_get("embedding")?;
            let rare_match =
                keyword.rare.contains(&key) && names_one_of(&memory.text, &keyword.rare_words);
            candidates.push(Candidate {
                key,
                memory,
                vector: blob.and_then(|b| decode_f16(&b, dims)),
                rare_match,
            });
        }
        Ok(fuse(&query_vector, candidates, floor, limit))
    }

    /// BM25 top `n` of the profile's memories for the query's words, bounded in cost (see
    /// [`fts_query`]): each word's match count is checked first with a capped count. Also says which
    /// memories hold one of the query's rare words (see [`rare_terms`]).
    pub(super) async fn keyword_search(
        &self,
        profile_id: &ProfileId,
        query: &str,
        n: usize,
    ) -> Result<KeywordHits> {
        let words = fts_terms(query);
        if words.is_empty() {
            return Ok(KeywordHits::default());
        }
        // All the capped counts in one statement: one round trip instead of one per word. Counted in this
        // profile's memories only, inside the index (its `profile_token` column, migration 0011): another
        // profile's memories never change what this search does.
        let probe = "(SELECT count(*) FROM (SELECT rowid FROM memories_fts WHERE memories_fts MATCH ? LIMIT ?))";
        let sql = format!("SELECT {}", vec![probe; words.len()].join(", "));
        let mut q = sqlx::query(&sql);
        for word in &words {
            q = q
                .bind(fts_in_profile(profile_id, "text", &fts_phrase(word)))
                .bind(FTS_TERM_CAP as i64 + 1);
        }
        let row = q.fetch_one(self.inner.db.reader()).await?;
        let mut terms = Vec::with_capacity(words.len());
        for (i, word) in words.into_iter().enumerate() {
            let df: i64 = row.try_get(i)?;
            terms.push((word, df.max(0) as usize));
        }
        let Some(fts) = fts_query(&terms) else {
            return Ok(KeywordHits::default());
        };
        // The match names the profile too, so the budget counted in its memories bounds the work; the join
        // keeps the exact check. BM25 weighs the text column only.
        let select = "SELECT m.key FROM memories_fts JOIN memories m ON m.key = memories_fts.rowid
             WHERE memories_fts MATCH ? AND m.profile_id = ? ORDER BY bm25(memories_fts, 1.0, 0.0) LIMIT ?";
        let ranked: Vec<i64> = sqlx::query_scalar(select)
            .bind(fts_in_profile(profile_id, "text", &fts))
            .bind(profile_id)
            .bind(n as i64)
            .fetch_all(self.inner.db.reader())
            .await?;
        let rare_words = rare_terms(&terms);
        let rare = if rare_words.is_empty() {
            HashSet::new()
        } else {
            let query: Vec<String> = rare_words.iter().map(|w| fts_phrase(w)).collect();
            sqlx::query_scalar(select)
                .bind(fts_in_profile(profile_id, "text", &query.join(" OR ")))
                .bind(profile_id)
                .bind(n as i64)
                .fetch_all(self.inner.db.reader())
                .await?
                .into_iter()
                .collect()
        };
        Ok(KeywordHits {
            ranked,
            rare,
            rare_words,
        })
    }

    pub(in crate::memory) async fn status(&self, profile_id: &ProfileId) -> Result<MemoryStatus> {
        let config = self.config();
        self.ensure_model().await?;
        let opening = self
            .inner
            .opening
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .contains(profile_id);
        let opened = if opening {
            None
        } else {
            Some(self.index_for(profile_id).await?)
        };
        let counts = sqlx::query(
            "SELECT count(*) AS total,
                    coalesce(sum(embedding IS NULL OR length(embedding) != ?), 0) AS pending
             FROM memories WHERE profile_id = ?",
        )
        .bind(i64::from(config.dimensions) * 2)
        .bind(profile_id)
        .fetch_one(self.inner.db.reader())
        .await?;
        let total: i64 = counts.try_get("total")?;
        let pending: i64 = counts.try_get("pending")?;
        let (index, indexed, last_check) = match &opened {
            Some(pi) => (
                IndexHealth::Ready,
                read_lock(&pi.index).size(),
                Some(pi.check),
            ),
            None => (IndexHealth::Rebuilding, 0, None),
        };
        Ok(MemoryStatus {
            model_id: config.model_id,
            dimensions: config.dimensions,
            model_loaded: self.inner.embedder.is_loaded(),
            count: u32::try_from(total).unwrap_or(u32::MAX),
            indexed: u32::try_from(indexed).unwrap_or(u32::MAX),
            pending_embeddings: u32::try_from(pending).unwrap_or(u32::MAX),
            index,
            last_check,
            rebuild_in_progress: opening || self.inner.reembedding.load(Ordering::SeqCst),
        })
    }
}
