//! Wbot's core: every rule of the product. It has no Tauri dependency; the desktop shell and the
//! `wbot` command line both drive it through [`Core`].

pub mod audio;
pub mod breathing;
pub mod chat;
pub mod db;
pub mod error;
pub mod evaluation;
pub mod events;
pub mod ids;
pub mod journal;
pub mod meditation;
pub mod memory;
pub mod profile;

use std::path::{Path, PathBuf};

pub use error::{CoreError, ErrorCode, Result};

/// The facade the shell holds in its state: one per data directory.
#[derive(Debug, Clone)]
pub struct Core {
    db: db::Db,
    data_dir: PathBuf,
    events: events::EventBus,
    memory: memory::MemoryEngine,
    /// Opened on first use: opening a device takes time and most callers never play sound.
    audio: std::sync::Arc<std::sync::OnceLock<audio::AudioEngine>>,
    /// Breathing sessions running now, steered by run id.
    breathing_runs: breathing::LiveSessions,
    /// The chat client, where keys are kept, and the replies streaming now.
    chat: chat::turn::ChatRuntime,
}

impl Core {
    /// Opens the core on a data directory, creating and migrating its database.
    pub async fn open(data_dir: impl AsRef<Path>) -> Result<Self> {
        let data_dir = data_dir.as_ref().to_path_buf();
        let db = db::Db::open(&data_dir).await?;
        tracing::info!("core opened");
        let events = events::EventBus::default();
        Ok(Self {
            memory: memory::MemoryEngine::new(db.clone(), data_dir.clone(), events.clone()),
            db,
            data_dir,
            events,
            audio: Default::default(),
            breathing_runs: Default::default(),
            chat: chat::turn::ChatRuntime::new(
                std::sync::Arc::new(chat::secrets::KeychainSecretStore),
                chat::RetryPolicy::default(),
            )?,
        })
    }

    /// The directory holding this device's data.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The database handles, for domain modules.
    pub fn db(&self) -> &db::Db {
        &self.db
    }

    /// The core's notifications (progress of long jobs, ...).
    pub fn events(&self) -> &events::EventBus {
        &self.events
    }

    /// Saves running breathing sessions and the memory indexes, then flushes and closes storage.
    pub async fn close(&self) {
        self.save_running_breathing().await;
        if let Err(err) = self.flush_memory().await {
            // The index is derived: a failed save only means a rebuild on the next start.
            tracing::warn!(error = %err, "memory index not saved on close");
        }
        self.db.close().await;
    }
}
