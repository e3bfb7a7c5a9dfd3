//! Daily reminders (SPEC §7, issue 12): a check-in or practice reminder at a local time on chosen days.
//!
//! On desktop the app delivers them itself while it runs: [`ReminderService::run`] wakes every few seconds
//! and emits [`CoreEvent::ReminderDue`] for each of the active profile's reminders whose time has just come;
//! the UI words it in the person's language and the shell shows it as a system notification. A reminder
//! whose time passed while the app was closed (or the machine asleep) is not fired late: only times after
//! the scheduler's previous look, and at most [`GRACE`] ago, count; and never twice on one day.

use std::time::Duration as StdDuration;

use serde::{Deserialize, Serialize};
use sqlx::Row;
use time::{Duration, OffsetDateTime, Time};

use crate::db::{changed_one, date_text, local_now, now_rfc3339, Db};
use crate::error::{CoreError, Reason, Result, Subject};
use crate::events::{CoreEvent, EventBus};
use crate::ids::{ProfileId, ReminderId};
use crate::profile::ProfileService;
use crate::text::string_enum;

/// Most reminders a profile keeps.
pub const MAX_REMINDERS: usize = 10;
/// How late a reminder may still fire (a busy machine, a tick that came late); later than this it is
/// skipped for the day.
pub const GRACE: Duration = Duration::minutes(2);
/// How often the scheduler looks.
pub const TICK: StdDuration = StdDuration::from_secs(5);

string_enum!(
    /// What a reminder invites to.
    ReminderKind { Checkin = "checkin", Practice = "practice" }
);

string_enum!(
    /// A day of the week.
    Weekday { Mon = "mon", Tue = "tue", Wed = "wed", Thu = "thu", Fri = "fri", Sat = "sat", Sun = "sun" }
);

impl Weekday {
    fn bit(self) -> i64 {
        1 << Self::ALL.iter().position(|d| *d == self).unwrap_or(0)
    }

    fn of(day: time::Weekday) -> Self {
        Self::ALL[usize::from(day.number_days_from_monday())]
    }
}

/// A reminder as saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Reminder {
    pub id: ReminderId,
    pub kind: ReminderKind,
    /// Local time, `HH:MM` (24 h).
    pub time: String,
    /// The days it fires on, Monday first.
    pub days: Vec<Weekday>,
    pub enabled: bool,
}

/// A reminder to save: a new one (no id) or a change to one (its id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReminderInput {
    #[serde(default)]
    pub id: Option<ReminderId>,
    pub kind: ReminderKind,
    pub time: String,
    pub days: Vec<Weekday>,
    pub enabled: bool,
}

/// A reminder whose time has come, for the active profile.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ReminderDue {
    pub profile_id: ProfileId,
    pub reminder_id: ReminderId,
    /// Not `kind`: the event that carries this is tagged by `kind`.
    pub reminder_kind: ReminderKind,
}

/// `HH:MM` as a time of day.
fn parse_time_of_day(raw: &str) -> Result<Time> {
    let format = time::macros::format_description!("[hour]:[minute]");
    if raw.len() != 5 {
        return Err(invalid_time(raw));
    }
    Time::parse(raw, &format).map_err(|_| invalid_time(raw))
}

fn invalid_time(raw: &str) -> CoreError {
    CoreError::new(Reason::InvalidFormat)
        .subject(Subject::ReminderTime)
        .value(raw)
}

fn days_bits(days: &[Weekday]) -> i64 {
    days.iter().fold(0, |bits, d| bits | d.bit())
}

fn days_of(bits: i64) -> Vec<Weekday> {
    Weekday::ALL
        .iter()
        .copied()
        .filter(|d| bits & d.bit() != 0)
        .collect()
}

impl ReminderInput {
    fn checked(&self) -> Result<(Time, i64)> {
        let time = parse_time_of_day(&self.time)?;
        if self.days.is_empty() {
            return Err(CoreError::empty(Subject::ReminderDays));
        }
        Ok((time, days_bits(&self.days)))
    }
}

/// Whether a reminder at `at` on `days` is due now: its time today is after the previous look (`since`),
/// not after `now`, and at most [`GRACE`] ago; today is one of its days; it has not fired today.
pub fn is_due(
    at: Time,
    days: i64,
    last_fired_on: Option<&str>,
    since: OffsetDateTime,
    now: OffsetDateTime,
) -> bool {
    let today = now.date();
    let scheduled = today.with_time(at).assume_offset(now.offset());
    days & Weekday::of(today.weekday()).bit() != 0
        && last_fired_on != Some(date_text(today).as_str())
        && scheduled > since
        && scheduled <= now
        && now - scheduled <= GRACE
}

/// Reminders: saved per profile, and delivered while the app runs.
#[derive(Debug, Clone)]
pub struct ReminderService {
    db: Db,
    profiles: ProfileService,
    events: EventBus,
}

const COLUMNS: &str = "id, kind, time, days, enabled";

fn row_to_reminder(row: &sqlx::sqlite::SqliteRow) -> Result<Reminder> {
    Ok(Reminder {
        id: row.try_get("id")?,
        kind: row.try_get::<String, _>("kind")?.parse()?,
        time: row.try_get("time")?,
        days: days_of(row.try_get("days")?),
        enabled: row.try_get("enabled")?,
    })
}

impl ReminderService {
    pub fn new(db: Db, profiles: ProfileService, events: EventBus) -> Self {
        Self {
            db,
            profiles,
            events,
        }
    }

    /// A profile's reminders, oldest first.
    pub async fn list_reminders(&self, profile_id: &ProfileId) -> Result<Vec<Reminder>> {
        let id = self.profiles.require_profile(profile_id).await?;
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM reminders WHERE profile_id = ? ORDER BY created_at, id"
        ))
        .bind(&id)
        .fetch_all(self.db.reader())
        .await?;
        rows.iter().map(row_to_reminder).collect()
    }

    /// Saves a new reminder or a change to one; returns it as saved.
    pub async fn save_reminder(
        &self,
        profile_id: &ProfileId,
        input: ReminderInput,
    ) -> Result<Reminder> {
        let (_, bits) = input.checked()?;
        let profile = self.profiles.require_profile(profile_id).await?;
        let mut tx = self.db.begin_write().await?;
        let id = match &input.id {
            Some(id) => {
                // A changed time may fire again today.
                let result = sqlx::query(
                    "UPDATE reminders SET kind = ?, time = ?, days = ?, enabled = ?,
                       last_fired_on = CASE WHEN time = ? THEN last_fired_on END
                     WHERE id = ? AND profile_id = ?",
                )
                .bind(input.kind.as_str())
                .bind(&input.time)
                .bind(bits)
                .bind(input.enabled)
                .bind(&input.time)
                .bind(id)
                .bind(&profile)
                .execute(&mut *tx)
                .await?;
                changed_one(result, Subject::Reminder, id)?;
                id.clone()
            }
            None => {
                let count: i64 =
                    sqlx::query_scalar("SELECT COUNT(*) FROM reminders WHERE profile_id = ?")
                        .bind(&profile)
                        .fetch_one(&mut *tx)
                        .await?;
                if count >= MAX_REMINDERS as i64 {
                    return Err(CoreError::new(Reason::TooManyReminders).max(MAX_REMINDERS as f64));
                }
                let id = ReminderId::new();
                sqlx::query(
                    "INSERT INTO reminders (id, profile_id, kind, time, days, enabled, created_at)
                     VALUES (?, ?, ?, ?, ?, ?, ?)",
                )
                .bind(&id)
                .bind(&profile)
                .bind(input.kind.as_str())
                .bind(&input.time)
                .bind(bits)
                .bind(input.enabled)
                .bind(now_rfc3339())
                .execute(&mut *tx)
                .await?;
                id
            }
        };
        tx.commit().await?;
        Ok(Reminder {
            id,
            kind: input.kind,
            time: input.time,
            days: days_of(bits),
            enabled: input.enabled,
        })
    }

    /// Deletes a reminder.
    pub async fn delete_reminder(
        &self,
        profile_id: &ProfileId,
        reminder_id: &ReminderId,
    ) -> Result<()> {
        let profile = self.profiles.require_profile(profile_id).await?;
        self.db
            .delete_owned("reminders", Subject::Reminder, reminder_id, &profile)
            .await
    }

    /// Fires the active profile's reminders that came due after `since` and by `now` (local times);
    /// returns what fired. Each is marked fired for its day before it is announced.
    pub async fn fire_due(
        &self,
        since: OffsetDateTime,
        now: OffsetDateTime,
    ) -> Result<Vec<ReminderDue>> {
        let Some(profile) = self.profiles.active_profile().await? else {
            return Ok(Vec::new());
        };
        let rows = sqlx::query(
            "SELECT id, kind, time, days, last_fired_on FROM reminders
             WHERE profile_id = ? AND enabled = 1",
        )
        .bind(&profile.id)
        .fetch_all(self.db.reader())
        .await?;
        let today = date_text(now.date());
        let mut fired = Vec::new();
        for row in &rows {
            let Ok(at) = parse_time_of_day(&row.try_get::<String, _>("time")?) else {
                continue;
            };
            let last: Option<String> = row.try_get("last_fired_on")?;
            if !is_due(at, row.try_get("days")?, last.as_deref(), since, now) {
                continue;
            }
            let id: ReminderId = row.try_get("id")?;
            let mut tx = self.db.begin_write().await?;
            sqlx::query("UPDATE reminders SET last_fired_on = ? WHERE id = ?")
                .bind(&today)
                .bind(&id)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            let due = ReminderDue {
                profile_id: profile.id.clone(),
                reminder_id: id,
                reminder_kind: row.try_get::<String, _>("kind")?.parse()?,
            };
            self.events.emit(CoreEvent::ReminderDue(due.clone()));
            fired.push(due);
        }
        Ok(fired)
    }

    /// Delivers reminders while the app runs: looks every [`TICK`] from now on. Runs until the task is
    /// dropped; a failed look is logged and the next one tries again.
    pub async fn run(self) {
        let mut since = local_now();
        loop {
            tokio::time::sleep(TICK).await;
            let now = local_now();
            match self.fire_due(since, now).await {
                Ok(_) => since = now,
                Err(err) => tracing::warn!(error = %err, "reminders not checked"),
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failing test should panic
mod tests {
    use super::*;
    use time::macros::datetime;

    const EVERY_DAY: i64 = 127;

    fn at(raw: &str) -> Time {
        parse_time_of_day(raw).unwrap()
    }

    #[test]
    fn a_reminder_fires_once_when_its_time_comes() {
        // 2026-11-27 is a Friday.
        let since = datetime!(2026-11-27 08:59:55 +01:00);
        let now = datetime!(2026-11-27 09:00:00 +01:00);
        assert!(is_due(at("09:00"), EVERY_DAY, None, since, now));
        assert!(!is_due(at("09:01"), EVERY_DAY, None, since, now), "not yet");
        assert!(
            !is_due(at("09:00"), EVERY_DAY, Some("2026-11-27"), since, now),
            "already fired today"
        );
        assert!(is_due(
            at("09:00"),
            EVERY_DAY,
            Some("2026-11-26"),
            since,
            now
        ));
        let friday = Weekday::Fri.bit();
        assert!(is_due(at("09:00"), friday, None, since, now));
        assert!(
            !is_due(at("09:00"), EVERY_DAY & !friday, None, since, now),
            "not on Fridays"
        );
    }

    #[test]
    fn a_time_missed_while_closed_or_asleep_is_not_fired_late() {
        // The app started at 09:30: 09:00 passed while it was closed.
        let started = datetime!(2026-11-27 09:30:00 +01:00);
        let now = datetime!(2026-11-27 09:30:05 +01:00);
        assert!(!is_due(at("09:00"), EVERY_DAY, None, started, now));
        // Asleep from 08:50 to 09:40: the first look after waking is too late for 09:00.
        let before_sleep = datetime!(2026-11-27 08:50:00 +01:00);
        let woke = datetime!(2026-11-27 09:40:00 +01:00);
        assert!(!is_due(at("09:00"), EVERY_DAY, None, before_sleep, woke));
        // A look a minute late still fires.
        let late = datetime!(2026-11-27 09:01:00 +01:00);
        assert!(is_due(at("09:00"), EVERY_DAY, None, before_sleep, late));
    }

    #[test]
    fn a_due_reminder_reaches_the_ui_tagged_with_its_own_kind_beside() {
        let due = ReminderDue {
            profile_id: ProfileId::new(),
            reminder_id: ReminderId::new(),
            reminder_kind: ReminderKind::Practice,
        };
        let json = serde_json::to_string(&CoreEvent::ReminderDue(due)).unwrap();
        assert_eq!(json.matches("\"kind\"").count(), 1, "{json}");
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            (&value["kind"], &value["reminderKind"]),
            (&"reminderDue".into(), &"practice".into())
        );
    }

    #[test]
    fn times_and_days_are_checked() {
        for bad in ["9:00", "24:00", "09:60", "0900", "09:00:00", "", "ab:cd"] {
            let input = ReminderInput {
                id: None,
                kind: ReminderKind::Checkin,
                time: bad.into(),
                days: vec![Weekday::Mon],
                enabled: true,
            };
            assert_eq!(
                input.checked().unwrap_err().to_string(),
                format!("invalid_format reminder_time value={bad:?}"),
            );
        }
        let none = ReminderInput {
            id: None,
            kind: ReminderKind::Practice,
            time: "07:30".into(),
            days: Vec::new(),
            enabled: true,
        };
        assert_eq!(
            none.checked().unwrap_err().to_string(),
            "empty reminder_days"
        );
        assert_eq!(
            days_of(days_bits(&[Weekday::Sun, Weekday::Mon, Weekday::Sun])),
            [Weekday::Mon, Weekday::Sun]
        );
    }
}
