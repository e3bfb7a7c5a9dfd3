//! Journal entries (SPEC §6, first part): a person writes to a prompt, with the time it took and their
//! mood before and after. The companion's journaling card starts one; the entry's summary then joins
//! the conversation.

use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::chat::{Activity, ActivitySummary, JournalCategory};
use crate::db::{from_db, now_rfc3339};
use crate::db::{Db, Page};
use crate::error::{CoreError, Reason, Result, Subject};
use crate::ids::{JournalEntryId, ProfileId};
use crate::profile::check_mood;
use crate::profile::ProfileService;
use crate::text::checked_text;

/// The longest entry, in characters (about 8,000 words). Longer text is refused, never cut.
pub const MAX_ENTRY_CHARS: usize = 50_000;
/// The longest prompt, in characters.
pub const MAX_PROMPT_CHARS: usize = 500;
/// The longest writing time recorded: a day (an editor left open overnight still saves).
pub const MAX_WRITING_MS: u32 = 24 * 60 * 60 * 1000;
/// Most entries of one page.
pub const MAX_PAGE: u32 = 100;

/// What saving an entry takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewJournalEntry {
    pub category: JournalCategory,
    pub prompt: String,
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
    pub category: JournalCategory,
    pub prompt: String,
    pub text: String,
    pub word_count: u32,
    pub writing_ms: u32,
    pub mood_before: Option<u8>,
    pub mood_after: Option<u8>,
    /// RFC 3339.
    pub created_at: String,
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

/// Checks an entry; returns it with the text and prompt trimmed.
fn validated(mut input: NewJournalEntry) -> Result<NewJournalEntry> {
    input.text = checked_text(&input.text, Subject::JournalEntry, MAX_ENTRY_CHARS)?;
    input.prompt = input.prompt.trim().to_string();
    if input.prompt.contains('\0') {
        return Err(CoreError::new(Reason::InvalidCharacters).subject(Subject::JournalPrompt));
    }
    if input.prompt.is_empty() || input.prompt.chars().count() > MAX_PROMPT_CHARS {
        return Err(CoreError::out_of_range(
            Subject::JournalPrompt,
            1.0,
            MAX_PROMPT_CHARS as f64,
        ));
    }
    if input.writing_ms > MAX_WRITING_MS {
        return Err(
            CoreError::out_of_range(Subject::WritingTime, 0.0, MAX_WRITING_MS as f64)
                .actual(input.writing_ms as f64),
        );
    }
    check_mood(input.mood_before, Subject::MoodBefore)?;
    check_mood(input.mood_after, Subject::MoodAfter)?;
    Ok(input)
}

const COLUMNS: &str =
    "id, category, prompt, text, word_count, writing_ms, mood_before, mood_after, created_at";

fn row_to_entry(row: &sqlx::sqlite::SqliteRow) -> Result<JournalEntry> {
    let category: String = row.try_get("category")?;
    Ok(JournalEntry {
        id: row.try_get("id")?,
        category: from_db(&category)?,
        prompt: row.try_get("prompt")?,
        text: row.try_get("text")?,
        word_count: row.try_get("word_count")?,
        writing_ms: row.try_get("writing_ms")?,
        mood_before: row.try_get("mood_before")?,
        mood_after: row.try_get("mood_after")?,
        created_at: row.try_get("created_at")?,
    })
}

/// Journal entries: saved, read back, listed.
#[derive(Debug, Clone)]
pub struct JournalService {
    db: Db,
    profiles: ProfileService,
}

impl JournalService {
    pub fn new(db: Db, profiles: ProfileService) -> Self {
        Self { db, profiles }
    }

    /// Saves a journal entry for a profile.
    pub async fn save_journal_entry(
        &self,
        profile_id: &ProfileId,
        input: NewJournalEntry,
    ) -> Result<JournalEntry> {
        let input = validated(input)?;
        let profile_id = self.profiles.require_profile(profile_id).await?;
        let entry = JournalEntry {
            id: JournalEntryId::new(),
            category: input.category,
            word_count: word_count(&input.text),
            prompt: input.prompt,
            text: input.text,
            writing_ms: input.writing_ms,
            mood_before: input.mood_before,
            mood_after: input.mood_after,
            created_at: now_rfc3339(),
        };
        let mut tx = self.db.begin_write().await?;
        sqlx::query(
            "INSERT INTO journal_entries (id, profile_id, category, prompt, text, word_count, writing_ms,
               mood_before, mood_after, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&entry.id)
        .bind(&profile_id)
        .bind(entry.category.as_str())
        .bind(&entry.prompt)
        .bind(&entry.text)
        .bind(entry.word_count)
        .bind(entry.writing_ms)
        .bind(entry.mood_before)
        .bind(entry.mood_after)
        .bind(&entry.created_at)
        .bind(&entry.created_at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
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
        let row = self
            .db
            .owned_row(
                "journal_entries",
                COLUMNS,
                Subject::JournalEntry,
                entry_id,
                &profile_id,
            )
            .await?;
        row_to_entry(&row)
    }

    /// A page of a profile's entries, newest first (`limit` 1–100, default 20).
    pub async fn list_journal_entries(
        &self,
        profile_id: &ProfileId,
        page: Page,
    ) -> Result<Vec<JournalEntry>> {
        let profile_id = self.profiles.require_profile(profile_id).await?;
        let (limit, offset) = (page.limit(20, MAX_PAGE)?, page.offset);
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM journal_entries WHERE profile_id = ?
             ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?"
        ))
        .bind(&profile_id)
        .bind(i64::from(limit))
        .bind(i64::from(offset))
        .fetch_all(self.db.reader())
        .await?;
        rows.iter().map(row_to_entry).collect()
    }
}

impl ActivitySummary {
    /// The summary of a saved journal entry (its words are not in it).
    pub fn of_journal(entry: &JournalEntry) -> Self {
        Self {
            activity: Activity::Journaling,
            technique: entry.category.as_str().to_string(),
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
            category: JournalCategory::Gratitude,
            prompt: "What went well today?".into(),
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
        assert!(validated(NewJournalEntry {
            prompt: " ".into(),
            ..entry("ok")
        })
        .is_err());
        assert!(validated(NewJournalEntry {
            writing_ms: MAX_WRITING_MS + 1,
            ..entry("ok")
        })
        .is_err());
        assert_eq!(validated(entry("  kept  ")).unwrap().text, "kept");
    }
}
