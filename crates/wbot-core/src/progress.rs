//! What the person has done and what helped (SPEC §6–7, issue 12): effectiveness per activity, the
//! streak, the weekly goal, badges and the calendar of active days. Everything is computed from the saved
//! sessions and entries and the moods around them; nothing is stored but the settings.
//!
//! A day is the person's calendar day where the activity happened: each saved activity keeps its own
//! `local_date` (migration 0013), so travelling or a DST jump neither breaks nor doubles a streak.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use sqlx::Row;
use time::{Date, Duration, Weekday};

use crate::db::{date_text, local_now, u32_of, Db};
use crate::error::{CoreError, Result};
use crate::ids::ProfileId;
use crate::meditation::SeriesId;
use crate::mood::{parse_date, MoodActivity};
use crate::profile::ProfileService;
use crate::text::string_enum;

/// Streak lengths worth celebrating.
pub const MILESTONES: [u32; 7] = [7, 14, 30, 60, 90, 180, 365];
/// Days of active days returned for the calendar, today included.
pub const CALENDAR_DAYS: i64 = 365;
/// A kind of activity is recommended from this many completions…
pub const MIN_COMPLETIONS: u32 = 3;
/// …with at least this score.
pub const RECOMMENDED_SCORE: f64 = 50.0;
/// How many of the latest rated sessions "helped you n of the last m times" looks at.
pub const RECENT: usize = 5;

/// How well one kind of activity works for this person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Effectiveness {
    pub activity: MoodActivity,
    /// The technique (breathing), the kind of practice (meditation) or the category (journaling;
    /// `free` without a prompt), as stored.
    pub kind: String,
    pub started: u32,
    pub completed: u32,
    /// Sessions with a mood before and after, by how the mood moved.
    pub improved: u32,
    pub same: u32,
    pub declined: u32,
    /// 40 × completion rate + 40 × improvement rate + 20 × min(completions / 10, 1), 0–100.
    pub score: f64,
    /// Score ≥ 50 with ≥ 3 completions.
    pub recommended: bool,
    /// Of the latest (up to 5) sessions with both moods, how many improved it, and how many there were.
    pub recent_improved: u32,
    pub recent_rated: u32,
}

impl Effectiveness {
    /// `activity:kind`, as the wellness profile names what helps.
    pub fn code(&self) -> String {
        format!("{}:{}", self.activity.as_str(), self.kind)
    }

    /// With its score (to one decimal) and whether it is recommended, from its counts.
    fn scored(mut self) -> Self {
        self.score = (self.raw_score() * 10.0).round() / 10.0;
        self.recommended = self.score >= RECOMMENDED_SCORE && self.completed >= MIN_COMPLETIONS;
        self
    }

    fn raw_score(&self) -> f64 {
        if self.started == 0 {
            return 0.0;
        }
        let completion = f64::from(self.completed) / f64::from(self.started);
        let rated = self.improved + self.same + self.declined;
        let improvement = if rated == 0 {
            0.0
        } else {
            f64::from(self.improved) / f64::from(rated)
        };
        let practice = (f64::from(self.completed) / 10.0).min(1.0);
        40.0 * completion + 40.0 * improvement + 20.0 * practice
    }
}

/// Consecutive active days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Streak {
    /// Days in a row up to today (or up to yesterday, while today is still open).
    pub current: u32,
    pub longest: u32,
    pub active_today: bool,
    /// The highest milestone the current streak has reached, and the next one.
    pub milestone: Option<u32>,
    pub next_milestone: Option<u32>,
}

/// The Monday-first week that holds today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct WeeklyGoal {
    /// `YYYY-MM-DD`, a Monday.
    pub week_start: String,
    pub goal_days: u8,
    pub active_days: u8,
    /// Monday to Sunday: whether each day had a completed activity.
    pub days: Vec<bool>,
}

string_enum!(
    /// A badge; the UI names and draws it.
    BadgeCode {
        FirstBreath = "first_breath", FirstMeditation = "first_meditation",
        FirstJournal = "first_journal", FirstWimHof = "first_wim_hof", FirstWeek = "first_week",
        TenBreaths = "ten_breaths", TenMeditations = "ten_meditations",
        TenEntries = "ten_entries", MonthStreak = "month_streak",
        SeriesCompleted = "series_completed",
    }
);

/// A badge and how far the person is from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Badge {
    pub code: BadgeCode,
    /// The day it was earned, `YYYY-MM-DD`; none while it is not.
    pub earned_on: Option<String>,
    /// Progress towards `target` (capped at it).
    pub progress: u32,
    pub target: u32,
}

/// Completed activities of one kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ActivityTotal {
    pub activity: MoodActivity,
    pub completed: u32,
}

/// Everything the Progress page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ProgressOverview {
    /// The day it was computed for, `YYYY-MM-DD`.
    pub today: String,
    /// None when the person turned streaks off.
    pub streak: Option<Streak>,
    pub weekly_goal: WeeklyGoal,
    /// None when the person turned badges off.
    pub badges: Option<Vec<Badge>>,
    /// Days with a completed activity in the last 365 days, oldest first, `YYYY-MM-DD`.
    pub active_days: Vec<String>,
    pub totals: Vec<ActivityTotal>,
}

/// Every activity of a profile, as the table `acts` (activity, kind, day, completed, t, id) for the
/// queries below.
const ACTIVITIES: &str = "WITH acts AS (
    SELECT 'breathing' AS activity, technique AS kind, local_date AS day, completed, started_at AS t, id
    FROM breathing_sessions WHERE profile_id = ?1
    UNION ALL
    SELECT 'meditation', kind, local_date, completed, started_at, id
    FROM meditation_sessions WHERE profile_id = ?1
    UNION ALL
    SELECT 'journaling', COALESCE(category, 'free'), local_date, 1, created_at, id
    FROM journal_entries WHERE profile_id = ?1
    UNION ALL
    SELECT 'meditation', kind, local_date, 1, ended_at, id
    FROM guided_listens WHERE profile_id = ?1
)";

/// The series with the days done in each, and the day of the latest.
const SERIES: &str = "SELECT series, COUNT(*) AS done, MAX(local_date) AS last
    FROM meditation_series_days WHERE profile_id = ? AND completed_at IS NOT NULL GROUP BY series";

/// Per kind of activity: counts, and how the mood (the check-ins before and after) moved over all and
/// over the latest rated ones; [`SINCE`] takes the place of `/*since*/` to count only activities from `?3` on.
const TALLY: &str = ", moods AS MATERIALIZED (
    SELECT acts.*, b.mood AS before, a.mood AS after FROM acts
    LEFT JOIN mood_checkins b ON b.activity_id = acts.id AND b.moment = 'before'
    LEFT JOIN mood_checkins a ON a.activity_id = acts.id AND a.moment = 'after'
    /*since*/
), recent AS (
    SELECT activity, kind, COUNT(*) AS rated, SUM(up) AS improved FROM (
        SELECT activity, kind, after > before AS up,
               ROW_NUMBER() OVER (PARTITION BY activity, kind ORDER BY t DESC) AS latest
        FROM moods WHERE before IS NOT NULL AND after IS NOT NULL
    ) WHERE latest <= ?2 GROUP BY activity, kind
)
SELECT moods.activity, moods.kind, COUNT(*) AS started, SUM(completed) AS completed,
       COALESCE(SUM(after > before), 0) AS improved, COALESCE(SUM(after = before), 0) AS same,
       COALESCE(SUM(after < before), 0) AS declined,
       COALESCE(MAX(recent.rated), 0) AS recent_rated,
       COALESCE(MAX(recent.improved), 0) AS recent_improved
FROM moods LEFT JOIN recent ON recent.activity = moods.activity AND recent.kind = moods.kind
GROUP BY moods.activity, moods.kind";

const SINCE: &str = "WHERE julianday(acts.t) >= julianday(?3)";

/// The days with a completed activity, in order.
const DAYS: &str = " SELECT DISTINCT day FROM acts WHERE completed = 1 AND day != '' ORDER BY day";

/// The completed activities badges are earned by: the first and tenth of each activity and the first
/// Wim Hof session, each with the number of its activity's completions.
const FIRSTS: &str = ", done AS (
    SELECT activity, kind, day,
           ROW_NUMBER() OVER (PARTITION BY activity ORDER BY t) AS n,
           ROW_NUMBER() OVER (PARTITION BY activity, kind ORDER BY t) AS k,
           COUNT(*) OVER (PARTITION BY activity) AS total
    FROM acts WHERE completed = 1
)
SELECT activity, kind, day, n, k, total FROM done WHERE n IN (1, 10) OR (kind = 'wim_hof' AND k = 1)";

/// Completed activities of each kind, and the days the milestones of each were reached.
#[derive(Debug, Default)]
struct Counts {
    /// Completed, and the days of the first and the tenth.
    per_activity: BTreeMap<MoodActivity, (u32, Option<Date>, Option<Date>)>,
    first_wim_hof: Option<Date>,
    /// Meditation series completed, and the day the first was.
    series: (u32, Option<Date>),
}

/// Effectiveness and progress, computed from what is saved.
#[derive(Debug, Clone)]
pub struct ProgressService {
    db: Db,
    profiles: ProfileService,
}

impl ProgressService {
    pub fn new(db: Db, profiles: ProfileService) -> Self {
        Self { db, profiles }
    }

    /// How well each kind of activity the person has done works for them, best first.
    pub async fn effectiveness(&self, profile_id: &ProfileId) -> Result<Vec<Effectiveness>> {
        self.effectiveness_since(profile_id, "").await
    }

    /// [`Self::effectiveness`] over the activities from `since` (an RFC 3339 time; empty: all of them).
    pub async fn effectiveness_since(
        &self,
        profile_id: &ProfileId,
        since: &str,
    ) -> Result<Vec<Effectiveness>> {
        let id = self.profiles.require_profile(profile_id).await?;
        let filter = if since.is_empty() { "" } else { SINCE };
        let sql = format!("{ACTIVITIES}{}", TALLY.replace("/*since*/", filter));
        let rows = sqlx::query(&sql)
            .bind(&id)
            .bind(RECENT as i64)
            .bind(since)
            .fetch_all(self.db.reader())
            .await?;
        let mut out = rows
            .iter()
            .map(|row| {
                let activity: String = row.try_get("activity")?;
                let count = |name: &str| -> Result<u32> { Ok(u32_of(row.try_get(name)?)) };
                Ok(Effectiveness {
                    activity: activity.parse()?,
                    kind: row.try_get("kind")?,
                    started: count("started")?,
                    completed: count("completed")?,
                    improved: count("improved")?,
                    same: count("same")?,
                    declined: count("declined")?,
                    score: 0.0,
                    recommended: false,
                    recent_improved: count("recent_improved")?,
                    recent_rated: count("recent_rated")?,
                }
                .scored())
            })
            .collect::<Result<Vec<_>>>()?;
        out.sort_by(|a, b| b.score.total_cmp(&a.score));
        Ok(out)
    }

    /// The Progress page for `today` (`YYYY-MM-DD`, the person's calendar day; today on this device when
    /// absent).
    pub async fn progress(
        &self,
        profile_id: &ProfileId,
        today: Option<&str>,
    ) -> Result<ProgressOverview> {
        let today = match today {
            Some(raw) => parse_date(raw)?,
            None => local_now().date(),
        };
        // Reading the settings checks that the profile exists.
        let settings = self.profiles.settings(profile_id).await?;
        let days: BTreeSet<Date> = sqlx::query_scalar::<_, String>(&format!("{ACTIVITIES}{DAYS}"))
            .bind(profile_id)
            .fetch_all(self.db.reader())
            .await?
            .iter()
            .filter_map(|d| parse_date(d).ok())
            .collect();
        let mut counts = Counts::default();
        for row in sqlx::query(&format!("{ACTIVITIES}{FIRSTS}"))
            .bind(profile_id)
            .fetch_all(self.db.reader())
            .await?
        {
            let activity: MoodActivity = row.try_get::<String, _>("activity")?.parse()?;
            let day = parse_date(&row.try_get::<String, _>("day")?).ok();
            let entry = counts.per_activity.entry(activity).or_default();
            entry.0 = u32_of(row.try_get("total")?);
            match row.try_get::<i64, _>("n")? {
                1 => entry.1 = day,
                10 => entry.2 = day,
                _ => {}
            }
            if row.try_get::<String, _>("kind")? == "wim_hof" && row.try_get::<i64, _>("k")? == 1 {
                counts.first_wim_hof = day;
            }
        }
        for row in sqlx::query(SERIES)
            .bind(profile_id)
            .fetch_all(self.db.reader())
            .await?
        {
            let series: SeriesId = row.try_get::<String, _>("series")?.parse()?;
            if u32_of(row.try_get("done")?) >= u32::from(series.days()) {
                let day = parse_date(&row.try_get::<String, _>("last")?).ok();
                counts.series.0 += 1;
                counts.series.1 = match (counts.series.1, day) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
            }
        }
        let from = today - Duration::days(CALENDAR_DAYS - 1);
        Ok(ProgressOverview {
            today: date_text(today),
            streak: settings.streaks_on.then(|| streak(&days, today)),
            weekly_goal: weekly_goal(&days, today, settings.weekly_goal_days),
            badges: settings.badges_on.then(|| badges(&counts, &days)),
            active_days: days.range(from..=today).map(|d| date_text(*d)).collect(),
            totals: MoodActivity::ALL
                .iter()
                .map(|a| ActivityTotal {
                    activity: *a,
                    completed: counts.per_activity.get(a).map_or(0, |c| c.0),
                })
                .collect(),
        })
    }
}

/// Runs of consecutive days, as (first day, length), oldest first.
fn runs(days: &BTreeSet<Date>) -> Vec<(Date, u32)> {
    let mut out: Vec<(Date, u32)> = Vec::new();
    let mut previous: Option<Date> = None;
    for day in days {
        match (previous, out.last_mut()) {
            (Some(p), Some((_, len))) if p.next_day() == Some(*day) => *len += 1,
            _ => out.push((*day, 1)),
        }
        previous = Some(*day);
    }
    out
}

fn streak(days: &BTreeSet<Date>, today: Date) -> Streak {
    let runs = runs(days);
    let longest = runs.iter().map(|(_, len)| *len).max().unwrap_or(0);
    // The last run is current while it reaches yesterday or later (a day ahead of today happens after
    // a flight west, and counts).
    let current = match runs.last() {
        Some((first, len)) if *first + Duration::days(i64::from(*len)) >= today => *len,
        _ => 0,
    };
    Streak {
        current,
        longest,
        active_today: days.contains(&today),
        milestone: MILESTONES.iter().rev().find(|m| current >= **m).copied(),
        next_milestone: MILESTONES.iter().find(|m| current < **m).copied(),
    }
}

fn weekly_goal(days: &BTreeSet<Date>, today: Date, goal_days: u8) -> WeeklyGoal {
    let monday = today - Duration::days(i64::from(today.weekday().number_days_from_monday()));
    let week: Vec<bool> = (0..7)
        .map(|i| days.contains(&(monday + Duration::days(i))))
        .collect();
    debug_assert_eq!(monday.weekday(), Weekday::Monday);
    WeeklyGoal {
        week_start: date_text(monday),
        goal_days,
        active_days: u8::try_from(week.iter().filter(|d| **d).count()).unwrap_or(7),
        days: week,
    }
}

/// The day a run of `n` consecutive days was first reached, and the longest run so far.
fn streak_day(runs: &[(Date, u32)], n: u32) -> (u32, Option<Date>) {
    let best = runs.iter().map(|(_, len)| *len).max().unwrap_or(0);
    let day = runs
        .iter()
        .find(|(_, len)| *len >= n)
        .map(|(first, _)| *first + Duration::days(i64::from(n) - 1));
    (best, day)
}

fn badges(counts: &Counts, days: &BTreeSet<Date>) -> Vec<Badge> {
    let runs = runs(days);
    let first = |a: MoodActivity| {
        counts
            .per_activity
            .get(&a)
            .map_or((0, None), |c| (c.0, c.1))
    };
    let tenth = |a: MoodActivity| {
        counts
            .per_activity
            .get(&a)
            .map_or((0, None), |c| (c.0, c.2))
    };
    let wim_hof = (
        u32::from(counts.first_wim_hof.is_some()),
        counts.first_wim_hof,
    );
    BadgeCode::ALL
        .iter()
        .map(|code| {
            let (target, (progress, day)) = match code {
                BadgeCode::FirstBreath => (1, first(MoodActivity::Breathing)),
                BadgeCode::FirstMeditation => (1, first(MoodActivity::Meditation)),
                BadgeCode::FirstJournal => (1, first(MoodActivity::Journaling)),
                BadgeCode::FirstWimHof => (1, wim_hof),
                BadgeCode::TenBreaths => (10, tenth(MoodActivity::Breathing)),
                BadgeCode::TenMeditations => (10, tenth(MoodActivity::Meditation)),
                BadgeCode::TenEntries => (10, tenth(MoodActivity::Journaling)),
                BadgeCode::FirstWeek => (7, streak_day(&runs, 7)),
                BadgeCode::MonthStreak => (30, streak_day(&runs, 30)),
                BadgeCode::SeriesCompleted => (1, counts.series),
            };
            Badge {
                code: *code,
                earned_on: day.map(date_text),
                progress: progress.min(target),
                target,
            }
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failing test should panic
mod tests {
    use super::*;

    fn day(raw: &str) -> Date {
        parse_date(raw).unwrap()
    }

    fn set(days: &[&str]) -> BTreeSet<Date> {
        days.iter().map(|d| day(d)).collect()
    }

    #[test]
    fn a_streak_counts_back_from_today_or_yesterday() {
        let days = set(&[
            "2026-11-20",
            "2026-11-21",
            "2026-11-23",
            "2026-11-24",
            "2026-11-25",
        ]);
        let s = streak(&days, day("2026-11-25"));
        assert_eq!((s.current, s.longest, s.active_today), (3, 3, true));
        // Today still open: yesterday's run holds.
        let s = streak(&days, day("2026-11-26"));
        assert_eq!((s.current, s.active_today), (3, false));
        // A whole day missed: it is over.
        assert_eq!(streak(&days, day("2026-11-27")).current, 0);
        assert_eq!(streak(&BTreeSet::new(), day("2026-11-27")).current, 0);
    }

    #[test]
    fn milestones_follow_the_current_streak() {
        let start = day("2026-01-01");
        let days: BTreeSet<Date> = (0..30).map(|i| start + Duration::days(i)).collect();
        let s = streak(&days, start + Duration::days(29));
        assert_eq!((s.milestone, s.next_milestone), (Some(30), Some(60)));
        let s = streak(&set(&["2026-01-01"]), day("2026-01-01"));
        assert_eq!((s.milestone, s.next_milestone), (None, Some(7)));
    }

    #[test]
    fn the_week_starts_on_monday() {
        // 2026-11-23 is a Monday.
        let days = set(&["2026-11-22", "2026-11-23", "2026-11-25", "2026-11-30"]);
        let w = weekly_goal(&days, day("2026-11-29"), 5);
        assert_eq!(w.week_start, "2026-11-23");
        assert_eq!(w.active_days, 2);
        assert_eq!(w.days, [true, false, true, false, false, false, false]);
    }

    #[test]
    fn the_score_weighs_completion_improvement_and_practice() {
        let tally = |started, completed, improved, same| Effectiveness {
            activity: MoodActivity::Breathing,
            kind: "box".into(),
            started,
            completed,
            improved,
            same,
            declined: 0,
            score: 0.0,
            recommended: false,
            recent_improved: 0,
            recent_rated: 0,
        };
        // 40 × 4/5 + 40 × 4/5 + 20 × 4/10 = 72.
        let e = tally(5, 4, 4, 1).scored();
        assert!((e.score - 72.0).abs() < 1e-9, "{}", e.score);
        assert!(e.recommended);
        // Nothing rated: no improvement. Two completions are not enough, whatever the score.
        let e = tally(2, 2, 0, 0).scored();
        assert!((e.score - 44.0).abs() < 1e-9, "{}", e.score);
        let e = tally(2, 2, 2, 0).scored();
        assert!(e.score >= 50.0 && !e.recommended);
        assert_eq!(tally(0, 0, 0, 0).scored().score, 0.0);
    }
}
