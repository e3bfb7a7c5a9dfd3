//! The memory engine's state and storage: the embedder, one HNSW index per profile (one writer, bounded
//! concurrent searches) and the SQLite rows they are derived from.

mod indexes;
mod model;
mod reembed;
mod rows;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicI64};
use std::sync::{Arc, Mutex as StdMutex, PoisonError, RwLock as StdRwLock};

use sqlx::{Row, Sqlite, Transaction};
use tokio::sync::{Mutex, OnceCell, Semaphore};

use crate::db::{from_db, Db};
use crate::error::{CoreError, Result};
use crate::events::{CoreEvent, EventBus, Progress};
use crate::ids::ProfileId;

use super::embedder::Embedder;
use super::index::VectorIndex;
use super::{IndexCheck, Memory, MemoryConfig};

/// Rows read per step while rebuilding an index or re-embedding.
const REBUILD_PAGE: i64 = 4_096;
const REEMBED_PAGE: i64 = 256;
/// Threads used to insert into an index while rebuilding (the machine has 2 cores).
const REBUILD_WORKERS: usize = 2;

const MEMORY_COLUMNS: &str =
    "key, id, profile_id, conversation_id, kind, text, created_at, updated_at, pinned, source";

/// The memory engine a [`super::MemoryService`] owns. Cheap to clone.
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
    indexes: Mutex<HashMap<ProfileId, Arc<OnceCell<Arc<ProfileIndex>>>>>,
    /// Profiles whose index is being checked or rebuilt right now.
    opening: StdMutex<HashSet<ProfileId>>,
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
    /// The generation of the profile's memories (`memory_index_state.generation`) this index reflects:
    /// what a save records, so a file is trusted on open only when it holds every change.
    generation: AtomicI64,
    /// Dropped (a failed change, or the profile deleted): a save scheduled before must not write it.
    discarded: AtomicBool,
}

fn read_lock<T>(l: &StdRwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    l.read().unwrap_or_else(PoisonError::into_inner)
}

fn write_lock<T>(l: &StdRwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    l.write().unwrap_or_else(PoisonError::into_inner)
}

fn join_error(e: tokio::task::JoinError) -> CoreError {
    CoreError::internal(format!("a memory task stopped ({e})"))
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

/// Counts a change to the profile's memories in the same transaction; returns the new generation.
async fn bump_generation(
    tx: &mut Transaction<'static, Sqlite>,
    profile_id: &ProfileId,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO memory_index_state (profile_id, generation) VALUES (?, 1)
         ON CONFLICT (profile_id) DO UPDATE SET generation = generation + 1 RETURNING generation",
    )
    .bind(profile_id)
    .fetch_one(&mut **tx)
    .await?)
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

    fn progress(&self, job: &str, profile_id: Option<&ProfileId>, done: usize, total: usize) {
        self.inner.events.emit(CoreEvent::Progress(Progress {
            job: job.into(),
            profile_id: profile_id.cloned(),
            done: u32::try_from(done).unwrap_or(u32::MAX),
            total: u32::try_from(total).unwrap_or(u32::MAX),
        }));
    }
}

impl ProfileIndex {
    fn new(path: PathBuf, index: VectorIndex, check: IndexCheck, generation: i64) -> Self {
        Self {
            path,
            index: StdRwLock::new(index),
            writer: Mutex::new(()),
            dirty: AtomicBool::new(false),
            save_scheduled: AtomicBool::new(false),
            check,
            generation: AtomicI64::new(generation),
            discarded: AtomicBool::new(false),
        }
    }
}
