//! The memory engine's state and storage: the embedder, one HNSW index per profile (one writer, bounded
//! concurrent searches) and the SQLite rows they are derived from.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex as StdMutex, PoisonError, RwLock as StdRwLock};

use sqlx::{Row, Sqlite, Transaction};
use tokio::sync::{Mutex, OnceCell, Semaphore};

use crate::db::{from_db, now_rfc3339, Db};
use crate::error::{CoreError, Result};
use crate::events::{CoreEvent, EventBus, Progress};
use crate::ids::new_id;

use super::embedder::{Embedder, Priority, TextRole};
use super::index::VectorIndex;
use super::search::{
    fts_phrase, fts_query, fts_terms, fuse, names_one_of, rare_terms, Candidate, KeywordHits,
    FTS_TERM_CAP,
};
use super::vector::{decode_f16, encode_f16};
use super::{
    IndexCheck, IndexHealth, Memory, MemoryConfig, MemoryHit, MemoryPage, MemoryStatus, NewMemory,
    CANDIDATES,
};

/// Rows read per step while rebuilding an index or re-embedding.
const REBUILD_PAGE: i64 = 4_096;
const REEMBED_PAGE: i64 = 256;
/// Threads used to insert into an index while rebuilding (the machine has 2 cores).
const REBUILD_WORKERS: usize = 2;

const MEMORY_COLUMNS: &str =
    "key, id, profile_id, conversation_id, kind, text, created_at, updated_at, pinned, source";

/// The memory engine the [`crate::Core`] owns. Cheap to clone.
#[derive(Clone)]
pub struct MemoryEngine {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for MemoryEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MemoryEngine")
            .field("index_dir", &self.inner.index_dir)
            .field("embedder", &self.inner.embedder)
            .finish()
    }
}

struct Inner {
    db: Db,
    index_dir: PathBuf,
    events: EventBus,
    config: StdRwLock<MemoryConfig>,
    embedder: Embedder,
    /// Each profile's index, opened (checked, rebuilt if needed) once on first use.
    indexes: Mutex<HashMap<String, Arc<OnceCell<Arc<ProfileIndex>>>>>,
    /// Profiles whose index is being checked or rebuilt right now.
    opening: StdMutex<HashSet<String>>,
    /// Bounds concurrent searches: usearch fails (or worse) with more callers than reserved threads.
    searches: Semaphore,
    /// Threads each index reserves: every search permit plus the writer and the rebuild helpers.
    index_threads: usize,
    /// The model id/dimension already reconciled with the database in this session.
    model_checked: Mutex<Option<(String, u32)>>,
    reembedding: AtomicBool,
}

/// One profile's index and its single writer.
struct ProfileIndex {
    path: PathBuf,
    /// Searches read; adds, removals and saves write (usearch must not save during a search).
    index: StdRwLock<VectorIndex>,
    /// Held across "change SQLite, then the index" so both see changes in the same order, and by saves.
    writer: Mutex<()>,
    dirty: AtomicBool,
    save_scheduled: AtomicBool,
    check: IndexCheck,
}

fn read_lock<T>(l: &StdRwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    l.read().unwrap_or_else(PoisonError::into_inner)
}

fn write_lock<T>(l: &StdRwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    l.write().unwrap_or_else(PoisonError::into_inner)
}

fn join_error(e: tokio::task::JoinError) -> CoreError {
    CoreError::Internal(format!("a memory task stopped ({e})"))
}

fn to_key(key: i64) -> u64 {
    // Keys come from INTEGER PRIMARY KEY AUTOINCREMENT: always positive.
    key.max(0) as u64
}

fn row_to_memory(row: &sqlx::sqlite::SqliteRow) -> Result<(i64, Memory)> {
    let kind: String = row.try_get("kind")?;
    let source: String = row.try_get("source")?;
    let pinned: i64 = row.try_get("pinned")?;
    Ok((
        row.try_get("key")?,
        Memory {
            id: row.try_get("id")?,
            profile_id: row.try_get("profile_id")?,
            conversation_id: row.try_get("conversation_id")?,
            kind: from_db(&kind)?,
            text: row.try_get("text")?,
            created_at: row.try_get("created_at")?,
            updated_at: row.try_get("updated_at")?,
            pinned: pinned != 0,
            source: from_db(&source)?,
        },
    ))
}

async fn bump_generation(tx: &mut Transaction<'static, Sqlite>, profile_id: &str) -> Result<()> {
    sqlx::query(
        "INSERT INTO memory_index_state (profile_id, generation) VALUES (?, 1)
         ON CONFLICT (profile_id) DO UPDATE SET generation = generation + 1",
    )
    .bind(profile_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

fn not_found(id: &str) -> CoreError {
    CoreError::NotFound(format!("There is no memory with id {id} for this profile."))
}

impl MemoryEngine {
    /// An engine over `db`, with its index files in `<data_dir>/index/`. Nothing is loaded until first use.
    pub fn new(db: Db, data_dir: PathBuf, events: EventBus) -> Self {
        let config = MemoryConfig::from_env();
        let searches = config.max_concurrent_searches.max(1);
        Self {
            inner: Arc::new(Inner {
                db,
                index_dir: data_dir.join("index"),
                embedder: Embedder::new(config.clone(), events.clone()),
                events,
                config: StdRwLock::new(config),
                indexes: Mutex::new(HashMap::new()),
                opening: StdMutex::new(HashSet::new()),
                searches: Semaphore::new(searches),
                index_threads: searches + 1 + REBUILD_WORKERS,
                model_checked: Mutex::new(None),
                reembedding: AtomicBool::new(false),
            }),
        }
    }

    pub(crate) fn config(&self) -> MemoryConfig {
        read_lock(&self.inner.config).clone()
    }

    fn progress(
        &self,
        job: &str,
        profile_id: Option<&str>,
        done: usize,
        total: usize,
        message: &str,
    ) {
        self.inner.events.emit(CoreEvent::Progress(Progress {
            job: job.into(),
            profile_id: profile_id.map(str::to_string),
            done: u32::try_from(done).unwrap_or(u32::MAX),
            total: u32::try_from(total).unwrap_or(u32::MAX),
            message: message.into(),
        }));
    }

    pub(super) async fn configure(&self, config: MemoryConfig) {
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

    /// Makes the database agree with the configured model: records it the first time; when it changed,
    /// drops every stored vector (in one transaction) and re-embeds in the background. Also removes index
    /// files of deleted profiles.
    async fn ensure_model(&self) -> Result<()> {
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

    /// Drops a deleted profile's index from memory and its files from disk at once, so that none of
    /// its vectors outlive the profile (the start-up sweep of orphan files is only the fallback).
    pub(super) async fn profile_deleted(&self, profile_id: &str) {
        self.inner.indexes.lock().await.remove(profile_id);
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

    async fn remove_orphan_files(&self) -> Result<()> {
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
    async fn index_for(&self, profile_id: &str) -> Result<Arc<ProfileIndex>> {
        self.ensure_model().await?;
        let cell = {
            let mut map = self.inner.indexes.lock().await;
            Arc::clone(map.entry(profile_id.to_string()).or_default())
        };
        let opened = cell
            .get_or_try_init(|| async {
                self.inner
                    .opening
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .insert(profile_id.to_string());
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

    /// Forgets the in-memory index of a profile so the next use reopens (and, being unsaved, rebuilds) it.
    async fn discard_index(&self, profile_id: &str) {
        self.inner.indexes.lock().await.remove(profile_id);
    }

    async fn open_index(&self, profile_id: &str) -> Result<Arc<ProfileIndex>> {
        let config = self.config();
        let dims = config.dimensions as usize;
        let threads = self.inner.index_threads;
        std::fs::create_dir_all(&self.inner.index_dir).map_err(|e| {
            CoreError::Unavailable(format!(
                "The memory index folder {} could not be created ({e}).",
                self.inner.index_dir.display()
            ))
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
                    return Ok(Arc::new(ProfileIndex::new(path, index, IndexCheck::Loaded)));
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
        let profile_index = Arc::new(ProfileIndex::new(path, index, check));
        // Save at once: the next start then finds a matching file instead of rebuilding again.
        let pi = Arc::clone(&profile_index);
        tokio::task::spawn_blocking(move || read_lock(&pi.index).save(&pi.path))
            .await
            .map_err(join_error)??;
        self.record_saved(profile_id, generation, size, &config.model_id)
            .await?;
        Ok(profile_index)
    }

    async fn rebuild(
        &self,
        profile_id: &str,
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
        self.progress(
            "memory.rebuild",
            Some(profile_id),
            0,
            count,
            "Rebuilding the memory index",
        );
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
            self.progress(
                "memory.rebuild",
                Some(profile_id),
                done,
                count.max(done),
                "Rebuilding the memory index",
            );
        }
        Arc::try_unwrap(index)
            .map_err(|_| CoreError::Internal("the rebuilt index is still shared".into()))
    }

    async fn record_saved(
        &self,
        profile_id: &str,
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
    async fn save_index(&self, profile_id: &str, pi: &Arc<ProfileIndex>) -> Result<()> {
        let _writer = pi.writer.lock().await;
        if !pi.dirty.swap(false, Ordering::SeqCst) {
            return Ok(());
        }
        let generation: i64 =
            sqlx::query_scalar("SELECT generation FROM memory_index_state WHERE profile_id = ?")
                .bind(profile_id)
                .fetch_optional(self.inner.db.reader())
                .await?
                .unwrap_or(0);
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
    fn schedule_save(&self, profile_id: &str, pi: &Arc<ProfileIndex>) {
        pi.dirty.store(true, Ordering::SeqCst);
        if pi.save_scheduled.swap(true, Ordering::SeqCst) {
            return;
        }
        let engine = self.clone();
        let pi = Arc::clone(pi);
        let profile_id = profile_id.to_string();
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
    async fn apply_to_index(
        &self,
        profile_id: &str,
        pi: &Arc<ProfileIndex>,
        change: impl FnOnce(&VectorIndex) -> Result<()>,
    ) {
        let result = {
            let guard = write_lock(&pi.index);
            change(&guard)
        };
        match result {
            Ok(()) => self.schedule_save(profile_id, pi),
            Err(e) => {
                tracing::warn!(profile = %profile_id, "memory index update failed; it will be rebuilt: {e}");
                self.discard_index(profile_id).await;
            }
        }
    }

    pub(super) async fn flush(&self) -> Result<()> {
        let opened: Vec<(String, Arc<ProfileIndex>)> = {
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

    pub(super) async fn add(&self, profile_id: &str, batch: Vec<NewMemory>) -> Result<Vec<Memory>> {
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
                return Err(CoreError::Internal(
                    "the memory model returned a vector of the wrong size".into(),
                ));
            }
            let memory = Memory {
                id: new_id().to_string(),
                profile_id: profile_id.to_string(),
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
        bump_generation(&mut tx, profile_id).await?;
        tx.commit().await?;
        self.apply_to_index(profile_id, &pi, |index| index.add_batch(&keyed, 1))
            .await;
        tracing::debug!(profile = %profile_id, count = added.len(), "memories added");
        Ok(added)
    }

    pub(super) async fn get(&self, profile_id: &str, id: &str) -> Result<Memory> {
        let row = sqlx::query(&format!(
            "SELECT {MEMORY_COLUMNS} FROM memories WHERE id = ? AND profile_id = ?"
        ))
        .bind(id)
        .bind(profile_id)
        .fetch_optional(self.inner.db.reader())
        .await?
        .ok_or_else(|| not_found(id))?;
        Ok(row_to_memory(&row)?.1)
    }

    pub(super) async fn list(
        &self,
        profile_id: &str,
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

    pub(super) async fn update_text(
        &self,
        profile_id: &str,
        id: &str,
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
            .ok_or_else(|| CoreError::Internal("the memory model returned nothing".into()))?;
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
        .ok_or_else(|| not_found(id))?;
        let (key, memory) = row_to_memory(&row)?;
        bump_generation(&mut tx, profile_id).await?;
        tx.commit().await?;
        self.apply_to_index(profile_id, &pi, |index| index.add(to_key(key), &vector))
            .await;
        Ok(memory)
    }

    pub(super) async fn delete(&self, profile_id: &str, id: &str) -> Result<()> {
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
        .ok_or_else(|| not_found(id))?;
        bump_generation(&mut tx, profile_id).await?;
        tx.commit().await?;
        self.apply_to_index(profile_id, &pi, |index| index.remove(to_key(key)))
            .await;
        Ok(())
    }

    pub(super) async fn forget_all(&self, profile_id: &str) -> Result<u32> {
        let pi = self.index_for(profile_id).await?;
        let deleted = {
            let _writer = pi.writer.lock().await;
            let mut tx = self.inner.db.begin_write().await?;
            let deleted = sqlx::query("DELETE FROM memories WHERE profile_id = ?")
                .bind(profile_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            bump_generation(&mut tx, profile_id).await?;
            tx.commit().await?;
            self.apply_to_index(profile_id, &pi, VectorIndex::clear)
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
    pub(super) async fn search(
        &self,
        profile_id: &str,
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
                    .ok_or_else(|| CoreError::Internal("the memory model returned nothing".into())),
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
            return Err(CoreError::Internal(
                "the query vector has the wrong size".into(),
            ));
        }

        let vector_hits = {
            let _permit = self
                .inner
                .searches
                .acquire()
                .await
                .map_err(|_| CoreError::Internal("memory search is shut down".into()))?;
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
    async fn keyword_search(&self, profile_id: &str, query: &str, n: usize) -> Result<KeywordHits> {
        let words = fts_terms(query);
        if words.is_empty() {
            return Ok(KeywordHits::default());
        }
        // All the capped counts in one statement: one round trip instead of one per word.
        // Counted over every profile's memories: joining `memories` to count one profile's would make
        // SQLite run the full-text match once per row (measured 15-40 ms per query).
        let probe = "(SELECT count(*) FROM (SELECT rowid FROM memories_fts WHERE memories_fts MATCH ? LIMIT ?))";
        let sql = format!("SELECT {}", vec![probe; words.len()].join(", "));
        let mut q = sqlx::query(&sql);
        for word in &words {
            q = q.bind(fts_phrase(word)).bind(FTS_TERM_CAP as i64 + 1);
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
        let select = "SELECT m.key FROM memories_fts JOIN memories m ON m.key = memories_fts.rowid
             WHERE memories_fts MATCH ? AND m.profile_id = ? ORDER BY bm25(memories_fts) LIMIT ?";
        let ranked: Vec<i64> = sqlx::query_scalar(select)
            .bind(fts)
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
                .bind(query.join(" OR "))
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

    pub(super) async fn status(&self, profile_id: &str) -> Result<MemoryStatus> {
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

    fn spawn_reembed(&self) {
        if self.inner.reembedding.swap(true, Ordering::SeqCst) {
            return;
        }
        let engine = self.clone();
        tokio::spawn(async move {
            let result = engine.reembed().await;
            engine.inner.reembedding.store(false, Ordering::SeqCst);
            if let Err(e) = result {
                tracing::warn!("re-embedding memories stopped (it resumes on next start): {e}");
                engine.progress(
                    "memory.reembed",
                    None,
                    0,
                    0,
                    "Re-embedding memories stopped; it resumes later",
                );
            }
        });
    }

    /// Computes the vectors missing after a model change, oldest first, in small transactions, so it can
    /// stop at any point and resume on the next start.
    async fn reembed(&self) -> Result<()> {
        // Passes repeat while they make progress: a second model change during a pass re-nulls rows the
        // pass has already walked past.
        loop {
            // Stop when a pass stored nothing (done, or only rows that changed under it: next start).
            if self.reembed_pass().await? == 0 {
                return Ok(());
            }
        }
    }

    async fn reembed_pass(&self) -> Result<usize> {
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
        self.progress(
            "memory.reembed",
            None,
            0,
            total,
            "Updating memories for the new model",
        );
        loop {
            let rows: Vec<(i64, String, String)> = sqlx::query_as(
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
            let mut by_profile: HashMap<&str, Vec<(usize, Vec<f32>)>> = HashMap::new();
            for (i, v) in vectors.into_iter().enumerate() {
                by_profile
                    .entry(rows[i].1.as_str())
                    .or_default()
                    .push((i, v));
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
                bump_generation(&mut tx, profile_id).await?;
                tx.commit().await?;
                self.apply_to_index(profile_id, &pi, |index| index.add_batch(&keyed, 1))
                    .await;
            }
            done += rows.len();
            self.progress(
                "memory.reembed",
                None,
                done,
                total.max(done),
                "Updating memories for the new model",
            );
        }
        if stored > 0 {
            tracing::info!(count = stored, "memories re-embedded");
        }
        Ok(stored)
    }
}

impl ProfileIndex {
    fn new(path: PathBuf, index: VectorIndex, check: IndexCheck) -> Self {
        Self {
            path,
            index: StdRwLock::new(index),
            writer: Mutex::new(()),
            dirty: AtomicBool::new(false),
            save_scheduled: AtomicBool::new(false),
            check,
        }
    }
}
