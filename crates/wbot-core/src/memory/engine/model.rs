//! The embedding model: where it is, loading it on first use (checked once), embedding with it.

use crate::db::now_rfc3339;
use crate::error::Result;

use super::*;
use crate::memory::embedder::{Priority, TextRole};
use crate::memory::MemoryConfig;

impl MemoryEngine {
    pub(in crate::memory) async fn configure(&self, config: MemoryConfig) {
        *write_lock(&self.inner.config) = config.clone();
        self.inner.embedder.reconfigure(config);
        // Reconcile the model id with the database again on next use.
        *self.inner.model_checked.lock().await = None;
    }

    /// Embeds texts with the memory model as queries, for other domains (the chat's judgements share the
    /// user message's vector with memory recall).
    pub(crate) async fn embed(
        &self,
        texts: &[String],
        priority: Priority,
    ) -> Result<Vec<Vec<f32>>> {
        self.inner
            .embedder
            .embed_many(texts, TextRole::Query, priority)
            .await
    }

    /// Embeds texts with the memory model as passages (things to be found by a query), for other domains
    /// (journal entries); returns the model's id with the vectors.
    pub(crate) async fn embed_passages(
        &self,
        texts: &[String],
        priority: Priority,
    ) -> Result<(String, Vec<Vec<f32>>)> {
        let model_id = self.config().model_id;
        let vectors = self
            .inner
            .embedder
            .embed_many(texts, TextRole::Passage, priority)
            .await?;
        Ok((model_id, vectors))
    }

    /// The id of the configured model.
    pub(crate) fn model_id(&self) -> String {
        self.config().model_id
    }

    /// Makes the database agree with the configured model: records it the first time; when it changed,
    /// drops every stored vector (in one transaction) and re-embeds in the background. Also removes index
    /// files of deleted profiles.
    pub(super) async fn ensure_model(&self) -> Result<()> {
        let config = self.config();
        let wanted = (config.model_id.clone(), config.dimensions);
        let mut checked = self.inner.model_checked.lock().await;
        if checked.as_ref() == Some(&wanted) {
            return Ok(());
        }
        let stored: Option<(String, i64)> =
            sqlx::query_as("SELECT model_id, dimensions FROM memory_model WHERE id = 1")
                .fetch_optional(self.inner.db.reader())
                .await?;
        match stored {
            Some((id, dims)) if id == wanted.0 && dims == i64::from(wanted.1) => {}
            Some((id, dims)) => {
                tracing::info!(from = %id, from_dims = dims, to = %wanted.0, "memory model changed; re-embedding");
                let mut tx = self.inner.db.begin_write().await?;
                sqlx::query("UPDATE memories SET embedding = NULL WHERE embedding IS NOT NULL")
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("UPDATE memory_index_state SET generation = generation + 1")
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("UPDATE memory_model SET model_id = ?, dimensions = ?, updated_at = ? WHERE id = 1")
                    .bind(&wanted.0)
                    .bind(wanted.1)
                    .bind(now_rfc3339())
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                self.inner.indexes.lock().await.clear();
            }
            None => {
                let mut tx = self.inner.db.begin_write().await?;
                sqlx::query(
                    "INSERT INTO memory_model (id, model_id, dimensions, updated_at) VALUES (1, ?, ?, ?)
                     ON CONFLICT (id) DO NOTHING",
                )
                .bind(&wanted.0)
                .bind(wanted.1)
                .bind(now_rfc3339())
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
            }
        }
        self.remove_orphan_files().await?;
        *checked = Some(wanted.clone());
        drop(checked);
        let pending: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM memories WHERE embedding IS NULL OR length(embedding) != ?",
        )
        .bind(i64::from(wanted.1) * 2)
        .fetch_one(self.inner.db.reader())
        .await?;
        if pending > 0 {
            self.spawn_reembed();
        }
        Ok(())
    }
}
