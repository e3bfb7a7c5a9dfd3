//! A profile's data in one file, and back (SPEC §8, issue 13 item 8; ADR 0015).
//!
//! An archive is a zip file holding:
//! - `wbot.json`: every row the profile owns, table by table, as stored (without derived data: the
//!   memory and journal vectors, the memory index) — what an import reads;
//! - `sessions.csv` and `checkins.csv`: breathing and meditation sessions, and mood check-ins, for a
//!   spreadsheet;
//! - `conversations/*.md` and `journal/*.md`: conversations and journal entries, to read.
//!
//! An import creates a new profile from `wbot.json` in one transaction, with new ids (so a profile can
//! be imported next to the one it was exported from), then computes the memory vectors again. API keys
//! never leave the keychain: a provider comes back without its key, and asks for it again.

mod readable;
mod rows;

use std::collections::{BTreeMap, HashMap};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use zip::write::SimpleFileOptions;

use crate::db::{now_rfc3339, Db, MIGRATOR};
use crate::error::{CoreError, Reason, Result, Subject};
use crate::events::{CoreEvent, EventBus, Progress};
use crate::ids::ProfileId;
use crate::memory::MemoryService;
use crate::profile::{validate_display_name, Profile, ProfileService};

use rows::{Row, TableColumns};

/// The version of the archive layout this build writes and reads.
pub const ARCHIVE_FORMAT: u32 = 1;
/// The largest `wbot.json` an import inflates, in bytes (a guard against a crafted archive).
pub const MAX_DATA_BYTES: u64 = 512 * 1024 * 1024;
/// The file inside an archive that an import reads.
const DATA_FILE: &str = "wbot.json";

/// The tables a profile's data lives in, in an order an import can insert them (a conversation
/// before its messages). What is derived (memory index state) or device-wide is not here.
const TABLES: &[&str] = &[
    "profiles",
    "settings",
    "onboarding",
    "chat_settings",
    "chat_providers",
    "breathing_safety",
    "conversations",
    "messages",
    "memories",
    "journal_entries",
    "journal_drafts",
    "mood_checkins",
    "breathing_sessions",
    "meditation_sessions",
    "meditation_series_days",
    "guided_listens",
    "reminders",
    "wellness_items",
];

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ArchiveSummary {
    /// Where the archive is.
    pub path: String,
    /// The rows it holds, over every table.
    pub rows: u32,
    /// Its size in bytes (at most `u32::MAX`).
    pub bytes: u32,
}

/// What an import created.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportedProfile {
    pub profile: Profile,
    /// The rows restored, over every table.
    pub rows: u32,
}

/// `wbot.json`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ArchiveData {
    format: u32,
    /// The last database migration of the build that wrote it.
    schema: i64,
    exported_at: String,
    /// The profile's rows by table, each in the order they were stored.
    tables: BTreeMap<String, Vec<Row>>,
}

/// Export and import of whole profiles.
#[derive(Debug, Clone)]
pub struct ArchiveService {
    db: Db,
    events: EventBus,
    profiles: ProfileService,
    memory: MemoryService,
}

impl ArchiveService {
    pub fn new(db: Db, events: EventBus, profiles: ProfileService, memory: MemoryService) -> Self {
        Self {
            db,
            events,
            profiles,
            memory,
        }
    }

    /// Writes everything `profile_id` owns to an archive at `path` (replacing a file there), with
    /// progress (`profile.export`, in rows). The archive appears whole or not at all.
    pub async fn export_profile(
        &self,
        profile_id: &ProfileId,
        path: &Path,
    ) -> Result<ArchiveSummary> {
        let profile_id = self.profiles.require_profile(profile_id).await?;
        let columns = TableColumns::read(&self.db, TABLES).await?;
        let mut total = 0;
        for table in TABLES {
            total += rows::count(&self.db, table, &profile_id).await?;
        }
        let mut done = 0;
        self.progress("profile.export", &profile_id, done, total);
        let mut tables = BTreeMap::new();
        for table in TABLES {
            let found = rows::read(&self.db, table, columns.of(table), &profile_id).await?;
            if !found.is_empty() {
                done += found.len();
                self.progress("profile.export", &profile_id, done, total);
            }
            tables.insert((*table).to_string(), found);
        }
        let data = ArchiveData {
            format: ARCHIVE_FORMAT,
            schema: schema_version(),
            exported_at: now_rfc3339(),
            tables,
        };
        let path = path.to_path_buf();
        let bytes =
            tokio::task::spawn_blocking(move || write_archive(&path, &data).map(|b| (path, b)))
                .await
                .map_err(|e| CoreError::internal(format!("export task failed ({e})")))?;
        let (path, bytes) = bytes?;
        tracing::info!(profile = %profile_id, rows = done, bytes, "profile exported");
        Ok(ArchiveSummary {
            path: path.display().to_string(),
            rows: u32::try_from(done).unwrap_or(u32::MAX),
            bytes: u32::try_from(bytes).unwrap_or(u32::MAX),
        })
    }

    /// Creates a new profile from an archive (it does not become the active one), with progress
    /// (`profile.import`, in rows); then computes its memories' vectors again (`memory.reembed`).
    /// Nothing is created unless every row is restored.
    pub async fn import_profile(
        &self,
        archive: impl Read + Seek + Send + 'static,
    ) -> Result<ImportedProfile> {
        let data = tokio::task::spawn_blocking(move || read_archive(archive))
            .await
            .map_err(|e| CoreError::internal(format!("import task failed ({e})")))??;
        let columns = TableColumns::read(&self.db, TABLES).await?;
        let plan = ImportPlan::check(&data, &columns)?;
        let profile_id = plan.profile_id.clone();
        let total = plan.count;
        let mut done = 0;
        self.progress("profile.import", &profile_id, done, total);
        let mut tx = self.db.begin_write().await?;
        for table in TABLES {
            for row in data
                .tables
                .get(*table)
                .map(Vec::as_slice)
                .unwrap_or_default()
            {
                let row = plan.restore(table, row);
                rows::insert(&mut tx, table, &row).await.map_err(|e| {
                    CoreError::new(Reason::InvalidFormat)
                        .subject(Subject::Archive)
                        .value(table)
                        .detail(e.to_string())
                })?;
                done += 1;
                if done % 500 == 0 {
                    self.progress("profile.import", &profile_id, done, total);
                }
            }
        }
        tx.commit().await?;
        self.progress("profile.import", &profile_id, done, total);
        tracing::info!(profile = %profile_id, rows = done, "profile imported");
        if let Err(e) = self.memory.embed_pending().await {
            // The rows are in; the vectors are computed on the next start.
            tracing::warn!(profile = %profile_id, "imported memories not embedded yet: {e}");
        }
        Ok(ImportedProfile {
            profile: self.profiles.profile(&profile_id).await?,
            rows: u32::try_from(done).unwrap_or(u32::MAX),
        })
    }

    fn progress(&self, job: &str, profile_id: &ProfileId, done: usize, total: usize) {
        self.events.emit(CoreEvent::Progress(Progress {
            job: job.into(),
            profile_id: Some(profile_id.clone()),
            done: u32::try_from(done).unwrap_or(u32::MAX),
            total: u32::try_from(total).unwrap_or(u32::MAX),
        }));
    }
}

/// A free name for today's archive in `folder`: `wbot-<date>.zip`, else `wbot-<date>-2.zip`, ...
pub fn archive_path_in(folder: &Path, local_date: &str) -> PathBuf {
    let mut path = folder.join(format!("wbot-{local_date}.zip"));
    let mut n = 2;
    while path.exists() {
        path = folder.join(format!("wbot-{local_date}-{n}.zip"));
        n += 1;
    }
    path
}

/// The last migration this build applies.
fn schema_version() -> i64 {
    MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0)
}

/// `file_access` for a file that could not be read or written: the error kind for the UI, the path
/// for the log.
pub fn file_error(path: &Path) -> impl Fn(std::io::Error) -> CoreError + '_ {
    move |e| {
        CoreError::new(Reason::FileAccess)
            .value(&format!("{:?}", e.kind()))
            .detail(format!("{}: {e}", path.display()))
    }
}

/// Writes the archive next to `path`, syncs it, then moves it into place; its size.
fn write_archive(path: &Path, data: &ArchiveData) -> Result<u64> {
    let part = path.with_extension("zip.part");
    let result = (|| {
        let file = std::fs::File::create(&part).map_err(file_error(&part))?;
        let mut zip = zip::ZipWriter::new(file);
        let now = time::OffsetDateTime::now_utc();
        let written = zip::DateTime::from_date_and_time(
            u16::try_from(now.year()).unwrap_or(1980),
            now.month().into(),
            now.day(),
            now.hour(),
            now.minute(),
            now.second(),
        )
        .unwrap_or_default();
        let options = SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(written);
        let mut add = |name: &str, bytes: &[u8]| -> Result<()> {
            zip.start_file(name, options)
                .map_err(|e| CoreError::internal(format!("zip: {e}")))?;
            zip.write_all(bytes).map_err(file_error(&part))
        };
        add(DATA_FILE, &serde_json::to_vec(data)?)?;
        for (name, text) in readable::files(&data.tables) {
            add(&name, text.as_bytes())?;
        }
        let file = zip
            .finish()
            .map_err(|e| CoreError::internal(format!("zip: {e}")))?;
        file.sync_all().map_err(file_error(&part))?;
        let bytes = file.metadata().map_err(file_error(&part))?.len();
        std::fs::rename(&part, path).map_err(file_error(path))?;
        Ok(bytes)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&part);
    }
    result
}

fn unreadable(detail: impl Into<String>) -> CoreError {
    CoreError::new(Reason::InvalidFormat)
        .subject(Subject::Archive)
        .detail(detail)
}

/// `wbot.json` from an archive, checked for its format and schema.
fn read_archive(archive: impl Read + Seek) -> Result<ArchiveData> {
    let mut zip =
        zip::ZipArchive::new(archive).map_err(|e| unreadable(format!("not a zip file ({e})")))?;
    let file = zip
        .by_name(DATA_FILE)
        .map_err(|e| unreadable(format!("no {DATA_FILE} ({e})")))?;
    if file.size() > MAX_DATA_BYTES {
        return Err(CoreError::new(Reason::TooLong)
            .subject(Subject::Archive)
            .max(MAX_DATA_BYTES as f64)
            .actual(file.size() as f64));
    }
    let mut text = Vec::new();
    file.take(MAX_DATA_BYTES + 1)
        .read_to_end(&mut text)
        .map_err(|e| unreadable(format!("{DATA_FILE} unreadable ({e})")))?;
    if text.len() as u64 > MAX_DATA_BYTES {
        return Err(CoreError::new(Reason::TooLong)
            .subject(Subject::Archive)
            .max(MAX_DATA_BYTES as f64));
    }
    // Only where the JSON went wrong goes to the log: serde's message may quote the person's words.
    let data: ArchiveData = serde_json::from_slice(&text).map_err(|e| {
        unreadable(format!(
            "{DATA_FILE}: {:?} error at line {} column {}",
            e.classify(),
            e.line(),
            e.column()
        ))
    })?;
    if data.format != ARCHIVE_FORMAT {
        return Err(CoreError::new(Reason::OutOfRange)
            .subject(Subject::ArchiveVersion)
            .min(1.0)
            .max(f64::from(ARCHIVE_FORMAT))
            .actual(f64::from(data.format)));
    }
    // Tables and columns only ever get added: an older archive imports with defaults for the new
    // columns; a newer one may hold what this build cannot store.
    if data.schema > schema_version() {
        return Err(CoreError::new(Reason::OutOfRange)
            .subject(Subject::ArchiveVersion)
            .max(schema_version() as f64)
            .actual(data.schema as f64));
    }
    Ok(data)
}

/// An archive's rows checked against this database, and the new id of everything they name.
struct ImportPlan {
    profile_id: ProfileId,
    /// Old id → new id, for every row's `id` (and the profile's).
    ids: HashMap<String, String>,
    /// Rows over every table.
    count: usize,
}

impl ImportPlan {
    /// Every table known, every column one of its table's, every value a plain one, every `id` a
    /// UUID, exactly one profile with a valid name, its settings and its onboarding answers.
    fn check(data: &ArchiveData, columns: &TableColumns) -> Result<Self> {
        let invalid = |what: &str| {
            CoreError::new(Reason::InvalidValue)
                .subject(Subject::Archive)
                .value(what)
        };
        let mut ids = HashMap::new();
        let mut count = 0;
        for (table, list) in &data.tables {
            let Some(known) = columns.get(table) else {
                return Err(invalid(table));
            };
            for row in list {
                for (column, value) in row {
                    if !known.iter().any(|c| c == column) {
                        return Err(invalid(&format!("{table}.{column}")));
                    }
                    if value.is_array() || value.is_object() {
                        return Err(invalid(&format!("{table}.{column}")));
                    }
                }
                if let Some(id) = row.get("id") {
                    let id = id
                        .as_str()
                        .and_then(|id| uuid::Uuid::parse_str(id).ok())
                        .ok_or_else(|| invalid(&format!("{table}.id")))?;
                    ids.insert(id.to_string(), uuid::Uuid::new_v4().to_string());
                }
                count += 1;
            }
        }
        // What every profile has: one row each of these.
        for table in ["settings", "onboarding"] {
            if data.tables.get(table).map(Vec::len) != Some(1) {
                return Err(invalid(table));
            }
        }
        let profile = match data.tables.get("profiles").map(Vec::as_slice) {
            Some([profile]) => profile,
            _ => return Err(invalid("profiles")),
        };
        let name = profile.get("display_name").and_then(|v| v.as_str());
        validate_display_name(name.unwrap_or_default())?;
        let old_id = profile
            .get("id")
            .and_then(|v| v.as_str())
            .ok_or_else(|| invalid("profiles.id"))?;
        let profile_id = ProfileId::parse(&ids[old_id])?;
        Ok(Self {
            profile_id,
            ids,
            count,
        })
    }

    /// The row as it goes in: ids (wherever they appear, JSON included) replaced by their new ones,
    /// owned by the new profile; a provider without its key.
    fn restore(&self, table: &str, row: &Row) -> Row {
        let mut row: Row = row
            .iter()
            .map(|(column, value)| {
                let value = match value {
                    serde_json::Value::String(text) => {
                        serde_json::Value::String(rows::replace_ids(text, &self.ids))
                    }
                    other => other.clone(),
                };
                (column.clone(), value)
            })
            .collect();
        row.insert(rows::owner(table).into(), self.profile_id.as_str().into());
        if table == "chat_providers" {
            row.insert("has_key".into(), 0.into());
        }
        row
    }
}
