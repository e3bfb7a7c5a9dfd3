//! The per-profile HNSW indexes: opened (checked against the rows), rebuilt, saved after changes, dropped with their profile; files of deleted profiles removed.

use std::collections::HashSet;
use std::sync::atomic::Ordering;
use std::sync::{Arc, PoisonError};

use sqlx::Row;

use crate::error::{CoreError, Reason, Result};

use super::*;
use crate::memory::index::VectorIndex;
use crate::memory::vector::decode_f16;
use crate::memory::{IndexCheck, MemoryConfig};

impl MemoryEngine {
    /// Drops a deleted profile's index from memory and its files from disk at once, so that none of
    /// its vectors outlive the profile (the start-up sweep of orphan files is only the fallback).
    pub(in crate::memory) async fn profile_deleted(&self, profile_id: &ProfileId) {
        let dropped = self.discard_index(profile_id).await;
        // A save under way finishes first; any later one sees the index discarded and writes nothing.
        let _writer = match &dropped {
            Some(pi) => Some(pi.writer.lock().await),
            None => None,
        };
        for suffix in ["usearch", "usearch.tmp"] {
            let path = self.inner.index_dir.join(format!("{profile_id}.{suffix}"));
            match std::fs::remove_file(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => {
                    tracing::warn!(file = %path.display(), "could not remove a deleted profile's index: {e}")
                }
            }
        }
    }

    pub(super) async fn remove_orphan_files(&self) -> Result<()> {
        let Ok(entries) = std::fs::read_dir(&self.inner.index_dir) else {
            return Ok(());
        };
        let profiles: HashSet<String> = sqlx::query_scalar("SELECT id FROM profiles")
            .fetch_all(self.inner.db.reader())
            .await?
            .into_iter()
            .collect();
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().to_string();
            // A profile's file (or a temporary one a crash left behind) whose profile was deleted. A temporary
            // file of a live profile may be a save in progress: the next save replaces it anyway.
            let stem = name
                .strip_suffix(".usearch")
                .or_else(|| name.strip_suffix(".usearch.tmp"));
            let orphan = stem.is_some_and(|stem| !profiles.contains(stem));
            if orphan {
                if let Err(e) = std::fs::remove_file(&path) {
                    tracing::warn!(file = %path.display(), "could not remove an orphan index file: {e}");
                }
            }
        }
        Ok(())
    }

    /// The profile's index, opened and checked against SQLite (rebuilt when missing, stale or corrupt).
    pub(super) async fn index_for(&self, profile_id: &ProfileId) -> Result<Arc<ProfileIndex>> {
        self.ensure_model().await?;
        let cell = {
            let mut map = self.inner.indexes.lock().await;
            Arc::clone(map.entry(profile_id.clone()).or_default())
        };
        let opened = cell
            .get_or_try_init(|| async {
                self.inner
                    .opening
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .insert(profile_id.clone());
                let result = self.open_index(profile_id).await;
                self.inner
                    .opening
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .remove(profile_id);
                result
            })
            .await?;
        Ok(Arc::clone(opened))
    }

    /// Forgets the in-memory index of a profile so the next use reopens (and, being unsaved, rebuilds)
    /// it; a save scheduled for it writes nothing. Returns it, when it was open.
    pub(super) async fn discard_index(&self, profile_id: &ProfileId) -> Option<Arc<ProfileIndex>> {
        let cell = self.inner.indexes.lock().await.remove(profile_id)?;
        let pi = cell.get().cloned()?;
        pi.discarded.store(true, Ordering::SeqCst);
        Some(pi)
    }

    pub(super) async fn open_index(&self, profile_id: &ProfileId) -> Result<Arc<ProfileIndex>> {
        let config = self.config();
        let dims = config.dimensions as usize;
        let threads = self.inner.index_threads;
        std::fs::create_dir_all(&self.inner.index_dir).map_err(|e| {
            CoreError::new(Reason::DataFolder)
                .detail(format!("{}: {e}", self.inner.index_dir.display()))
        })?;
        let path = self.inner.index_dir.join(format!("{profile_id}.usearch"));

        let mut tx = self.inner.db.begin_write().await?;
        sqlx::query("INSERT INTO memory_index_state (profile_id) VALUES (?) ON CONFLICT (profile_id) DO NOTHING")
            .bind(profile_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        let state = sqlx::query(
            "SELECT generation, saved_generation, saved_count, saved_model_id FROM memory_index_state
             WHERE profile_id = ?",
        )
        .bind(profile_id)
        .fetch_one(self.inner.db.reader())
        .await?;
        let generation: i64 = state.try_get("generation")?;
        let saved_generation: i64 = state.try_get("saved_generation")?;
        let saved_count: i64 = state.try_get("saved_count")?;
        let saved_model: Option<String> = state.try_get("saved_model_id")?;
        let count: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM memories WHERE profile_id = ? AND length(embedding) = ?",
        )
        .bind(profile_id)
        .bind(dims as i64 * 2)
        .fetch_one(self.inner.db.reader())
        .await?;

        let check = if !path.is_file() {
            IndexCheck::Missing
        } else if saved_generation != generation
            || saved_count != count
            || saved_model.as_deref() != Some(config.model_id.as_str())
        {
            IndexCheck::Stale
        } else {
            let load_path = path.clone();
            let expansion = config.expansion_search;
            let loaded = tokio::task::spawn_blocking(move || {
                VectorIndex::load(&load_path, dims, expansion, threads)
            })
            .await
            .map_err(join_error)?;
            match loaded {
                Ok(index) if index.size() as i64 == count => {
                    tracing::debug!(profile = %profile_id, count, "memory index loaded");
                    return Ok(Arc::new(ProfileIndex::new(
                        path,
                        index,
                        IndexCheck::Loaded,
                        generation,
                    )));
                }
                Ok(_) => IndexCheck::Stale,
                Err(e) => {
                    tracing::warn!(profile = %profile_id, "memory index unreadable, rebuilding: {e}");
                    IndexCheck::Corrupt
                }
            }
        };
        tracing::info!(profile = %profile_id, ?check, count, "rebuilding memory index");
        let index = self.rebuild(profile_id, &config, count as usize).await?;
        let size = index.size();
        let profile_index = Arc::new(ProfileIndex::new(path, index, check, generation));
        // Save at once: the next start then finds a matching file instead of rebuilding again.
        let pi = Arc::clone(&profile_index);
        tokio::task::spawn_blocking(move || read_lock(&pi.index).save(&pi.path))
            .await
            .map_err(join_error)??;
        self.record_saved(profile_id, generation, size, &config.model_id)
            .await?;
        Ok(profile_index)
    }

    pub(super) async fn rebuild(
        &self,
        profile_id: &ProfileId,
        config: &MemoryConfig,
        count: usize,
    ) -> Result<VectorIndex> {
        let dims = config.dimensions as usize;
        let index = Arc::new(VectorIndex::new(
            dims,
            config.expansion_search,
            self.inner.index_threads,
        )?);
        index.reserve(count + 64)?;
        self.progress("memory.rebuild", Some(profile_id), 0, count);
        let mut after = 0i64;
        let mut done = 0usize;
        loop {
            let rows: Vec<(i64, Vec<u8>)> = sqlx::query_as(
                "SELECT key, embedding FROM memories WHERE profile_id = ? AND length(embedding) = ? AND key > ?
                 ORDER BY key LIMIT ?",
            )
            .bind(profile_id)
            .bind(dims as i64 * 2)
            .bind(after)
            .bind(REBUILD_PAGE)
            .fetch_all(self.inner.db.reader())
            .await?;
            let Some(&(last, _)) = rows.last() else { break };
            after = last;
            let items: Vec<(u64, Vec<f32>)> = rows
                .into_iter()
                .filter_map(|(key, blob)| decode_f16(&blob, dims).map(|v| (to_key(key), v)))
                .collect();
            done += items.len();
            let index_ref = Arc::clone(&index);
            tokio::task::spawn_blocking(move || index_ref.add_batch(&items, REBUILD_WORKERS))
                .await
                .map_err(join_error)??;
            self.progress("memory.rebuild", Some(profile_id), done, count.max(done));
        }
        Arc::try_unwrap(index).map_err(|_| CoreError::internal("the rebuilt index is still shared"))
    }

    pub(super) async fn record_saved(
        &self,
        profile_id: &ProfileId,
        generation: i64,
        size: usize,
        model_id: &str,
    ) -> Result<()> {
        let mut tx = self.inner.db.begin_write().await?;
        sqlx::query(
            "UPDATE memory_index_state SET saved_generation = ?, saved_count = ?, saved_model_id = ?
             WHERE profile_id = ?",
        )
        .bind(generation)
        .bind(size as i64)
        .bind(model_id)
        .bind(profile_id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Saves one index if it changed, and records what the file now holds.
    pub(super) async fn save_index(
        &self,
        profile_id: &ProfileId,
        pi: &Arc<ProfileIndex>,
    ) -> Result<()> {
        let _writer = pi.writer.lock().await;
        if pi.discarded.load(Ordering::SeqCst) || !pi.dirty.swap(false, Ordering::SeqCst) {
            return Ok(());
        }
        // What this index holds, not what SQLite holds now: a change committed but not yet applied
        // leaves the file marked older, so the next open rebuilds it.
        let generation = pi.generation.load(Ordering::SeqCst);
        let pi2 = Arc::clone(pi);
        let saved = tokio::task::spawn_blocking(move || {
            let guard = write_lock(&pi2.index);
            guard.save(&pi2.path).map(|()| guard.size())
        })
        .await
        .map_err(join_error)?;
        match saved {
            Ok(size) => {
                let model_id = self.config().model_id;
                self.record_saved(profile_id, generation, size, &model_id)
                    .await
            }
            Err(e) => {
                pi.dirty.store(true, Ordering::SeqCst);
                Err(e)
            }
        }
    }

    /// Saves shortly after a change, grouping the changes of a burst (an import) into one save.
    pub(super) fn schedule_save(&self, profile_id: &ProfileId, pi: &Arc<ProfileIndex>) {
        pi.dirty.store(true, Ordering::SeqCst);
        if pi.save_scheduled.swap(true, Ordering::SeqCst) {
            return;
        }
        let engine = self.clone();
        let pi = Arc::clone(pi);
        let profile_id = profile_id.clone();
        let delay = self.config().save_delay;
        tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            pi.save_scheduled.store(false, Ordering::SeqCst);
            if let Err(e) = engine.save_index(&profile_id, &pi).await {
                tracing::warn!(profile = %profile_id, "memory index not saved (it will be rebuilt): {e}");
            }
        });
    }

    /// Applies index changes after their SQLite commit. A failure here loses nothing (SQLite has the data):
    /// the in-memory index is dropped, so the next use rebuilds it.
    pub(super) async fn apply_to_index(
        &self,
        profile_id: &ProfileId,
        pi: &Arc<ProfileIndex>,
        generation: i64,
        change: impl FnOnce(&VectorIndex) -> Result<()>,
    ) {
        let result = {
            let guard = write_lock(&pi.index);
            change(&guard)
        };
        match result {
            Ok(()) => {
                pi.generation.store(generation, Ordering::SeqCst);
                self.schedule_save(profile_id, pi);
            }
            Err(e) => {
                tracing::warn!(profile = %profile_id, "memory index update failed; it will be rebuilt: {e}");
                self.discard_index(profile_id).await;
            }
        }
    }

    pub(in crate::memory) async fn flush(&self) -> Result<()> {
        let opened: Vec<(ProfileId, Arc<ProfileIndex>)> = {
            let map = self.inner.indexes.lock().await;
            map.iter()
                .filter_map(|(id, cell)| cell.get().map(|pi| (id.clone(), Arc::clone(pi))))
                .collect()
        };
        for (profile_id, pi) in opened {
            self.save_index(&profile_id, &pi).await?;
        }
        Ok(())
    }
}
