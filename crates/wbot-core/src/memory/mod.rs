//! Memory: what Wbot remembers about a person, searched by meaning and by keyword.
//!
//! SQLite (`memories`, with the embedding as half floats) is the source of truth; the FTS5 table and the
//! per-profile HNSW index under `<data_dir>/index/` are derived from it and rebuilt when they disagree.
//! The embedding model runs on device (fastembed + ONNX Runtime), loaded on first use and released when idle.

mod embedder;
mod engine;
pub mod index;
mod paths;
pub mod search;
pub mod vector;

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

pub(crate) use embedder::ort_environment;
pub use embedder::{Embedder, Priority, TextRole, BATCH_SIZE, MAX_TOKENS};
pub use engine::MemoryEngine;
pub use index::VectorIndex;
pub use paths::EnvPaths;

use crate::db::{limit_within, Page};
use crate::error::{CoreError, ErrorCode, Result, Subject};
use crate::ids::{ConversationId, MemoryId, ProfileId};
use crate::profile::ProfileService;
use crate::text::{checked_text, string_enum};

/// The longest memory (and search text), in characters. Longer text is refused, never truncated.
pub const MAX_MEMORY_CHARS: usize = 8_000;
/// Most memories one `add_memories` call takes.
pub const MAX_BATCH: usize = 1_000;
/// How many memories a chat prompt gets.
pub const RECALL_COUNT: usize = 3;
/// The default [`MemoryConfig::recall_floor`].
pub const RECALL_FLOOR: f32 = 0.82;
/// The longest prompt block, in characters (the web version's cap).
pub const PROMPT_BLOCK_CHARS: usize = 2_000;
/// Candidates taken from each of the vector and full-text searches before fusion.
pub const CANDIDATES: usize = 50;
/// Most results one search returns.
pub const MAX_SEARCH_LIMIT: u32 = 50;
/// Most memories one page of the list returns.
pub const MAX_PAGE: u32 = 200;

/// Where the model and runtime are, and the engine's tuning. The shell builds it from the bundle's resource
/// directory ([`MemoryConfig::from_resource_dir`]); development uses the repository's `src-tauri/resources`.
#[derive(Debug, Clone, PartialEq)]
pub struct MemoryConfig {
    /// The ONNX Runtime shared library (≥ 1.24).
    pub runtime_path: PathBuf,
    /// The folder with model.onnx, tokenizer.json, config.json, special_tokens_map.json, tokenizer_config.json.
    pub model_dir: PathBuf,
    /// Recorded with the stored vectors; a different id re-embeds every memory.
    pub model_id: String,
    /// The model's output size.
    pub dimensions: u32,
    /// Put before a text that is searched with or classified (`query: ` for e5 models).
    pub query_prefix: String,
    /// Put before a text that is stored to be found (`passage: ` for e5 models).
    pub passage_prefix: String,
    /// The model is released after this long without use.
    pub idle_unload: Duration,
    /// ONNX Runtime intra-op threads. One keeps a 2-core machine responsive while embedding.
    pub embed_threads: usize,
    /// Searches that may run at once (more wait); the index reserves this many threads plus the writer's.
    pub max_concurrent_searches: usize,
    /// HNSW candidate list size while searching.
    pub expansion_search: usize,
    /// A chat prompt's recall drops memories below this cosine similarity to the message (unless they name
    /// one of its rare words); calibrated on the labelled retrieval set (docs/benchmarks.md).
    pub recall_floor: f32,
    /// An index is saved this long after its last change (changes are grouped; close saves at once).
    pub save_delay: Duration,
}

impl Default for MemoryConfig {
    fn default() -> Self {
        Self {
            runtime_path: PathBuf::new(),
            model_dir: PathBuf::new(),
            model_id: MODEL_ID.into(),
            dimensions: 384,
            query_prefix: "query: ".into(),
            passage_prefix: "passage: ".into(),
            idle_unload: Duration::from_secs(300),
            embed_threads: 1,
            max_concurrent_searches: 4,
            expansion_search: index::DEFAULT_EXPANSION_SEARCH,
            recall_floor: RECALL_FLOOR,
            save_delay: Duration::from_secs(2),
        }
    }
}

/// The bundled embedding model (ADR 0006), and its folder under `models/` in a resource directory.
pub const MODEL_ID: &str = "multilingual-e5-small";

/// The ONNX Runtime library's file name on this platform.
pub const RUNTIME_FILE: &str = if cfg!(target_os = "windows") {
    "onnxruntime.dll"
} else if cfg!(target_os = "macos") {
    "libonnxruntime.dylib"
} else {
    "libonnxruntime.so"
};

impl MemoryConfig {
    /// Paths inside a resource directory laid out like `src-tauri/resources`
    /// (`onnxruntime/<library>`, `models/multilingual-e5-small/`).
    pub fn from_resource_dir(dir: &Path) -> Self {
        Self {
            runtime_path: dir.join("onnxruntime").join(RUNTIME_FILE),
            model_dir: dir.join("models").join(MODEL_ID),
            ..Self::default()
        }
    }

    /// Paths from the environment alone ([`MemoryConfig::resolve`] with no bundle or checkout). Used by
    /// the core until the shell calls [`MemoryService::configure`].
    pub fn from_env() -> Self {
        Self::resolve(None, None, &EnvPaths::from_process()).0
    }
}

string_enum!(
    /// What a memory is: an `exchange` (a user message and the reply, from a conversation), a `note`
    /// (something the user wrote down to be remembered) or from the `journal`.
    MemoryKind { Exchange = "exchange", Note = "note", Journal = "journal" }
);

string_enum!(
    /// Where a memory came from: the `user` (added or edited), a `chat` exchange, or an `import`
    /// (e.g. `wbot memory import`).
    MemorySource { User = "user", Chat = "chat", Import = "import" }
);

/// One remembered thing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Memory {
    pub id: MemoryId,
    pub profile_id: ProfileId,
    /// The conversation it came from, if any.
    pub conversation_id: Option<ConversationId>,
    pub kind: MemoryKind,
    pub text: String,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339.
    pub updated_at: String,
    pub pinned: bool,
    pub source: MemorySource,
}

/// What adding a memory takes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct NewMemory {
    pub kind: MemoryKind,
    pub text: String,
    #[serde(default)]
    pub conversation_id: Option<ConversationId>,
    #[serde(default)]
    pub pinned: bool,
    pub source: MemorySource,
}

impl NewMemory {
    /// A note written by the user.
    pub fn note(text: impl Into<String>) -> Self {
        Self {
            kind: MemoryKind::Note,
            text: text.into(),
            conversation_id: None,
            pinned: false,
            source: MemorySource::User,
        }
    }
}

/// A search result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MemoryHit {
    pub memory: Memory,
    /// The rank's score: the cosine similarity, plus one when the memory names a rare word of the query
    /// (higher is more relevant; only the order is meaningful).
    pub score: f32,
    /// Cosine similarity between the query and the memory, in [-1, 1].
    pub similarity: f32,
    /// How many near-identical memories were folded into this one.
    pub duplicates: u32,
}

/// Options of a search.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SearchOptions {
    /// Results wanted (1–50; default 10).
    pub limit: Option<u32>,
    /// Minimum cosine similarity; by default none, so the best memories there are always come back.
    pub min_similarity: Option<f32>,
}

/// What a chat prompt gets from memory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Recall {
    /// At most [`RECALL_COUNT`] memories, most relevant first.
    pub memories: Vec<MemoryHit>,
    /// The memories as prompt text, at most [`PROMPT_BLOCK_CHARS`] characters; empty when none.
    pub block: String,
}

/// A page of the memory list (newest first).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MemoryPage {
    pub items: Vec<Memory>,
    /// Memories of the profile in all.
    pub total: u32,
    /// The offset of the next page, if there is one.
    pub next_offset: Option<u32>,
}

/// The state of a profile's vector index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum IndexHealth {
    /// Not opened yet in this session (it is checked on first use).
    NotLoaded,
    /// Being checked or rebuilt; searches wait for it.
    Rebuilding,
    /// In memory and in agreement with the database.
    Ready,
}

/// What the last check of an index file found when it was opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum IndexCheck {
    /// The file agreed with the database and was used.
    Loaded,
    /// There was no file: rebuilt.
    Missing,
    /// The file was older than the database (count, generation or model differed): rebuilt.
    Stale,
    /// The file could not be read: rebuilt.
    Corrupt,
}

/// What memory looks like for one profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MemoryStatus {
    pub model_id: String,
    pub dimensions: u32,
    /// Whether the model is in memory now.
    pub model_loaded: bool,
    /// Memories of the profile.
    pub count: u32,
    /// Vectors in the profile's index (equals `count - pendingEmbeddings` when healthy).
    pub indexed: u32,
    /// Memories still waiting for a vector (after a model change).
    pub pending_embeddings: u32,
    pub index: IndexHealth,
    pub last_check: Option<IndexCheck>,
    /// An index rebuild or a re-embedding is running.
    pub rebuild_in_progress: bool,
}

/// Trims and checks a memory (`Subject::Memory`) or a search (`Subject::SearchText`).
fn validate_text(raw: &str, subject: Subject) -> Result<String> {
    checked_text(raw, subject, MAX_MEMORY_CHARS)
}

/// What Wbot remembers, per profile: the rules (validation, limits, the recall floor) over the engine that
/// embeds, stores and searches.
#[derive(Debug, Clone)]
pub struct MemoryService {
    profiles: ProfileService,
    engine: MemoryEngine,
}

impl MemoryService {
    pub fn new(profiles: ProfileService, engine: MemoryEngine) -> Self {
        Self { profiles, engine }
    }

    /// The engine: the model, the indexes and the rows.
    pub fn engine(&self) -> &MemoryEngine {
        &self.engine
    }

    /// Embeds texts with the model as queries (L2-normalised vectors, in order).
    pub async fn embed_queries(&self, texts: &[String]) -> Result<Vec<Vec<f32>>> {
        self.engine.embed(texts, Priority::Interactive).await
    }

    /// Sets where the memory model and runtime are (the shell calls this once with its resource directory).
    /// A loaded model is released and reloaded from the new place on next use; a different model id
    /// re-embeds every memory in the background.
    pub async fn configure(&self, config: MemoryConfig) {
        self.engine.configure(config).await;
    }

    /// Remembers one thing for a profile (embedding it first; fails with `unavailable` when the model cannot
    /// load, and stores nothing then).
    pub async fn add_memory(&self, profile_id: &ProfileId, memory: NewMemory) -> Result<Memory> {
        let mut added = self.add_memories(profile_id, vec![memory]).await?;
        added
            .pop()
            .ok_or_else(|| CoreError::internal("a memory was not stored"))
    }

    /// Remembers many things at once (at most [`MAX_BATCH`]): all are validated first, embedded in batches
    /// and stored in one transaction, so either all or none are kept.
    pub async fn add_memories(
        &self,
        profile_id: &ProfileId,
        batch: Vec<NewMemory>,
    ) -> Result<Vec<Memory>> {
        let profile_id = self.profiles.require_profile(profile_id).await?;
        if batch.len() > MAX_BATCH {
            return Err(
                CoreError::out_of_range(Subject::MemoryBatch, 1.0, MAX_BATCH as f64)
                    .actual(batch.len() as f64),
            );
        }
        let several = batch.len() > 1;
        let mut checked = Vec::with_capacity(batch.len());
        for (i, mut m) in batch.into_iter().enumerate() {
            let at = |e: CoreError| {
                if several && e.code() == ErrorCode::Validation {
                    e.item(i as u32 + 1)
                } else {
                    e
                }
            };
            m.text = validate_text(&m.text, Subject::Memory).map_err(at)?;
            checked.push(m);
        }
        self.engine.add(&profile_id, checked).await
    }

    /// One memory of a profile; another profile's memory is `not_found`.
    pub async fn get_memory(&self, profile_id: &ProfileId, memory_id: &MemoryId) -> Result<Memory> {
        let profile_id = self.profiles.require_profile(profile_id).await?;
        self.engine.get(&profile_id, memory_id).await
    }

    /// A page of a profile's memories, newest first (`limit` 1–200, default 50).
    pub async fn list_memories(&self, profile_id: &ProfileId, page: Page) -> Result<MemoryPage> {
        let profile_id = self.profiles.require_profile(profile_id).await?;
        let limit = page.limit(50, MAX_PAGE)?;
        self.engine.list(&profile_id, page.offset, limit).await
    }

    /// Replaces a memory's text (and its vector).
    pub async fn update_memory(
        &self,
        profile_id: &ProfileId,
        memory_id: &MemoryId,
        text: &str,
    ) -> Result<Memory> {
        let profile_id = self.profiles.require_profile(profile_id).await?;
        let text = validate_text(text, Subject::Memory)?;
        self.engine.update_text(&profile_id, memory_id, text).await
    }

    /// Forgets one memory.
    pub async fn delete_memory(&self, profile_id: &ProfileId, memory_id: &MemoryId) -> Result<()> {
        let profile_id = self.profiles.require_profile(profile_id).await?;
        self.engine.delete(&profile_id, memory_id).await
    }

    /// Computes the vectors of memories stored without one (an import), with progress.
    pub(crate) async fn embed_pending(&self) -> Result<()> {
        self.engine.embed_pending().await
    }

    /// Removes a deleted profile's index (the rows went with the profile, by cascade).
    pub(crate) async fn drop_index(&self, profile_id: &ProfileId) {
        self.engine.profile_deleted(profile_id).await;
    }

    /// Forgets every memory of a profile; returns how many there were.
    pub async fn forget_all_memories(&self, profile_id: &ProfileId) -> Result<u32> {
        let profile_id = self.profiles.require_profile(profile_id).await?;
        self.engine.forget_all(&profile_id).await
    }

    /// Hybrid search (meaning + keywords) over a profile's memories.
    pub async fn search_memories(
        &self,
        profile_id: &ProfileId,
        query: &str,
        options: SearchOptions,
    ) -> Result<Vec<MemoryHit>> {
        let profile_id = self.profiles.require_profile(profile_id).await?;
        let query = validate_text(query, Subject::SearchText)?;
        let limit = limit_within(options.limit, 10, MAX_SEARCH_LIMIT, Subject::ResultCount)?;
        if let Some(s) = options.min_similarity {
            if !(-1.0..=1.0).contains(&s) {
                return Err(CoreError::out_of_range(Subject::MinSimilarity, -1.0, 1.0));
            }
        }
        self.engine
            .search(
                &profile_id,
                &query,
                None,
                limit as usize,
                options.min_similarity,
            )
            .await
    }

    /// The memories for a chat reply to `text`: the top [`RECALL_COUNT`] above the recall floor (or naming
    /// one of its rare words), and a prompt block of at most [`PROMPT_BLOCK_CHARS`] characters. `vector` is
    /// the text's query embedding when the caller has it (a chat turn embeds its message once).
    pub async fn recall_for_prompt(
        &self,
        profile_id: &ProfileId,
        text: &str,
        vector: Option<Vec<f32>>,
    ) -> Result<Recall> {
        let floor = self.engine.config().recall_floor;
        let memories = self
            .recall_with_floor(profile_id, text, vector, floor)
            .await?;
        let block = search::format_block(&memories, PROMPT_BLOCK_CHARS);
        Ok(Recall { memories, block })
    }

    /// The memories of [`MemoryService::recall_for_prompt`] at a given floor (the configured one there; others
    /// when calibrating it).
    pub async fn recall_with_floor(
        &self,
        profile_id: &ProfileId,
        text: &str,
        vector: Option<Vec<f32>>,
        floor: f32,
    ) -> Result<Vec<MemoryHit>> {
        let profile_id = self.profiles.require_profile(profile_id).await?;
        let text = validate_text(text, Subject::SearchText)?;
        self.engine
            .search(&profile_id, &text, vector, RECALL_COUNT, Some(floor))
            .await
    }

    /// Model, counts and index health for a profile (opens and checks its index if needed).
    pub async fn memory_status(&self, profile_id: &ProfileId) -> Result<MemoryStatus> {
        let profile_id = self.profiles.require_profile(profile_id).await?;
        self.engine.status(&profile_id).await
    }

    /// Saves every changed index now (call before closing; changes are otherwise saved shortly after).
    pub async fn flush(&self) -> Result<()> {
        self.engine.flush().await
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failing test should panic
mod tests {
    use super::*;

    #[test]
    fn text_validation() {
        assert_eq!(validate_text("  hi  ", Subject::Memory).unwrap(), "hi");
        assert_eq!(
            validate_text(" \n\t ", Subject::Memory).unwrap_err().code(),
            crate::ErrorCode::Validation
        );
        let long = "a".repeat(MAX_MEMORY_CHARS + 1);
        let err = validate_text(&long, Subject::Memory).unwrap_err();
        assert_eq!(err.to_string(), "too_long memory max=8000 actual=8001");
        assert!(validate_text(&"é".repeat(MAX_MEMORY_CHARS), Subject::Memory).is_ok());
        assert!(validate_text("a\0b", Subject::SearchText).is_err());
    }

    #[test]
    fn config_from_resource_dir() {
        let c = MemoryConfig::from_resource_dir(Path::new("/r"));
        assert_eq!(c.model_dir, Path::new("/r/models/multilingual-e5-small"));
        assert!(c.runtime_path.starts_with("/r/onnxruntime"));
    }
}
