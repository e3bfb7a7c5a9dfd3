//! Re-embedding every stored memory when the model changes, in pages, with progress.

use std::collections::HashMap;
use std::sync::atomic::Ordering;

use crate::error::Result;

use super::*;
use crate::memory::embedder::{Priority, TextRole};
use crate::memory::vector::encode_f16;

impl MemoryEngine {
    pub(super) fn spawn_reembed(&self) {
        if self.inner.reembedding.swap(true, Ordering::SeqCst) {
            return;
        }
        let engine = self.clone();
        tokio::spawn(async move {
            let result = engine.reembed().await;
            engine.inner.reembedding.store(false, Ordering::SeqCst);
            if let Err(e) = result {
                tracing::warn!("re-embedding memories stopped (it resumes on next start): {e}");
                engine.progress("memory.reembed", None, 0, 0);
            }
        });
    }

    /// Computes the vectors missing now (memories just imported), waiting for them, with progress;
    /// when a background pass is already under way, that pass does it.
    pub(in crate::memory) async fn embed_pending(&self) -> Result<()> {
        if self.inner.reembedding.swap(true, Ordering::SeqCst) {
            return Ok(());
        }
        // Checking the model may want a background pass: this one is it.
        let result = match self.ensure_model().await {
            Ok(()) => self.reembed().await,
            Err(e) => Err(e),
        };
        self.inner.reembedding.store(false, Ordering::SeqCst);
        result
    }

    /// Computes the vectors missing after a model change, oldest first, in small transactions, so it can
    /// stop at any point and resume on the next start.
    pub(super) async fn reembed(&self) -> Result<()> {
        // Passes repeat while they make progress: a second model change during a pass re-nulls rows the
        // pass has already walked past.
        loop {
            // Stop when a pass stored nothing (done, or only rows that changed under it: next start).
            if self.reembed_pass().await? == 0 {
                return Ok(());
            }
        }
    }

    pub(super) async fn reembed_pass(&self) -> Result<usize> {
        let config = self.config();
        let dims = i64::from(config.dimensions);
        let total: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM memories WHERE embedding IS NULL OR length(embedding) != ?",
        )
        .bind(dims * 2)
        .fetch_one(self.inner.db.reader())
        .await?;
        let total = total as usize;
        let mut done = 0usize;
        let mut stored = 0usize;
        let mut after = 0i64;
        self.progress("memory.reembed", None, 0, total);
        loop {
            let rows: Vec<(i64, ProfileId, String)> = sqlx::query_as(
                "SELECT key, profile_id, text FROM memories
                 WHERE (embedding IS NULL OR length(embedding) != ?) AND key > ? ORDER BY key LIMIT ?",
            )
            .bind(dims * 2)
            .bind(after)
            .bind(REEMBED_PAGE)
            .fetch_all(self.inner.db.reader())
            .await?;
            let Some(last) = rows.last() else { break };
            after = last.0;
            let texts: Vec<String> = rows.iter().map(|r| r.2.clone()).collect();
            let vectors = self
                .inner
                .embedder
                .embed_many(&texts, TextRole::Passage, Priority::Bulk)
                .await?;
            let mut by_profile: HashMap<&ProfileId, Vec<(usize, Vec<f32>)>> = HashMap::new();
            for (i, v) in vectors.into_iter().enumerate() {
                by_profile.entry(&rows[i].1).or_default().push((i, v));
            }
            for (profile_id, items) in by_profile {
                let pi = self.index_for(profile_id).await?;
                let _writer = pi.writer.lock().await;
                let mut tx = self.inner.db.begin_write().await?;
                let mut keyed = Vec::new();
                for (i, v) in items {
                    let (key, _, text) = &rows[i];
                    // Skip rows edited (they got their vector then) or deleted since they were read.
                    // ... and rows whose model changed again while this batch was being embedded.
                    let changed = sqlx::query(
                        "UPDATE memories SET embedding = ? WHERE key = ? AND text = ?
                         AND (embedding IS NULL OR length(embedding) != ?)
                         AND (SELECT model_id FROM memory_model WHERE id = 1) = ?",
                    )
                    .bind(encode_f16(&v))
                    .bind(key)
                    .bind(text)
                    .bind(dims * 2)
                    .bind(&config.model_id)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                    if changed == 1 {
                        keyed.push((to_key(*key), v));
                    }
                    stored += changed as usize;
                }
                let generation = bump_generation(&mut tx, profile_id).await?;
                tx.commit().await?;
                self.apply_to_index(profile_id, &pi, generation, |index| {
                    index.add_batch(&keyed, 1)
                })
                .await;
            }
            done += rows.len();
            self.progress("memory.reembed", None, done, total.max(done));
        }
        if stored > 0 {
            tracing::info!(count = stored, "memories re-embedded");
        }
        Ok(stored)
    }
}
