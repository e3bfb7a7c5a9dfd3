//! Wbot's core: every rule of the product. It has no Tauri dependency; the desktop shell and the
//! `wbot` command line both drive it through [`Core`].

pub mod db;
pub mod error;
pub mod events;
pub mod ids;
pub mod profile;

use std::path::{Path, PathBuf};

pub use error::{CoreError, ErrorCode, Result};

/// The facade the shell holds in its state: one per data directory.
#[derive(Debug, Clone)]
pub struct Core {
    db: db::Db,
    data_dir: PathBuf,
    events: events::EventBus,
}

impl Core {
    /// Opens the core on a data directory, creating and migrating its database.
    pub async fn open(data_dir: impl AsRef<Path>) -> Result<Self> {
        let data_dir = data_dir.as_ref().to_path_buf();
        let db = db::Db::open(&data_dir).await?;
        tracing::info!("core opened");
        Ok(Self {
            db,
            data_dir,
            events: events::EventBus::default(),
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

    /// Flushes and closes storage.
    pub async fn close(&self) {
        self.db.close().await;
    }
}
