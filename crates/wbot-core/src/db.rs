//! SQLite storage: one file per device, WAL, a single writer connection and a pool of readers.

use std::path::Path;
use std::str::FromStr;
use std::sync::{Arc, Mutex as StdMutex};
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteQueryResult, SqliteRow,
    SqliteSynchronous,
};
use sqlx::{Sqlite, SqlitePool, Transaction};

use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};

use crate::error::{CoreError, Reason, Result, Subject};
use crate::ids::ProfileId;

/// The database file's name inside the data directory.
pub const DB_FILE: &str = "wbot.db";
/// Held exclusively while a process has the data folder open; it holds that process's id.
pub const LOCK_FILE: &str = "wbot.lock";

/// The schema, embedded from `migrations/` at build time.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations");

/// Handles to the database: `read` for queries, `write` (one connection) for every change.
#[derive(Clone, Debug)]
pub struct Db {
    read: SqlitePool,
    write: SqlitePool,
    /// The data folder's lock, released by `close` (or when the last handle goes).
    lock: Arc<StdMutex<Option<std::fs::File>>>,
}

impl Db {
    /// Opens (creating if needed) and migrates the database in `data_dir`.
    pub async fn open(data_dir: &Path) -> Result<Self> {
        let folder_error = |e: std::io::Error| {
            CoreError::new(Reason::DataFolder).detail(format!("{}: {e}", data_dir.display()))
        };
        private_folder(data_dir).map_err(folder_error)?;
        let lock = lock_folder(data_dir)?;
        let path = data_dir.join(DB_FILE);
        let options = SqliteConnectOptions::from_str("sqlite:")?
            .filename(&path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // In WAL mode NORMAL keeps every committed transaction across a process kill.
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(5))
            .foreign_keys(true)
            // What is deleted is overwritten with zeros, not left in free pages of the file.
            .pragma("secure_delete", "on");
        let write = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options.clone())
            .await?;
        MIGRATOR.run(&write).await?;
        let read = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options.read_only(true))
            .await?;
        Ok(Self {
            read,
            write,
            lock: Arc::new(StdMutex::new(Some(lock))),
        })
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
        what: Subject,
        id: impl AsRef<str>,
        profile_id: &ProfileId,
    ) -> Result<SqliteRow> {
        let id = id.as_ref();
        sqlx::query(&format!(
            "SELECT {columns} FROM {table} WHERE id = ? AND profile_id = ?"
        ))
        .bind(id)
        .bind(profile_id)
        .fetch_optional(self.reader())
        .await?
        .ok_or_else(|| CoreError::not_found(what, id))
    }

    /// One page of `profile_id`'s rows of `table` in `order` (`limit` 1–`max`, default 20), and how
    /// many rows the profile has in all.
    pub async fn owned_page<R>(
        &self,
        table: &str,
        columns: &str,
        order: &str,
        profile_id: &ProfileId,
        page: Page,
        max: u32,
    ) -> Result<(Vec<R>, u32)>
    where
        R: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow> + Send + Unpin,
    {
        let (limit, offset) = (page.limit(20, max)?, page.offset);
        let rows: Vec<R> = sqlx::query_as(&format!(
            "SELECT {columns} FROM {table} WHERE profile_id = ? ORDER BY {order} LIMIT ? OFFSET ?"
        ))
        .bind(profile_id)
        .bind(i64::from(limit))
        .bind(i64::from(offset))
        .fetch_all(self.reader())
        .await?;
        let total: i64 = sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM {table} WHERE profile_id = ?"
        ))
        .bind(profile_id)
        .fetch_one(self.reader())
        .await?;
        Ok((rows, u32::try_from(total).unwrap_or(u32::MAX)))
    }

    /// Deletes one row of `table` by id when `profile_id` owns it, then [`Db::commit_deletion`];
    /// `not_found` (naming `what`) when that profile has no row with that id.
    pub async fn delete_owned(
        &self,
        table: &str,
        what: Subject,
        id: impl AsRef<str>,
        profile_id: &ProfileId,
    ) -> Result<()> {
        let id = id.as_ref();
        let mut tx = self.begin_write().await?;
        let deleted = sqlx::query(&format!(
            "DELETE FROM {table} WHERE id = ? AND profile_id = ?"
        ))
        .bind(id)
        .bind(profile_id)
        .execute(&mut *tx)
        .await?;
        changed_one(deleted, what, id)?;
        self.commit_deletion(tx).await
    }

    /// Commits a transaction that deleted a person's data, then copies the WAL into the database and
    /// truncates it: with `secure_delete`, the deleted bytes are then gone from every file at once, not
    /// kept in the WAL until SQLite's next automatic checkpoint. A checkpoint that cannot finish (a
    /// long read) is only logged: the data is deleted, and the next checkpoint completes it.
    pub async fn commit_deletion(&self, tx: Transaction<'static, Sqlite>) -> Result<()> {
        tx.commit().await?;
        if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&self.write)
            .await
        {
            tracing::warn!(error = %e, "the WAL was not checkpointed after a deletion");
        }
        Ok(())
    }

    /// A write transaction on the single writer, taking the write lock up front.
    pub async fn begin_write(&self) -> Result<Transaction<'static, Sqlite>> {
        Ok(self.write.begin_with("BEGIN IMMEDIATE").await?)
    }

    /// Closes both pools, flushing the WAL, and releases the data folder.
    pub async fn close(&self) {
        self.read.close().await;
        self.write.close().await;
        // Dropping the file releases the lock: another process may open the folder now.
        self.lock
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
    }
}

/// Takes the data folder's lock and writes this process's id in it, or `data_in_use` naming the process
/// that holds it (another app window, or the CLI).
fn lock_folder(dir: &Path) -> Result<std::fs::File> {
    use std::io::{Read, Write};
    let path = dir.join(LOCK_FILE);
    let folder_error = |e: std::io::Error| {
        CoreError::new(Reason::DataFolder).detail(format!("{}: {e}", path.display()))
    };
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(folder_error)?;
    match file.try_lock() {
        Ok(()) => {
            file.set_len(0).map_err(folder_error)?;
            write!(file, "{}", std::process::id()).map_err(folder_error)?;
            Ok(file)
        }
        Err(std::fs::TryLockError::WouldBlock) => {
            let mut holder = String::new();
            // The id is informative only; an unreadable one still refuses.
            let _ = file.read_to_string(&mut holder);
            Err(CoreError::new(Reason::DataInUse).value(holder.trim()))
        }
        Err(std::fs::TryLockError::Error(e)) => Err(folder_error(e)),
    }
}

/// Creates the data folder (and its parents) if needed, readable by this user only: on Unix its mode is
/// set to 0700 even when it existed.
fn private_folder(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// A value read back from the database; a value no migration allows is a bug, not bad input.
pub(crate) fn from_db<T: FromStr<Err = CoreError>>(raw: &str) -> Result<T> {
    raw.parse().map_err(|e: CoreError| {
        CoreError::internal(format!("unexpected value in the database: {e}"))
    })
}

/// Which part of a list to read: at most `limit` items (each list has its own default and maximum) after
/// skipping `offset`. The one paging shape of every list command.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, specta::Type,
)]
pub struct Page {
    pub limit: Option<u32>,
    pub offset: u32,
}

impl Page {
    /// `limit` items after `offset`.
    pub fn new(limit: u32, offset: u32) -> Self {
        Self {
            limit: Some(limit),
            offset,
        }
    }

    /// The limit to use: `default` when none was given; `out_of_range page_size` unless 1–`max`.
    pub(crate) fn limit(self, default: u32, max: u32) -> Result<u32> {
        limit_within(self.limit, default, max, Subject::PageSize)
    }
}

/// How many items a list or a search returns: `wanted`, else `default`; `out_of_range` naming `subject`
/// unless 1–`max`.
pub(crate) fn limit_within(
    wanted: Option<u32>,
    default: u32,
    max: u32,
    subject: Subject,
) -> Result<u32> {
    let limit = wanted.unwrap_or(default);
    if (1..=max).contains(&limit) {
        Ok(limit)
    } else {
        Err(CoreError::out_of_range(subject, 1.0, f64::from(max)).actual(f64::from(limit)))
    }
}

/// A time sent by the UI (RFC 3339, any offset); `what` names it in the error.
pub(crate) fn parse_time(raw: &str, what: Subject) -> Result<OffsetDateTime> {
    OffsetDateTime::parse(raw.trim(), &Rfc3339)
        .map_err(|_| CoreError::new(Reason::InvalidTime).subject(what).value(raw))
}

/// A time as stored: UTC, RFC 3339.
pub(crate) fn utc_text(t: OffsetDateTime) -> Result<String> {
    t.to_offset(UtcOffset::UTC)
        .format(&Rfc3339)
        .map_err(|e| CoreError::internal(format!("could not format a time ({e})")))
}

/// Now, in the device's current UTC offset (UTC when it cannot be read).
pub fn local_now() -> OffsetDateTime {
    let seconds = chrono::Local::now().offset().local_minus_utc();
    let offset = UtcOffset::from_whole_seconds(seconds).unwrap_or(UtcOffset::UTC);
    crate::clock::now_utc().to_offset(offset)
}

/// Now in the device's offset, as RFC 3339: how the core writes the start of an activity it times.
pub fn local_now_rfc3339() -> String {
    local_now().format(&Rfc3339).unwrap_or_default()
}

/// The calendar day of a time in the offset it carries, `YYYY-MM-DD`: an activity's day where the
/// person was (issue 12).
pub(crate) fn local_date(t: OffsetDateTime) -> String {
    date_text(t.date())
}

/// A calendar day as `YYYY-MM-DD`.
pub(crate) fn date_text(d: time::Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// A count read from SQLite (an `i64`) as a `u32`; 0 when it does not fit.
pub(crate) fn u32_of(v: i64) -> u32 {
    u32::try_from(v).unwrap_or(0)
}

/// Now, as the RFC 3339 text stored in the database.
pub fn now_rfc3339() -> String {
    crate::clock::now_utc().format(&Rfc3339).unwrap_or_default()
}

/// A write meant for the one row `id` of a profile: `not_found` naming `what` when it changed nothing
/// (the row is not there, or another profile owns it).
pub fn changed_one(result: SqliteQueryResult, what: Subject, id: impl AsRef<str>) -> Result<()> {
    match result.rows_affected() {
        0 => Err(CoreError::not_found(what, id)),
        _ => Ok(()),
    }
}
