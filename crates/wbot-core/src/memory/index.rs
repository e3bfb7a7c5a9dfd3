//! A thin, safe wrapper over one usearch HNSW index (cosine, f16, connectivity 16, expansion_add 64).
//!
//! usearch is thread-safe for concurrent searches only up to the number of threads reserved, and crashes
//! have been reported for save/compact during searches; callers (the engine) hold one writer and a bounded
//! number of readers, and reserve `threads` accordingly.

use std::path::Path;

use usearch::{Index, IndexOptions, MetricKind, ScalarKind};

use crate::error::{CoreError, Result};

/// HNSW graph degree (the web version's pgvector `m`).
pub const CONNECTIVITY: usize = 16;
/// Candidate list size while inserting (pgvector's `ef_construction`).
pub const EXPANSION_ADD: usize = 64;
/// Candidate list size while searching (docs/benchmarks.md, "Memory"): 128 already gives recall@10 ≥ 0.999
/// on our 100k benchmark set, but a more diverse 100k real-sentence set measured 0.974 at 128 (TOOLCHAIN.md);
/// 256 costs ~0.4 ms more per search, small beside the ~5 ms query embedding, for headroom on real data.
pub const DEFAULT_EXPANSION_SEARCH: usize = 256;

fn index_error(what: &str, err: impl std::fmt::Display) -> CoreError {
    CoreError::internal(format!("the memory index could not {what} ({err})"))
}

/// One HNSW index of unit vectors keyed by memory key.
pub struct VectorIndex {
    index: Index,
    dimensions: usize,
    threads: usize,
}

impl std::fmt::Debug for VectorIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VectorIndex")
            .field("dimensions", &self.dimensions)
            .field("size", &self.size())
            .finish()
    }
}

fn options(dimensions: usize, expansion_search: usize) -> IndexOptions {
    IndexOptions {
        dimensions,
        metric: MetricKind::Cos,
        quantization: ScalarKind::F16,
        connectivity: CONNECTIVITY,
        expansion_add: EXPANSION_ADD,
        expansion_search,
        multi: false,
    }
}

impl VectorIndex {
    /// An empty index for up to `threads` concurrent callers.
    pub fn new(dimensions: usize, expansion_search: usize, threads: usize) -> Result<Self> {
        let index = Index::new(&options(dimensions, expansion_search))
            .map_err(|e| index_error("be created", e))?;
        let this = Self {
            index,
            dimensions,
            threads: threads.max(1),
        };
        this.reserve(64)?;
        Ok(this)
    }

    /// Loads a saved index, refusing one whose header does not match (wrong dimensions, metric or scalar).
    pub fn load(
        path: &Path,
        dimensions: usize,
        expansion_search: usize,
        threads: usize,
    ) -> Result<Self> {
        let path_str = path
            .to_str()
            .ok_or_else(|| CoreError::internal("the memory index path is not valid UTF-8"))?;
        let meta = Index::metadata(path_str).map_err(|e| index_error("be read", e))?;
        if meta.dimensions as usize != dimensions
            || meta.metric != MetricKind::Cos
            || meta.quantization != ScalarKind::F16
            || meta.multi
        {
            return Err(CoreError::internal(format!(
                "the memory index file has {} dimensions / {:?} / {:?}, expected {dimensions} / Cos / F16",
                meta.dimensions, meta.metric, meta.quantization
            )));
        }
        let index = Index::new(&options(dimensions, expansion_search))
            .map_err(|e| index_error("be created", e))?;
        index
            .load(path_str)
            .map_err(|e| index_error("be loaded", e))?;
        // `load` restores the expansion values stored in the file; the configured one wins.
        index.change_expansion_search(expansion_search);
        let this = Self {
            index,
            dimensions,
            threads: threads.max(1),
        };
        this.reserve(this.size() + 64)?;
        Ok(this)
    }

    /// Makes room for `capacity` vectors in total (usearch fails adds beyond its reserved capacity).
    pub fn reserve(&self, capacity: usize) -> Result<()> {
        self.index
            .reserve_capacity_and_threads(capacity, self.threads)
            .map_err(|e| index_error("grow", e))
    }

    fn ensure_room(&self, extra: usize) -> Result<()> {
        let needed = self.index.size() + extra;
        if needed > self.index.capacity() {
            // Grow geometrically so a stream of single adds does not reallocate every time.
            self.reserve(needed.max(self.index.capacity() * 2).max(64))?;
        }
        Ok(())
    }

    /// Adds (or replaces) the vector under `key`.
    pub fn add(&self, key: u64, vector: &[f32]) -> Result<()> {
        if vector.len() != self.dimensions {
            return Err(CoreError::internal(format!(
                "a vector of {} numbers cannot go into an index of {}",
                vector.len(),
                self.dimensions
            )));
        }
        if self.index.contains(key) {
            // usearch refuses a second add under a key: an update is remove + add.
            self.remove(key)?;
        }
        self.ensure_room(1)?;
        self.index
            .add(key, vector)
            .map_err(|e| index_error("add a memory", e))
    }

    /// Adds many vectors, split over `workers` threads (used by rebuilds; usearch supports concurrent adds
    /// within the reserved thread count).
    pub fn add_batch(&self, items: &[(u64, Vec<f32>)], workers: usize) -> Result<()> {
        self.ensure_room(items.len())?;
        let workers = workers.clamp(1, self.threads);
        if workers == 1 || items.len() < 256 {
            for (key, v) in items {
                self.add(*key, v)?;
            }
            return Ok(());
        }
        let chunk = items.len().div_ceil(workers);
        std::thread::scope(|scope| {
            let handles: Vec<_> = items
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || part.iter().try_for_each(|(key, v)| self.add(*key, v)))
                })
                .collect();
            handles.into_iter().try_for_each(|h| {
                h.join()
                    .map_err(|_| CoreError::internal("an index worker panicked"))?
            })
        })
    }

    /// Removes `key` if present.
    pub fn remove(&self, key: u64) -> Result<()> {
        self.index
            .remove(key)
            .map(|_| ())
            .map_err(|e| index_error("remove a memory", e))
    }

    /// Whether `key` is in the index.
    pub fn contains(&self, key: u64) -> bool {
        self.index.contains(key)
    }

    /// The approximate `k` nearest keys with their cosine similarity, most similar first.
    pub fn search(&self, query: &[f32], k: usize) -> Result<Vec<(u64, f32)>> {
        if self.index.size() == 0 || k == 0 {
            return Ok(Vec::new());
        }
        let m = self
            .index
            .search(query, k)
            .map_err(|e| index_error("be searched", e))?;
        Ok(m.keys
            .into_iter()
            .zip(m.distances.into_iter().map(|d| 1.0 - d))
            .collect())
    }

    /// The exact `k` nearest keys (brute force), for measuring recall.
    pub fn exact_search(&self, query: &[f32], k: usize) -> Result<Vec<(u64, f32)>> {
        if self.index.size() == 0 || k == 0 {
            return Ok(Vec::new());
        }
        let m = self
            .index
            .exact_search(query, k)
            .map_err(|e| index_error("be searched", e))?;
        Ok(m.keys
            .into_iter()
            .zip(m.distances.into_iter().map(|d| 1.0 - d))
            .collect())
    }

    /// Changes how many candidates a search explores (speed against recall).
    pub fn set_expansion_search(&self, n: usize) {
        self.index.change_expansion_search(n);
    }

    /// Vectors in the index.
    pub fn size(&self) -> usize {
        self.index.size()
    }

    /// Bytes the index holds in memory (usearch's estimate).
    pub fn memory_usage(&self) -> usize {
        self.index.memory_usage()
    }

    /// Empties the index.
    pub fn clear(&self) -> Result<()> {
        self.index
            .reset()
            .map_err(|e| index_error("be cleared", e))?;
        self.reserve(64)
    }

    /// Saves to `path` through a temporary file and a rename, so a crash never leaves a half-written index
    /// under the real name.
    pub fn save(&self, path: &Path) -> Result<()> {
        let tmp = path.with_extension("usearch.tmp");
        let tmp_str = tmp
            .to_str()
            .ok_or_else(|| CoreError::internal("the memory index path is not valid UTF-8"))?;
        self.index
            .save(tmp_str)
            .map_err(|e| index_error("be saved", e))?;
        // On disk before it replaces the old file, and the rename on disk before this returns: a power
        // cut leaves the old index or the new one, never a file that is neither.
        let durable = || -> std::io::Result<()> {
            std::fs::File::open(&tmp)?.sync_all()?;
            std::fs::rename(&tmp, path)?;
            #[cfg(unix)]
            if let Some(dir) = path.parent() {
                std::fs::File::open(dir)?.sync_all()?;
            }
            Ok(())
        };
        durable().map_err(|e| index_error("be saved", e))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failing test should panic
mod tests {
    use super::*;

    fn unit(seed: u64, dims: usize) -> Vec<f32> {
        let mut x = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let mut v: Vec<f32> = (0..dims)
            .map(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                ((x >> 33) as f32 / (1u64 << 31) as f32) - 0.5
            })
            .collect();
        super::super::vector::normalize(&mut v);
        v
    }

    #[test]
    fn add_search_update_remove_save_load() {
        let dir = tempfile::tempdir().unwrap();
        let index = VectorIndex::new(32, 64, 2).unwrap();
        let items: Vec<(u64, Vec<f32>)> = (1..=300).map(|k| (k, unit(k, 32))).collect();
        index.add_batch(&items, 2).unwrap();
        assert_eq!(index.size(), 300);
        let hits = index.search(&unit(7, 32), 3).unwrap();
        assert_eq!(hits[0].0, 7);
        assert!(hits[0].1 > 0.99);
        index.add(7, &unit(1000, 32)).unwrap();
        assert_eq!(index.size(), 300);
        index.remove(8).unwrap();
        assert!(!index.contains(8));
        let path = dir.path().join("p.usearch");
        index.save(&path).unwrap();
        let loaded = VectorIndex::load(&path, 32, 64, 2).unwrap();
        assert_eq!(loaded.size(), 299);
        assert_eq!(loaded.search(&unit(1000, 32), 1).unwrap()[0].0, 7);
        assert!(VectorIndex::load(&path, 48, 64, 2).is_err());
        std::fs::write(&path, b"not an index").unwrap();
        assert!(VectorIndex::load(&path, 32, 64, 2).is_err());
    }
}
