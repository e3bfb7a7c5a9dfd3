//! Journal entries (SPEC §6, first part): a person writes to a prompt, with the time it took and their
//! mood before and after. The companion's journaling card starts one; the entry's summary then joins
//! the conversation.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex, PoisonError};

use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::chat::{Activity, ActivitySummary, JournalCategory};
use crate::db::{changed_one, from_db, local_date, local_now, now_rfc3339, utc_text, Db, Page};
use crate::error::{CoreError, Reason, Result, Subject};
use crate::ids::{JournalEntryId, ProfileId};
use crate::memory::search::{fts_in_profile, fts_phrase, fts_terms};
use crate::memory::vector::{decode_f16, dot, encode_f16};
use crate::memory::{MemoryService, Priority};
use crate::mood::{check_mood, mood_columns, save_activity_moods, DayRange, MoodActivity};
use crate::profile::ProfileService;
use crate::text::{check_fits, checked_text};

/// The longest entry, in characters (about 8,000 words). Longer text is refused, never cut.
pub const MAX_ENTRY_CHARS: usize = 50_000;
/// The longest prompt, in characters.
pub const MAX_PROMPT_CHARS: usize = 500;
/// The longest writing time recorded: a day (an editor left open overnight still saves).
pub const MAX_WRITING_MS: u32 = 24 * 60 * 60 * 1000;
/// Most entries of one page.
pub const MAX_PAGE: u32 = 100;
/// The longest search, in characters.
pub const MAX_SEARCH_CHARS: usize = 500;
/// The longest span of days a list can be filtered to (ten years).
pub const MAX_FILTER_DAYS: i64 = 3_660;

/// What saving an entry takes. Free writing has no category and no prompt; a prompted entry has both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewJournalEntry {
    #[serde(default)]
    pub category: Option<JournalCategory>,
    /// The prompt as the person read it (in their language).
    #[serde(default)]
    pub prompt: Option<String>,
    pub text: String,
    /// Time spent writing, in milliseconds.
    pub writing_ms: u32,
    /// 1–5.
    #[serde(default)]
    pub mood_before: Option<u8>,
    /// 1–5.
    #[serde(default)]
    pub mood_after: Option<u8>,
}

/// A saved entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct JournalEntry {
    pub id: JournalEntryId,
    pub category: Option<JournalCategory>,
    pub prompt: Option<String>,
    pub text: String,
    pub word_count: u32,
    pub writing_ms: u32,
    pub favourite: bool,
    pub mood_before: Option<u8>,
    pub mood_after: Option<u8>,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339; the last edit (or `created_at`).
    pub updated_at: String,
}

/// A change to a saved entry's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JournalEdit {
    pub text: String,
    /// The entry's whole writing time, this edit included, in milliseconds.
    pub writing_ms: u32,
}

/// What the person is writing and has not saved yet (one per profile). `entry_id` is set when it edits a
/// saved entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JournalDraft {
    #[serde(default)]
    pub entry_id: Option<JournalEntryId>,
    #[serde(default)]
    pub category: Option<JournalCategory>,
    #[serde(default)]
    pub prompt: Option<String>,
    /// May be empty.
    pub text: String,
    pub writing_ms: u32,
    #[serde(default)]
    pub mood_before: Option<u8>,
    /// RFC 3339; set by the core when saved.
    #[serde(default)]
    pub updated_at: Option<String>,
}

/// How a search reads its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum JournalSearchMode {
    /// Every word must appear (word forms match).
    Words,
    /// Entries ranked by closeness of meaning to the words.
    Meaning,
}

/// Which entries to list. Empty: all of them, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JournalFilter {
    /// Words to search for; best matches first then.
    #[serde(default)]
    pub search: Option<String>,
    #[serde(default)]
    pub mode: Option<JournalSearchMode>,
    #[serde(default)]
    pub category: Option<JournalCategory>,
    #[serde(default)]
    pub favourites_only: bool,
    /// Written on these calendar days.
    #[serde(default)]
    pub days: Option<DayRange>,
}

/// One entry of a list, with how close it is to a search by meaning.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct JournalHit {
    pub entry: JournalEntry,
    /// Cosine similarity to the search (a search by meaning only).
    pub similarity: Option<f32>,
}

/// Words as a person counts them: runs of letters or digits (apostrophes and hyphens inside a word
/// keep it one word).
pub fn word_count(text: &str) -> u32 {
    let n = text
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Checks a prompt and its category (both or neither); returns the trimmed prompt.
fn checked_prompt(
    category: Option<JournalCategory>,
    prompt: Option<&str>,
) -> Result<Option<String>> {
    let prompt = prompt.map(str::trim).filter(|p| !p.is_empty());
    match (category, prompt) {
        (None, None) => Ok(None),
        (Some(_), Some(p)) => {
            if p.contains('\0') {
                return Err(
                    CoreError::new(Reason::InvalidCharacters).subject(Subject::JournalPrompt)
                );
            }
            if p.chars().count() > MAX_PROMPT_CHARS {
                return Err(CoreError::out_of_range(
                    Subject::JournalPrompt,
                    1.0,
                    MAX_PROMPT_CHARS as f64,
                ));
            }
            Ok(Some(p.to_string()))
        }
        // A category without its prompt, or a prompt without its category.
        _ => Err(CoreError::new(Reason::CategoryAndPrompt)),
    }
}

fn check_writing_ms(writing_ms: u32) -> Result<()> {
    if writing_ms > MAX_WRITING_MS {
        return Err(
            CoreError::out_of_range(Subject::WritingTime, 0.0, MAX_WRITING_MS as f64)
                .actual(f64::from(writing_ms)),
        );
    }
    Ok(())
}

/// Checks an entry; returns it with the text and prompt trimmed.
fn validated(mut input: NewJournalEntry) -> Result<NewJournalEntry> {
    input.text = checked_text(&input.text, Subject::JournalEntry, MAX_ENTRY_CHARS)?;
    input.prompt = checked_prompt(input.category, input.prompt.as_deref())?;
    check_writing_ms(input.writing_ms)?;
    check_mood(input.mood_before, Subject::MoodBefore)?;
    check_mood(input.mood_after, Subject::MoodAfter)?;
    Ok(input)
}

/// Checks a draft: its text may be empty, but not too long.
fn validated_draft(mut draft: JournalDraft) -> Result<JournalDraft> {
    check_fits(&draft.text, Subject::JournalDraft, MAX_ENTRY_CHARS)?;
    draft.prompt = checked_prompt(draft.category, draft.prompt.as_deref())?;
    check_writing_ms(draft.writing_ms)?;
    check_mood(draft.mood_before, Subject::MoodBefore)?;
    Ok(draft)
}

static COLUMNS: LazyLock<String> = LazyLock::new(|| {
    format!(
        "e.id, e.category, e.prompt, e.text, e.word_count, e.writing_ms, e.favourite, e.created_at, \
         e.updated_at, {}",
        mood_columns("e.id")
    )
});

fn row_to_entry(row: &sqlx::sqlite::SqliteRow) -> Result<JournalEntry> {
    let category: Option<String> = row.try_get("category")?;
    Ok(JournalEntry {
        id: row.try_get("id")?,
        category: category.as_deref().map(from_db).transpose()?,
        prompt: row.try_get("prompt")?,
        text: row.try_get("text")?,
        word_count: row.try_get("word_count")?,
        writing_ms: row.try_get("writing_ms")?,
        favourite: row.try_get("favourite")?,
        mood_before: row.try_get("mood_before")?,
        mood_after: row.try_get("mood_after")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

/// Each profile's entry vectors by row number, read from SQLite on the first search by meaning and
/// dropped on any change to the profile's entries (10,000 entries are 15 MB as f32).
type Vectors = Arc<Vec<(i64, Vec<f32>)>>;

type Query<'q> = sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>>;

/// The conditions every kind of list shares, on the entries as `e`, and the values they bind.
struct Filters<'a> {
    profile_id: &'a ProfileId,
    category: Option<JournalCategory>,
    /// The first instant of the first day and the first after the last, as stored.
    bounds: Option<(String, String)>,
    conditions: String,
}

impl<'a> Filters<'a> {
    fn new(
        profile_id: &'a ProfileId,
        filter: &JournalFilter,
        bounds: Option<(String, String)>,
    ) -> Self {
        let mut conditions = String::from("e.profile_id = ?");
        if filter.category.is_some() {
            conditions.push_str(" AND e.category = ?");
        }
        if filter.favourites_only {
            conditions.push_str(" AND e.favourite = 1");
        }
        if bounds.is_some() {
            conditions.push_str(" AND e.created_at >= ? AND e.created_at < ?");
        }
        Self {
            profile_id,
            category: filter.category,
            bounds,
            conditions,
        }
    }

    /// Binds the conditions' values, in the order they are written.
    fn bind<'q>(&self, mut q: Query<'q>) -> Query<'q> {
        q = q.bind(self.profile_id.clone());
        if let Some(category) = self.category {
            q = q.bind(category.as_str());
        }
        if let Some((start, end)) = &self.bounds {
            q = q.bind(start.clone()).bind(end.clone());
        }
        q
    }
}

/// Most entries a search by meaning embeds first (entries saved while the model was unavailable).
const EMBED_ON_SEARCH: i64 = 256;

/// Journal entries: saved, read back, edited, favourited, deleted, listed and searched, and the draft.
#[derive(Debug, Clone)]
pub struct JournalService {
    db: Db,
    profiles: ProfileService,
    memory: MemoryService,
    /// Each profile's vectors with the model they came from.
    vectors: Arc<Mutex<HashMap<ProfileId, (String, Vectors)>>>,
}

impl JournalService {
    pub fn new(db: Db, profiles: ProfileService, memory: MemoryService) -> Self {
        Self {
            db,
            profiles,
            memory,
            vectors: Arc::default(),
        }
    }

    fn forget_vectors(&self, profile_id: &ProfileId) {
        self.vectors
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(profile_id);
    }

    /// Drops what is kept in memory of a deleted profile.
    pub fn profile_deleted(&self, profile_id: &ProfileId) {
        self.forget_vectors(profile_id);
    }

    /// The text's vector with the model's id, or none when the model cannot be used now (the entry is
    /// saved anyway and embedded by the next search by meaning).
    async fn embed(&self, text: &str) -> Option<(String, Vec<u8>)> {
        match self
            .memory
            .engine()
            .embed_passages(&[text.to_string()], Priority::Interactive)
            .await
        {
            Ok((model, vectors)) => vectors.first().map(|v| (model, encode_f16(v))),
            Err(err) => {
                tracing::warn!(error = %err, "journal entry not embedded");
                None
            }
        }
    }

    /// Saves a journal entry for a profile, with the moods around it, and discards the profile's draft.
    pub async fn save_journal_entry(
        &self,
        profile_id: &ProfileId,
        input: NewJournalEntry,
    ) -> Result<JournalEntry> {
        let input = validated(input)?;
        let profile_id = self.profiles.require_profile(profile_id).await?;
        let local = local_now();
        let now = utc_text(local)?;
        let entry = JournalEntry {
            id: JournalEntryId::new(),
            category: input.category,
            word_count: word_count(&input.text),
            prompt: input.prompt,
            text: input.text,
            writing_ms: input.writing_ms,
            favourite: false,
            mood_before: input.mood_before,
            mood_after: input.mood_after,
            created_at: now.clone(),
            updated_at: now,
        };
        let embedding = self.embed(&entry.text).await;
        let mut tx = self.db.begin_write().await?;
        sqlx::query(
            "INSERT INTO journal_entries (id, profile_id, category, prompt, text, word_count, writing_ms,
               created_at, updated_at, embedding, embedding_model, local_date)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&entry.id)
        .bind(&profile_id)
        .bind(entry.category.map(JournalCategory::as_str))
        .bind(&entry.prompt)
        .bind(&entry.text)
        .bind(entry.word_count)
        .bind(entry.writing_ms)
        .bind(&entry.created_at)
        .bind(&entry.updated_at)
        .bind(embedding.as_ref().map(|(_, v)| v))
        .bind(embedding.as_ref().map(|(m, _)| m))
        .bind(local_date(local))
        .execute(&mut *tx)
        .await?;
        save_activity_moods(
            &mut tx,
            &profile_id,
            MoodActivity::Journaling,
            entry.id.as_str(),
            entry.mood_before.map(|m| (m, entry.created_at.as_str())),
            entry.mood_after.map(|m| (m, entry.created_at.as_str())),
        )
        .await?;
        sqlx::query("DELETE FROM journal_drafts WHERE profile_id = ?")
            .bind(&profile_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        self.forget_vectors(&profile_id);
        tracing::info!(profile = %profile_id, words = entry.word_count, "journal entry saved");
        Ok(entry)
    }

    /// One entry of a profile.
    pub async fn journal_entry(
        &self,
        profile_id: &ProfileId,
        entry_id: &JournalEntryId,
    ) -> Result<JournalEntry> {
        let profile_id = self.profiles.require_profile(profile_id).await?;
        let row = sqlx::query(&format!(
            "SELECT {columns} FROM journal_entries e WHERE e.id = ? AND e.profile_id = ?",
            columns = &*COLUMNS
        ))
        .bind(entry_id)
        .bind(&profile_id)
        .fetch_optional(self.db.reader())
        .await?
        .ok_or_else(|| CoreError::not_found(Subject::JournalEntry, entry_id))?;
        row_to_entry(&row)
    }

    /// Replaces an entry's words (and writing time); discards the profile's draft.
    pub async fn edit_journal_entry(
        &self,
        profile_id: &ProfileId,
        entry_id: &JournalEntryId,
        edit: JournalEdit,
    ) -> Result<JournalEntry> {
        let text = checked_text(&edit.text, Subject::JournalEntry, MAX_ENTRY_CHARS)?;
        check_writing_ms(edit.writing_ms)?;
        let profile_id = self.profiles.require_profile(profile_id).await?;
        let embedding = self.embed(&text).await;
        let mut tx = self.db.begin_write().await?;
        let done = sqlx::query(
            "UPDATE journal_entries SET text = ?, word_count = ?, writing_ms = ?, updated_at = ?,
               embedding = ?, embedding_model = ?
             WHERE id = ? AND profile_id = ?",
        )
        .bind(&text)
        .bind(word_count(&text))
        .bind(edit.writing_ms)
        .bind(now_rfc3339())
        .bind(embedding.as_ref().map(|(_, v)| v))
        .bind(embedding.as_ref().map(|(m, _)| m))
        .bind(entry_id)
        .bind(&profile_id)
        .execute(&mut *tx)
        .await?;
        changed_one(done, Subject::JournalEntry, entry_id)?;
        sqlx::query("DELETE FROM journal_drafts WHERE profile_id = ?")
            .bind(&profile_id)
            .execute(&mut *tx)
            .await?;
        // The old words are gone from every file, as with a deletion.
        self.db.commit_deletion(tx).await?;
        self.forget_vectors(&profile_id);
        self.journal_entry(&profile_id, entry_id).await
    }

    /// Marks an entry as a favourite or not.
    pub async fn set_journal_favourite(
        &self,
        profile_id: &ProfileId,
        entry_id: &JournalEntryId,
        favourite: bool,
    ) -> Result<JournalEntry> {
        let profile_id = self.profiles.require_profile(profile_id).await?;
        let mut tx = self.db.begin_write().await?;
        let done =
            sqlx::query("UPDATE journal_entries SET favourite = ? WHERE id = ? AND profile_id = ?")
                .bind(favourite)
                .bind(entry_id)
                .bind(&profile_id)
                .execute(&mut *tx)
                .await?;
        changed_one(done, Subject::JournalEntry, entry_id)?;
        tx.commit().await?;
        self.journal_entry(&profile_id, entry_id).await
    }

    /// Deletes an entry and the moods given around it; nothing of it is left in the files.
    pub async fn delete_journal_entry(
        &self,
        profile_id: &ProfileId,
        entry_id: &JournalEntryId,
    ) -> Result<()> {
        let profile_id = self.profiles.require_profile(profile_id).await?;
        let mut tx = self.db.begin_write().await?;
        let done = sqlx::query("DELETE FROM journal_entries WHERE id = ? AND profile_id = ?")
            .bind(entry_id)
            .bind(&profile_id)
            .execute(&mut *tx)
            .await?;
        changed_one(done, Subject::JournalEntry, entry_id)?;
        sqlx::query("DELETE FROM journal_drafts WHERE profile_id = ? AND entry_id = ?")
            .bind(&profile_id)
            .bind(entry_id)
            .execute(&mut *tx)
            .await?;
        self.db.commit_deletion(tx).await?;
        self.forget_vectors(&profile_id);
        tracing::info!(profile = %profile_id, "journal entry deleted");
        Ok(())
    }

    /// A page of a profile's entries (`limit` 1–100, default 20): newest first, or best first for a
    /// search; filtered by category, favourites and calendar days.
    pub async fn list_journal_entries(
        &self,
        profile_id: &ProfileId,
        filter: JournalFilter,
        page: Page,
    ) -> Result<Vec<JournalHit>> {
        let (limit, offset) = (page.limit(20, MAX_PAGE)?, page.offset);
        let search = match filter.search.as_deref() {
            Some(raw) if !raw.trim().is_empty() => {
                Some(checked_text(raw, Subject::SearchText, MAX_SEARCH_CHARS)?)
            }
            _ => None,
        };
        let bounds = filter
            .days
            .as_ref()
            .map(|d| d.checked(MAX_FILTER_DAYS)?.bounds())
            .transpose()?;
        let profile_id = self.profiles.require_profile(profile_id).await?;
        let filters = Filters::new(&profile_id, &filter, bounds);

        // Newest first, or by the words' rank; a search by meaning ranks in memory (`by_meaning`).
        let (from, matching, order, fts) =
            match (search, filter.mode.unwrap_or(JournalSearchMode::Words)) {
                (None, _) => (
                    "journal_entries e",
                    "",
                    "e.created_at DESC, e.id DESC",
                    None,
                ),
                (Some(words), JournalSearchMode::Words) => {
                    let terms = fts_terms(&words);
                    if terms.is_empty() {
                        return Ok(Vec::new());
                    }
                    let all: Vec<String> = terms.iter().map(|t| fts_phrase(t)).collect();
                    (
                        "journal_fts JOIN journal_entries e ON e.seq = journal_fts.rowid",
                        "journal_fts MATCH ? AND ",
                        "bm25(journal_fts, 1.0, 0.5, 0.0), e.created_at DESC",
                        Some(fts_in_profile(
                            &profile_id,
                            "{text prompt}",
                            &all.join(" AND "),
                        )),
                    )
                }
                (Some(words), JournalSearchMode::Meaning) => {
                    return self.by_meaning(words, &filters, limit, offset).await;
                }
            };
        let sql = format!(
            "SELECT {columns} FROM {from} WHERE {matching}{conditions}
             ORDER BY {order} LIMIT ? OFFSET ?",
            columns = &*COLUMNS,
            conditions = filters.conditions
        );
        let mut query = sqlx::query(&sql);
        if let Some(fts) = fts {
            query = query.bind(fts);
        }
        let rows = filters
            .bind(query)
            .bind(i64::from(limit))
            .bind(i64::from(offset))
            .fetch_all(self.db.reader())
            .await?;
        rows.iter()
            .map(|r| {
                Ok(JournalHit {
                    entry: row_to_entry(r)?,
                    similarity: None,
                })
            })
            .collect()
    }

    /// The entries the filters let through, closest in meaning to `words` first: the profile's vectors
    /// are ranked in memory, then the best rows read by row number.
    async fn by_meaning(
        &self,
        words: String,
        filters: &Filters<'_>,
        limit: u32,
        offset: u32,
    ) -> Result<Vec<JournalHit>> {
        let query = self.memory.embed_queries(&[words]).await?;
        let query = query
            .first()
            .ok_or_else(|| CoreError::internal("no query vector"))?;
        let vectors = self.vectors_of(filters.profile_id).await?;
        let mut ranked: Vec<(f32, i64)> = vectors
            .iter()
            .map(|(seq, v)| (dot(query, v), *seq))
            .collect();
        ranked.sort_unstable_by(|a, b| b.0.total_cmp(&a.0));
        // Walk the ranking in chunks, keeping the entries the filters let through.
        let wanted = (offset + limit) as usize;
        let mut hits: Vec<JournalHit> = Vec::new();
        for chunk in ranked.chunks((wanted * 2).max(40)) {
            let marks = vec!["?"; chunk.len()].join(", ");
            // By row number: SQLite then reads just these rows.
            let sql = format!(
                "SELECT e.seq, {columns} FROM journal_entries e
                 WHERE e.seq IN ({marks}) AND {conditions}",
                columns = &*COLUMNS,
                conditions = filters.conditions
            );
            let mut q = sqlx::query(&sql);
            for (_, seq) in chunk {
                q = q.bind(*seq);
            }
            let rows = filters.bind(q).fetch_all(self.db.reader()).await?;
            let mut found: HashMap<i64, JournalEntry> = rows
                .iter()
                .map(|r| Ok((r.try_get("seq")?, row_to_entry(r)?)))
                .collect::<Result<_>>()?;
            for (similarity, seq) in chunk {
                if let Some(entry) = found.remove(seq) {
                    hits.push(JournalHit {
                        entry,
                        similarity: Some(*similarity),
                    });
                }
            }
            if hits.len() >= wanted {
                break;
            }
        }
        Ok(hits
            .into_iter()
            .skip(offset as usize)
            .take(limit as usize)
            .collect())
    }

    /// The profile's entry vectors from the configured model, embedding first (in bulk) up to
    /// [`EMBED_ON_SEARCH`] entries that have none.
    async fn vectors_of(&self, profile_id: &ProfileId) -> Result<Vectors> {
        let model = self.memory.engine().model_id();
        if let Some((cached_model, vectors)) = self
            .vectors
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(profile_id)
        {
            if *cached_model == model {
                return Ok(vectors.clone());
            }
        }
        let missing: Vec<(JournalEntryId, String)> = sqlx::query_as(
            "SELECT id, text FROM journal_entries
             WHERE profile_id = ? AND embedding_model IS NOT ? LIMIT ?",
        )
        .bind(profile_id)
        .bind(&model)
        .bind(EMBED_ON_SEARCH)
        .fetch_all(self.db.reader())
        .await?;
        if !missing.is_empty() {
            let texts: Vec<String> = missing.iter().map(|(_, t)| t.clone()).collect();
            let (model, vectors) = self
                .memory
                .engine()
                .embed_passages(&texts, Priority::Bulk)
                .await?;
            let mut tx = self.db.begin_write().await?;
            for ((id, _), vector) in missing.iter().zip(&vectors) {
                sqlx::query(
                    "UPDATE journal_entries SET embedding = ?, embedding_model = ?
                     WHERE id = ? AND profile_id = ?",
                )
                .bind(encode_f16(vector))
                .bind(&model)
                .bind(id)
                .bind(profile_id)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
        }
        let rows: Vec<(i64, Vec<u8>)> = sqlx::query_as(
            "SELECT seq, embedding FROM journal_entries
             WHERE profile_id = ? AND embedding_model = ? AND embedding IS NOT NULL",
        )
        .bind(profile_id)
        .bind(&model)
        .fetch_all(self.db.reader())
        .await?;
        let vectors: Vectors = Arc::new(
            rows.into_iter()
                .filter_map(|(seq, blob)| Some((seq, decode_f16(&blob, blob.len() / 2)?)))
                .collect(),
        );
        self.vectors
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(profile_id.clone(), (model, vectors.clone()));
        Ok(vectors)
    }

    /// Keeps what the person is writing (one draft per profile, replaced each time).
    pub async fn save_journal_draft(
        &self,
        profile_id: &ProfileId,
        draft: JournalDraft,
    ) -> Result<JournalDraft> {
        let mut draft = validated_draft(draft)?;
        let profile_id = self.profiles.require_profile(profile_id).await?;
        if let Some(entry_id) = &draft.entry_id {
            self.journal_entry(&profile_id, entry_id).await?;
        }
        draft.updated_at = Some(now_rfc3339());
        let mut tx = self.db.begin_write().await?;
        sqlx::query(
            "INSERT INTO journal_drafts (profile_id, entry_id, category, prompt, text, writing_ms,
               mood_before, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (profile_id) DO UPDATE SET entry_id = excluded.entry_id,
               category = excluded.category, prompt = excluded.prompt, text = excluded.text,
               writing_ms = excluded.writing_ms, mood_before = excluded.mood_before,
               updated_at = excluded.updated_at",
        )
        .bind(&profile_id)
        .bind(&draft.entry_id)
        .bind(draft.category.map(JournalCategory::as_str))
        .bind(&draft.prompt)
        .bind(&draft.text)
        .bind(draft.writing_ms)
        .bind(draft.mood_before)
        .bind(&draft.updated_at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(draft)
    }

    /// The profile's unsaved draft, if any.
    pub async fn journal_draft(&self, profile_id: &ProfileId) -> Result<Option<JournalDraft>> {
        let profile_id = self.profiles.require_profile(profile_id).await?;
        let row = sqlx::query(
            "SELECT entry_id, category, prompt, text, writing_ms, mood_before, updated_at
             FROM journal_drafts WHERE profile_id = ?",
        )
        .bind(&profile_id)
        .fetch_optional(self.db.reader())
        .await?;
        row.map(|row| {
            let category: Option<String> = row.try_get("category")?;
            Ok(JournalDraft {
                entry_id: row.try_get("entry_id")?,
                category: category.as_deref().map(from_db).transpose()?,
                prompt: row.try_get("prompt")?,
                text: row.try_get("text")?,
                writing_ms: row.try_get("writing_ms")?,
                mood_before: row.try_get("mood_before")?,
                updated_at: row.try_get("updated_at")?,
            })
        })
        .transpose()
    }

    /// Throws the profile's draft away.
    pub async fn discard_journal_draft(&self, profile_id: &ProfileId) -> Result<()> {
        let profile_id = self.profiles.require_profile(profile_id).await?;
        let mut tx = self.db.begin_write().await?;
        sqlx::query("DELETE FROM journal_drafts WHERE profile_id = ?")
            .bind(&profile_id)
            .execute(&mut *tx)
            .await?;
        self.db.commit_deletion(tx).await
    }
}

impl ActivitySummary {
    /// The summary of a saved journal entry (its words are not in it).
    pub fn of_journal(entry: &JournalEntry) -> Self {
        Self {
            activity: Activity::Journaling,
            technique: entry
                .category
                .map_or("free", JournalCategory::as_str)
                .to_string(),
            duration_ms: entry.writing_ms,
            completed: true,
            mood_before: entry.mood_before,
            mood_after: entry.mood_after,
            session_id: entry.id.to_string(),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failing test should panic
mod tests {
    use super::*;

    fn entry(text: &str) -> NewJournalEntry {
        NewJournalEntry {
            category: Some(JournalCategory::Gratitude),
            prompt: Some("What went well today?".into()),
            text: text.into(),
            writing_ms: 60_000,
            mood_before: Some(2),
            mood_after: Some(4),
        }
    }

    #[test]
    fn words_are_counted_as_people_count_them() {
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count("  — … "), 0);
        assert_eq!(word_count("I didn't give up, well-rested and 3 cups."), 8);
        assert_eq!(word_count("línea\nnueva  palabra"), 3);
    }

    #[test]
    fn entries_are_checked() {
        assert!(validated(entry("  ")).is_err());
        assert!(validated(entry(&"a".repeat(MAX_ENTRY_CHARS + 1))).is_err());
        assert!(validated(entry(&"é".repeat(MAX_ENTRY_CHARS))).is_ok());
        assert!(validated(NewJournalEntry {
            mood_after: Some(6),
            ..entry("ok")
        })
        .is_err());
        // A category needs its prompt, and a prompt its category; free writing has neither.
        assert!(validated(NewJournalEntry {
            prompt: Some(" ".into()),
            ..entry("ok")
        })
        .is_err());
        assert!(validated(NewJournalEntry {
            category: None,
            ..entry("ok")
        })
        .is_err());
        let free = validated(NewJournalEntry {
            category: None,
            prompt: None,
            ..entry("ok")
        })
        .unwrap();
        assert_eq!(free.prompt, None);
        assert!(validated(NewJournalEntry {
            writing_ms: MAX_WRITING_MS + 1,
            ..entry("ok")
        })
        .is_err());
        assert_eq!(validated(entry("  kept  ")).unwrap().text, "kept");
    }

    #[test]
    fn drafts_may_be_empty_but_not_too_long() {
        let draft = |text: String| JournalDraft {
            entry_id: None,
            category: None,
            prompt: None,
            text,
            writing_ms: 1_000,
            mood_before: None,
            updated_at: None,
        };
        assert!(validated_draft(draft(String::new())).is_ok());
        let err = validated_draft(draft("a".repeat(MAX_ENTRY_CHARS + 1))).unwrap_err();
        assert_eq!(
            (err.reason, err.params.subject),
            (Reason::TooLong, Some(Subject::JournalDraft))
        );
    }
}
