//! Mood check-ins (SPEC §6): a 1–5 mood with optional emotions and a note, given on its own or before and
//! after an activity. Every mood lives in one table, `mood_checkins`; an activity's moods link to it by
//! the activity's id. The trend puts them on the person's calendar days, with the activities beside them.

use std::collections::BTreeMap;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use sqlx::{Row, Sqlite, Transaction};
use time::{Date, Duration, Time, UtcOffset};

use crate::db::{from_db, now_rfc3339, parse_time, utc_text, Db, Page};
use crate::error::{CoreError, Reason, Result, Subject};
use crate::ids::{CheckinId, ProfileId};
use crate::profile::ProfileService;
use crate::text::check_fits;

/// The longest note of a check-in, in characters.
pub const MAX_NOTE_CHARS: usize = 1_000;
/// Most check-ins of one page.
pub const MAX_PAGE: u32 = 200;
/// The longest trend, in days (a year and a day).
pub const MAX_TREND_DAYS: i64 = 366;

/// The emotions a check-in can name (a fixed list; the UI translates each code).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "snake_case")]
pub enum Emotion {
    Calm,
    Content,
    Grateful,
    Hopeful,
    Joyful,
    Proud,
    Loved,
    Energised,
    Tired,
    Bored,
    Sad,
    Lonely,
    Anxious,
    Stressed,
    Overwhelmed,
    Angry,
    Frustrated,
    Ashamed,
    Afraid,
    Numb,
}

impl Emotion {
    /// Every emotion, in the order the UI shows them.
    pub const ALL: [Self; 20] = [
        Self::Calm,
        Self::Content,
        Self::Grateful,
        Self::Hopeful,
        Self::Joyful,
        Self::Proud,
        Self::Loved,
        Self::Energised,
        Self::Tired,
        Self::Bored,
        Self::Sad,
        Self::Lonely,
        Self::Anxious,
        Self::Stressed,
        Self::Overwhelmed,
        Self::Angry,
        Self::Frustrated,
        Self::Ashamed,
        Self::Afraid,
        Self::Numb,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Calm => "calm",
            Self::Content => "content",
            Self::Grateful => "grateful",
            Self::Hopeful => "hopeful",
            Self::Joyful => "joyful",
            Self::Proud => "proud",
            Self::Loved => "loved",
            Self::Energised => "energised",
            Self::Tired => "tired",
            Self::Bored => "bored",
            Self::Sad => "sad",
            Self::Lonely => "lonely",
            Self::Anxious => "anxious",
            Self::Stressed => "stressed",
            Self::Overwhelmed => "overwhelmed",
            Self::Angry => "angry",
            Self::Frustrated => "frustrated",
            Self::Ashamed => "ashamed",
            Self::Afraid => "afraid",
            Self::Numb => "numb",
        }
    }
}

impl FromStr for Emotion {
    type Err = CoreError;

    fn from_str(raw: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|e| e.as_str() == raw.trim())
            .ok_or_else(|| {
                CoreError::new(Reason::InvalidValue)
                    .subject(Subject::Emotion)
                    .value(raw)
                    .expected(&Self::ALL.map(Self::as_str))
            })
    }
}

/// The activities a mood can be given around.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "snake_case")]
pub enum MoodActivity {
    Breathing,
    Meditation,
    Journaling,
}

impl MoodActivity {
    pub const ALL: [Self; 3] = [Self::Breathing, Self::Meditation, Self::Journaling];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Breathing => "breathing",
            Self::Meditation => "meditation",
            Self::Journaling => "journaling",
        }
    }

    /// The table of this activity's rows and the column that says when each happened (the one the
    /// table's index on the profile orders by).
    fn table(self) -> (&'static str, &'static str) {
        match self {
            Self::Breathing => ("breathing_sessions", "started_at"),
            Self::Meditation => ("meditation_sessions", "started_at"),
            Self::Journaling => ("journal_entries", "created_at"),
        }
    }
}

impl FromStr for MoodActivity {
    type Err = CoreError;

    fn from_str(raw: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|a| a.as_str() == raw)
            .ok_or_else(|| CoreError::new(Reason::InvalidValue).value(raw))
    }
}

/// Before or after an activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Moment {
    Before,
    After,
}

impl FromStr for Moment {
    type Err = CoreError;

    fn from_str(raw: &str) -> Result<Self> {
        match raw {
            "before" => Ok(Self::Before),
            "after" => Ok(Self::After),
            other => Err(CoreError::new(Reason::InvalidValue).value(other)),
        }
    }
}

/// A standalone check-in, as the person gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewCheckin {
    /// 1 (very low) – 5 (great).
    pub mood: u8,
    /// Emotion codes (`Emotion`), each at most once.
    #[serde(default)]
    pub emotions: Vec<String>,
    #[serde(default)]
    pub note: String,
    /// When it was felt (RFC 3339), for imports; now when absent. Never in the future.
    #[serde(default)]
    pub at: Option<String>,
}

/// A saved check-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Checkin {
    pub id: CheckinId,
    pub mood: u8,
    pub emotions: Vec<Emotion>,
    pub note: String,
    /// The activity it was given around, with the activity's id and the moment; none when standalone.
    pub activity: Option<MoodActivity>,
    pub activity_id: Option<String>,
    pub moment: Option<Moment>,
    /// RFC 3339, UTC.
    pub created_at: String,
}

/// A span of the person's calendar days, both ends included, and their offset from UTC (minutes east),
/// which says where each day begins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DayRange {
    /// `YYYY-MM-DD`.
    pub from: String,
    /// `YYYY-MM-DD`, not before `from`.
    pub to: String,
    /// −840 … 840.
    pub utc_offset_minutes: i16,
}

/// A checked day range: its days and the UTC instants that bound it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Days {
    pub from: Date,
    pub to: Date,
    pub offset: UtcOffset,
}

impl Days {
    /// The first instant of `from` and the first instant after `to`, as stored times (UTC RFC 3339).
    pub fn bounds(&self) -> Result<(String, String)> {
        let start = self
            .from
            .with_time(Time::MIDNIGHT)
            .assume_offset(self.offset);
        let end = (self.to + Duration::days(1))
            .with_time(Time::MIDNIGHT)
            .assume_offset(self.offset);
        Ok((utc_text(start)?, utc_text(end)?))
    }
}

pub(crate) fn parse_date(raw: &str) -> Result<Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(raw.trim(), &format).map_err(|_| {
        CoreError::new(Reason::InvalidFormat)
            .subject(Subject::Date)
            .value(raw)
    })
}

impl DayRange {
    /// Checks the range: dates as `YYYY-MM-DD`, `to` not before `from`, at most `max_days` days.
    pub(crate) fn checked(&self, max_days: i64) -> Result<Days> {
        let from = parse_date(&self.from)?;
        let to = parse_date(&self.to)?;
        if to < from {
            return Err(CoreError::new(Reason::EndBeforeStart).subject(Subject::DateRange));
        }
        let days = (to - from).whole_days() + 1;
        if days > max_days {
            return Err(
                CoreError::out_of_range(Subject::DateRange, 1.0, max_days as f64)
                    .actual(days as f64),
            );
        }
        let minutes = i32::from(self.utc_offset_minutes);
        if !(-840..=840).contains(&minutes) {
            return Err(CoreError::out_of_range(Subject::UtcOffset, -840.0, 840.0)
                .actual(f64::from(minutes)));
        }
        let offset = UtcOffset::from_whole_seconds(minutes * 60)
            .map_err(|e| CoreError::internal(format!("offset: {e}")))?;
        Ok(Days { from, to, offset })
    }
}

/// One calendar day of the trend: its check-ins' average and range (none on a day without any).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MoodDay {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub checkins: u32,
    pub average: Option<f64>,
    pub lowest: Option<u8>,
    pub highest: Option<u8>,
    /// Activities done that day (sessions started, entries written), by kind.
    pub activities: Vec<ActivityCount>,
}

/// How many of one kind of activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ActivityCount {
    pub activity: MoodActivity,
    pub count: u32,
}

/// How mood moved around one kind of activity, over the activities with a mood before and after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MoodChange {
    pub activity: MoodActivity,
    pub rated: u32,
    pub improved: u32,
    pub same: u32,
    pub declined: u32,
    /// Mean of after − before.
    pub average_change: f64,
}

/// Mood over a range of days, with the activities on the same days.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MoodTrend {
    /// Every day of the range, in order.
    pub days: Vec<MoodDay>,
    /// Per kind of activity done in the range (only kinds with moods before and after).
    pub changes: Vec<MoodChange>,
}

/// Mood check-ins: saved, listed, deleted, and the trend.
#[derive(Debug, Clone)]
pub struct MoodService {
    db: Db,
    profiles: ProfileService,
}

const COLUMNS: &str = "id, mood, emotions, note, activity, activity_id, moment, created_at";

fn row_to_checkin(row: &sqlx::sqlite::SqliteRow) -> Result<Checkin> {
    let emotions: String = row.try_get("emotions")?;
    let emotions: Vec<String> = serde_json::from_str(&emotions)?;
    let activity: Option<String> = row.try_get("activity")?;
    let moment: Option<String> = row.try_get("moment")?;
    Ok(Checkin {
        id: row.try_get("id")?,
        mood: row.try_get("mood")?,
        emotions: emotions.iter().map(|e| from_db(e)).collect::<Result<_>>()?,
        note: row.try_get("note")?,
        activity: activity.as_deref().map(from_db).transpose()?,
        activity_id: row.try_get("activity_id")?,
        moment: moment.as_deref().map(from_db).transpose()?,
        created_at: row.try_get("created_at")?,
    })
}

/// Checks an optional mood rating (1 very low … 5 great); `subject` names which one.
pub(crate) fn check_mood(mood: Option<u8>, subject: Subject) -> Result<()> {
    match mood {
        Some(m) if !(1..=5).contains(&m) => {
            Err(CoreError::out_of_range(subject, 1.0, 5.0).actual(f64::from(m)))
        }
        _ => Ok(()),
    }
}

/// The SQL that reads an activity row's mood before and after from its check-ins, as columns
/// `mood_before` and `mood_after`; `id` is the activity's id column, named with its table or alias (a bare
/// `id` would be the check-in's own).
pub(crate) fn mood_columns(id: &str) -> String {
    format!(
        "(SELECT mood FROM mood_checkins WHERE activity_id = {id} AND moment = 'before') AS mood_before, \
         (SELECT mood FROM mood_checkins WHERE activity_id = {id} AND moment = 'after') AS mood_after"
    )
}

/// Saves the moods given around an activity, in the transaction that saves the activity.
pub(crate) async fn save_activity_moods(
    tx: &mut Transaction<'static, Sqlite>,
    profile_id: &ProfileId,
    activity: MoodActivity,
    activity_id: &str,
    before: Option<(u8, &str)>,
    after: Option<(u8, &str)>,
) -> Result<()> {
    for (moment, given) in [("before", before), ("after", after)] {
        let Some((mood, at)) = given else { continue };
        sqlx::query(
            "INSERT INTO mood_checkins (id, profile_id, mood, activity, activity_id, moment, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (activity_id, moment) WHERE activity_id IS NOT NULL
             DO UPDATE SET mood = excluded.mood",
        )
        .bind(CheckinId::new())
        .bind(profile_id)
        .bind(mood)
        .bind(activity.as_str())
        .bind(activity_id)
        .bind(moment)
        .bind(at)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// A profile's latest mood of any kind (standalone or around an activity), with when it was given.
pub(crate) async fn latest_mood(db: &Db, profile_id: &ProfileId) -> Result<Option<(u8, String)>> {
    Ok(sqlx::query_as(
        "SELECT mood, created_at FROM mood_checkins WHERE profile_id = ?
         ORDER BY created_at DESC LIMIT 1",
    )
    .bind(profile_id)
    .fetch_optional(db.reader())
    .await?)
}

/// Checks a check-in; returns its emotions (sorted, once each), its trimmed note and its time.
fn validated(input: &NewCheckin) -> Result<(Vec<Emotion>, String, String)> {
    if !(1..=5).contains(&input.mood) {
        return Err(CoreError::out_of_range(Subject::Mood, 1.0, 5.0).actual(f64::from(input.mood)));
    }
    let mut emotions = input
        .emotions
        .iter()
        .map(|e| e.parse())
        .collect::<Result<Vec<Emotion>>>()?;
    emotions.sort();
    emotions.dedup();
    let note = input.note.trim().to_string();
    check_fits(&note, Subject::CheckinNote, MAX_NOTE_CHARS)?;
    let at = match &input.at {
        None => now_rfc3339(),
        Some(raw) => {
            let at = parse_time(raw, Subject::CheckinTime)?;
            if at > crate::clock::now_utc() + Duration::minutes(1) {
                return Err(CoreError::new(Reason::InvalidTime)
                    .subject(Subject::CheckinTime)
                    .value(raw));
            }
            utc_text(at)?
        }
    };
    Ok((emotions, note, at))
}

impl MoodService {
    pub fn new(db: Db, profiles: ProfileService) -> Self {
        Self { db, profiles }
    }

    /// Saves a standalone check-in.
    pub async fn add_checkin(&self, profile_id: &ProfileId, input: NewCheckin) -> Result<Checkin> {
        let (emotions, note, created_at) = validated(&input)?;
        let profile_id = self.profiles.require_profile(profile_id).await?;
        let checkin = Checkin {
            id: CheckinId::new(),
            mood: input.mood,
            emotions,
            note,
            activity: None,
            activity_id: None,
            moment: None,
            created_at,
        };
        let codes: Vec<&str> = checkin.emotions.iter().map(|e| e.as_str()).collect();
        let mut tx = self.db.begin_write().await?;
        sqlx::query(
            "INSERT INTO mood_checkins (id, profile_id, mood, emotions, note, created_at)
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(&checkin.id)
        .bind(&profile_id)
        .bind(checkin.mood)
        .bind(serde_json::to_string(&codes)?)
        .bind(&checkin.note)
        .bind(&checkin.created_at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        tracing::info!(profile = %profile_id, "mood check-in saved");
        Ok(checkin)
    }

    /// A page of a profile's check-ins of every kind, newest first (`limit` 1–200, default 50).
    pub async fn list_checkins(&self, profile_id: &ProfileId, page: Page) -> Result<Vec<Checkin>> {
        let profile_id = self.profiles.require_profile(profile_id).await?;
        let (limit, offset) = (page.limit(50, MAX_PAGE)?, page.offset);
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM mood_checkins WHERE profile_id = ?
             ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?"
        ))
        .bind(&profile_id)
        .bind(i64::from(limit))
        .bind(i64::from(offset))
        .fetch_all(self.db.reader())
        .await?;
        rows.iter().map(row_to_checkin).collect()
    }

    /// Deletes one check-in (standalone or an activity's).
    pub async fn delete_checkin(&self, profile_id: &ProfileId, id: &CheckinId) -> Result<()> {
        let profile_id = self.profiles.require_profile(profile_id).await?;
        self.db
            .delete_owned("mood_checkins", Subject::MoodCheckin, id, &profile_id)
            .await
    }

    /// Mood per calendar day over `range` (at most 366 days), the activities of each day, and how mood
    /// moved around each kind of activity in the range.
    pub async fn mood_trend(&self, profile_id: &ProfileId, range: &DayRange) -> Result<MoodTrend> {
        let days = range.checked(MAX_TREND_DAYS)?;
        let profile_id = self.profiles.require_profile(profile_id).await?;
        let (start, end) = days.bounds()?;

        // The person's calendar day of a stored time, in SQL: `date(time, '+60 minutes')`.
        let shift = format!("{:+} minutes", days.offset.whole_minutes());
        let mut by_day: BTreeMap<String, MoodDay> = BTreeMap::new();
        let mut date = Some(days.from);
        while let Some(day) = date.filter(|d| *d <= days.to) {
            let key = day.to_string();
            by_day.insert(
                key.clone(),
                MoodDay {
                    date: key,
                    checkins: 0,
                    average: None,
                    lowest: None,
                    highest: None,
                    activities: Vec::new(),
                },
            );
            date = day.next_day();
        }

        // Every mood of the range, standalone or around an activity, per day.
        let per_day: Vec<(String, i64, i64, u8, u8)> = sqlx::query_as(
            "SELECT date(created_at, ?) AS day, count(*), sum(mood), min(mood), max(mood)
             FROM mood_checkins WHERE profile_id = ? AND created_at >= ? AND created_at < ?
             GROUP BY day",
        )
        .bind(&shift)
        .bind(&profile_id)
        .bind(&start)
        .bind(&end)
        .fetch_all(self.db.reader())
        .await?;
        for (key, count, sum, lowest, highest) in per_day {
            if let Some(day) = by_day.get_mut(&key) {
                day.checkins = u32::try_from(count).unwrap_or(u32::MAX);
                day.average = Some(sum as f64 / count as f64);
                day.lowest = Some(lowest);
                day.highest = Some(highest);
            }
        }

        // The activities started each day (read from the index on the profile and the time).
        for activity in MoodActivity::ALL {
            let (table, when) = activity.table();
            let counts: Vec<(String, i64)> = sqlx::query_as(&format!(
                "SELECT date({when}, ?) AS day, count(*) FROM {table}
                 WHERE profile_id = ? AND {when} >= ? AND {when} < ? GROUP BY day"
            ))
            .bind(&shift)
            .bind(&profile_id)
            .bind(&start)
            .bind(&end)
            .fetch_all(self.db.reader())
            .await?;
            for (key, count) in counts {
                if let Some(day) = by_day.get_mut(&key) {
                    let count = u32::try_from(count).unwrap_or(u32::MAX);
                    day.activities.push(ActivityCount { activity, count });
                }
            }
        }

        // How mood moved around each kind of activity: after − before, for the activities of the range
        // with both (the unique index on the activity and the moment finds each pair).
        let deltas: Vec<(String, i64)> = sqlx::query_as(
            "SELECT b.activity, a.mood - b.mood FROM mood_checkins b
             JOIN mood_checkins a ON a.activity_id = b.activity_id AND a.moment = 'after'
             WHERE b.profile_id = ? AND b.moment = 'before' AND b.created_at >= ? AND b.created_at < ?",
        )
        .bind(&profile_id)
        .bind(&start)
        .bind(&end)
        .fetch_all(self.db.reader())
        .await?;
        let mut changes = Vec::new();
        for activity in MoodActivity::ALL {
            let of_kind: Vec<i64> = deltas
                .iter()
                .filter(|(kind, _)| kind == activity.as_str())
                .map(|(_, delta)| *delta)
                .collect();
            if of_kind.is_empty() {
                continue;
            }
            let count = |keep: fn(&i64) -> bool| {
                u32::try_from(of_kind.iter().filter(|d| keep(d)).count()).unwrap_or(u32::MAX)
            };
            let rated = u32::try_from(of_kind.len()).unwrap_or(u32::MAX);
            changes.push(MoodChange {
                activity,
                rated,
                improved: count(|d| *d > 0),
                same: count(|d| *d == 0),
                declined: count(|d| *d < 0),
                average_change: of_kind.iter().sum::<i64>() as f64 / f64::from(rated),
            });
        }

        let days = by_day.into_values().collect();
        Ok(MoodTrend { days, changes })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failing test should panic
mod tests {
    use super::*;

    fn checkin(mood: u8) -> NewCheckin {
        NewCheckin {
            mood,
            emotions: vec!["calm".into(), "tired".into(), "calm".into()],
            note: "  fine ".into(),
            at: None,
        }
    }

    #[test]
    fn checkins_are_checked() {
        let (emotions, note, _) = validated(&checkin(3)).unwrap();
        assert_eq!(emotions, vec![Emotion::Calm, Emotion::Tired]);
        assert_eq!(note, "fine");
        for mood in [0, 6] {
            let err = validated(&checkin(mood)).unwrap_err();
            assert_eq!(
                (err.reason, err.params.subject),
                (Reason::OutOfRange, Some(Subject::Mood))
            );
        }
        let err = validated(&NewCheckin {
            emotions: vec!["glum".into()],
            ..checkin(3)
        })
        .unwrap_err();
        assert_eq!(err.params.subject, Some(Subject::Emotion));
        assert_eq!(
            err.params.expected.as_ref().map(Vec::len),
            Some(Emotion::ALL.len())
        );
        let long = NewCheckin {
            note: "a".repeat(MAX_NOTE_CHARS + 1),
            ..checkin(3)
        };
        assert_eq!(validated(&long).unwrap_err().reason, Reason::TooLong);
        let future = NewCheckin {
            at: Some("2999-01-01T00:00:00Z".into()),
            ..checkin(3)
        };
        assert_eq!(validated(&future).unwrap_err().reason, Reason::InvalidTime);
    }

    #[test]
    fn day_ranges_are_checked_and_bounded_in_local_time() {
        let range = |from: &str, to: &str, offset: i16| DayRange {
            from: from.into(),
            to: to.into(),
            utc_offset_minutes: offset,
        };
        let days = range("2026-03-01", "2026-03-07", 60).checked(366).unwrap();
        let (start, end) = days.bounds().unwrap();
        assert_eq!(start, "2026-02-28T23:00:00Z");
        assert_eq!(end, "2026-03-07T23:00:00Z");
        let err = range("2026-03-07", "2026-03-01", 0)
            .checked(366)
            .unwrap_err();
        assert_eq!(
            (err.reason, err.params.subject),
            (Reason::EndBeforeStart, Some(Subject::DateRange))
        );
        let err = range("2026-3-1", "2026-03-07", 0).checked(366).unwrap_err();
        assert_eq!(err.params.subject, Some(Subject::Date));
        assert!(range("2025-01-01", "2026-03-07", 0).checked(366).is_err());
        assert!(range("2026-03-01", "2026-03-07", 900).checked(366).is_err());
    }
}
