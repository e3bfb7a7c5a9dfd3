//! SQLite storage: one file per device, WAL, a single writer connection and a pool of readers.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteQueryResult, SqliteRow,
    SqliteSynchronous,
};
use sqlx::{Sqlite, SqlitePool, Transaction};

use crate::error::{CoreError, Result};

/// The database file's name inside the data directory.
pub const DB_FILE: &str = "wbot.db";

/// The schema, embedded from `migrations/` at build time.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations");

/// Handles to the database: `read` for queries, `write` (one connection) for every change.
#[derive(Clone, Debug)]
pub struct Db {
    read: SqlitePool,
    write: SqlitePool,
}

impl Db {
    /// Opens (creating if needed) and migrates the database in `data_dir`.
    pub async fn open(data_dir: &Path) -> Result<Self> {
        std::fs::create_dir_all(data_dir).map_err(|e| {
            crate::CoreError::Unavailable(format!(
                "The data folder {} could not be created ({e}).",
                data_dir.display()
            ))
        })?;
        let path = data_dir.join(DB_FILE);
        let options = SqliteConnectOptions::from_str("sqlite:")?
            .filename(&path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // In WAL mode NORMAL keeps every committed transaction across a process kill.
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(5))
            .foreign_keys(true);
        let write = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options.clone())
            .await?;
        MIGRATOR.run(&write).await?;
        let read = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options.read_only(true))
            .await?;
        Ok(Self { read, write })
    }

    /// The pool for queries.
    pub fn reader(&self) -> &SqlitePool {
        &self.read
    }

    /// The row of `table` with this `id` that `profile_id` owns (`columns` selected), or `not_found`
    /// naming `what`: another profile's row is simply not there.
    pub async fn owned_row(
        &self,
        table: &str,
        columns: &str,
        what: &str,
        id: &str,
        profile_id: &str,
    ) -> Result<SqliteRow> {
        sqlx::query(&format!(
            "SELECT {columns} FROM {table} WHERE id = ? AND profile_id = ?"
        ))
        .bind(id)
        .bind(profile_id)
        .fetch_optional(self.reader())
        .await?
        .ok_or_else(|| not_found(what, id))
    }

    /// A write transaction on the single writer, taking the write lock up front.
    pub async fn begin_write(&self) -> Result<Transaction<'static, Sqlite>> {
        Ok(self.write.begin_with("BEGIN IMMEDIATE").await?)
    }

    /// Closes both pools, flushing the WAL.
    pub async fn close(&self) {
        self.read.close().await;
        self.write.close().await;
    }
}

/// Now, as the RFC 3339 text stored in the database.
/// A value read back from the database; a value no migration allows is a bug, not bad input.
pub(crate) fn from_db<T: FromStr<Err = CoreError>>(raw: &str) -> Result<T> {
    raw.parse().map_err(|e: CoreError| {
        CoreError::Internal(format!("unexpected value in the database: {e}"))
    })
}

pub fn now_rfc3339() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// "There is no <what> with id <id>.": a row that does not exist, or that another profile owns.
pub fn not_found(what: &str, id: &str) -> CoreError {
    CoreError::NotFound(format!("There is no {what} with id {id}."))
}

/// A write meant for the one row `id` of a profile: `not_found` naming `what` when it changed nothing
/// (the row is not there, or another profile owns it).
pub fn changed_one(result: SqliteQueryResult, what: &str, id: &str) -> Result<()> {
    match result.rows_affected() {
        0 => Err(not_found(what, id)),
        _ => Ok(()),
    }
}
