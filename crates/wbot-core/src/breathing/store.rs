//! Saved breathing sessions (migration 0003): save, history, get, delete, statistics, the Wim Hof
//! gate's inputs. Every query filters on the profile.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use super::config::{SessionConfig, Technique};
use super::engine::SessionSummary;
use super::engine::{RoundRecord, StopPoint};
use super::safety::{wim_hof_gate, SafetyDecision};
use super::BreathingService;
use crate::runner::RunOutcome;
use sqlx::FromRow;

use crate::chat::MAX_MESSAGE_CHARS;
use crate::db::{local_date, now_rfc3339, parse_time, utc_text, Page};
use crate::error::{CoreError, ErrorCode, Reason, Result, Subject};
use crate::ids::{BreathingSessionId, ProfileId};
use crate::mood::{check_mood, mood_columns, save_activity_moods, MoodActivity};

/// Most sessions returned by one page of history.
pub const MAX_PAGE: u32 = 100;

/// A finished or stopped session, to be saved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct NewBreathingSession {
    pub config: SessionConfig,
    /// RFC 3339.
    pub started_at: String,
    /// RFC 3339.
    pub ended_at: String,
    pub completed: bool,
    pub stopped_at: Option<StopPoint>,
    pub rounds: Vec<RoundRecord>,
    /// Time breathing, pauses excluded.
    pub duration_ms: u32,
    /// 1–5.
    pub mood_before: Option<u8>,
    /// 1–5.
    pub mood_after: Option<u8>,
}

impl NewBreathingSession {
    /// What a runner reported, with the moods the person gave.
    pub fn from_outcome(
        outcome: RunOutcome<SessionSummary>,
        mood_before: Option<u8>,
        mood_after: Option<u8>,
    ) -> Self {
        Self {
            config: outcome.summary.config,
            started_at: outcome.started_at,
            ended_at: outcome.ended_at,
            completed: outcome.summary.completed,
            stopped_at: outcome.summary.stopped_at,
            rounds: outcome.summary.rounds,
            duration_ms: outcome.summary.duration_ms,
            mood_before,
            mood_after,
        }
    }
}

/// Wim Hof results of one session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct WimHofResult {
    /// Retention per round, in order.
    pub retentions_ms: Vec<u32>,
    pub average_retention_ms: Option<f64>,
    pub best_retention_ms: Option<u32>,
    pub total_duration_ms: u32,
}

/// A saved breathing session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct BreathingSession {
    pub id: BreathingSessionId,
    pub technique: Technique,
    pub config: SessionConfig,
    pub started_at: String,
    pub ended_at: String,
    pub completed: bool,
    pub stopped_at: Option<StopPoint>,
    pub rounds: Vec<RoundRecord>,
    pub duration_ms: u32,
    pub mood_before: Option<u8>,
    pub mood_after: Option<u8>,
    /// Present for Wim Hof sessions.
    pub wim_hof: Option<WimHofResult>,
}

/// One page of history, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct BreathingHistory {
    pub items: Vec<BreathingSession>,
    /// Sessions in all pages.
    pub total: u32,
}

/// Sessions of one technique.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TechniqueCount {
    pub technique: Technique,
    pub started: u32,
    pub completed: u32,
    pub total_duration_ms: f64,
}

/// Sessions of one calendar month (UTC).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MonthlyTotal {
    /// "YYYY-MM".
    pub month: String,
    pub sessions: u32,
    pub completed: u32,
    pub total_duration_ms: f64,
}

/// Wim Hof over every saved session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct WimHofStats {
    pub sessions: u32,
    /// Rounds with a retention.
    pub rounds: u32,
    pub average_retention_ms: Option<f64>,
    pub best_retention_ms: Option<f64>,
    pub total_duration_ms: f64,
}

/// A profile's breathing statistics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct BreathingStats {
    pub total_sessions: u32,
    pub completed_sessions: u32,
    pub total_duration_ms: f64,
    /// Techniques with at least one session, in the order of [`Technique::ALL`].
    pub by_technique: Vec<TechniqueCount>,
    /// Months with at least one session, oldest first.
    pub monthly: Vec<MonthlyTotal>,
    pub wim_hof: WimHofStats,
}

/// One day of the retention trend chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RetentionPoint {
    /// "YYYY-MM-DD" (UTC).
    pub date: String,
    pub best_ms: f64,
    pub average_ms: f64,
    pub rounds: u32,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: BreathingSessionId,
    technique: String,
    settings: String,
    started_at: String,
    ended_at: String,
    completed: bool,
    stopped_at: Option<String>,
    rounds: String,
    mood_before: Option<i64>,
    mood_after: Option<i64>,
    duration_ms: i64,
}

static COLUMNS: LazyLock<String> = LazyLock::new(|| {
    format!(
        "id, technique, settings, started_at, ended_at, completed, stopped_at, rounds, duration_ms, {}",
        mood_columns("breathing_sessions.id")
    )
});

fn mood(v: Option<i64>) -> Option<u8> {
    v.and_then(|m| u8::try_from(m).ok())
}

fn wim_hof_result(rounds: &[RoundRecord], duration_ms: u32) -> WimHofResult {
    let retentions: Vec<u32> = rounds.iter().filter_map(|r| r.retention_ms).collect();
    WimHofResult {
        average_retention_ms: (!retentions.is_empty()).then(|| {
            retentions.iter().map(|v| f64::from(*v)).sum::<f64>() / retentions.len() as f64
        }),
        best_retention_ms: retentions.iter().copied().max(),
        retentions_ms: retentions,
        total_duration_ms: duration_ms,
    }
}

impl TryFrom<Row> for BreathingSession {
    type Error = CoreError;

    fn try_from(row: Row) -> Result<Self> {
        let technique: Technique = row.technique.parse()?;
        let config: SessionConfig = serde_json::from_str(&row.settings)?;
        let rounds: Vec<RoundRecord> = serde_json::from_str(&row.rounds)?;
        let stopped_at = row
            .stopped_at
            .as_deref()
            .map(serde_json::from_str)
            .transpose()?;
        let duration_ms = u32::try_from(row.duration_ms).unwrap_or(u32::MAX);
        Ok(Self {
            wim_hof: (technique == Technique::WimHof).then(|| wim_hof_result(&rounds, duration_ms)),
            id: row.id,
            technique,
            config,
            started_at: row.started_at,
            ended_at: row.ended_at,
            completed: row.completed,
            stopped_at,
            rounds,
            duration_ms,
            mood_before: mood(row.mood_before),
            mood_after: mood(row.mood_after),
        })
    }
}

/// Checks a session before saving; returns its start and end as UTC RFC 3339, and its local day.
fn validate(input: &NewBreathingSession) -> Result<(String, String, String)> {
    input.config.validate()?;
    let started = parse_time(&input.started_at, Subject::StartTime)?;
    let ended = parse_time(&input.ended_at, Subject::EndTime)?;
    if ended < started {
        return Err(CoreError::new(Reason::EndBeforeStart));
    }
    if input.completed && input.stopped_at.is_some() {
        return Err(CoreError::new(Reason::CompletedAndStopped));
    }
    check_mood(input.mood_before, Subject::MoodBefore)?;
    check_mood(input.mood_after, Subject::MoodAfter)?;
    let max_rounds = match input.config {
        SessionConfig::WimHof(w) => w.rounds,
        other => other.pattern().map_or(0, |p| p.cycles),
    };
    if input.rounds.len() > max_rounds as usize {
        return Err(CoreError::new(Reason::TooManyRounds)
            .max(f64::from(max_rounds))
            .actual(input.rounds.len() as f64));
    }
    Ok((utc_text(started)?, utc_text(ended)?, local_date(started)))
}

fn count(v: i64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

impl BreathingService {
    /// Saves a finished or stopped breathing session for a profile.
    pub async fn save_breathing_session(
        &self,
        profile_id: &ProfileId,
        input: NewBreathingSession,
    ) -> Result<BreathingSession> {
        let profile = self.profiles.require_profile(profile_id).await?;
        let (started_at, ended_at, day) = validate(&input)?;
        let id = BreathingSessionId::new();
        let technique = input.config.technique();
        let mut tx = self.db.begin_write().await?;
        sqlx::query(
            "INSERT INTO breathing_sessions (id, profile_id, technique, settings, started_at, ended_at,
                 completed, stopped_at, rounds, duration_ms, local_date)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&id)
        .bind(&profile)
        .bind(technique.as_str())
        .bind(serde_json::to_string(&input.config)?)
        .bind(&started_at)
        .bind(&ended_at)
        .bind(input.completed)
        .bind(input.stopped_at.as_ref().map(serde_json::to_string).transpose()?)
        .bind(serde_json::to_string(&input.rounds)?)
        .bind(i64::from(input.duration_ms))
        .bind(&day)
        .execute(&mut *tx)
        .await?;
        save_activity_moods(
            &mut tx,
            &profile,
            MoodActivity::Breathing,
            id.as_str(),
            input.mood_before.map(|m| (m, started_at.as_str())),
            input.mood_after.map(|m| (m, ended_at.as_str())),
        )
        .await?;
        tx.commit().await?;
        tracing::info!(profile = %profile, session = %id, technique = technique.as_str(), "breathing session saved");
        Ok(BreathingSession {
            wim_hof: (technique == Technique::WimHof)
                .then(|| wim_hof_result(&input.rounds, input.duration_ms)),
            id,
            technique,
            config: input.config,
            started_at,
            ended_at,
            completed: input.completed,
            stopped_at: input.stopped_at,
            rounds: input.rounds,
            duration_ms: input.duration_ms,
            mood_before: input.mood_before,
            mood_after: input.mood_after,
        })
    }

    /// One page of a profile's breathing history, newest first (`limit` 1–100, default 20).
    pub async fn breathing_history(
        &self,
        profile_id: &ProfileId,
        page: Page,
    ) -> Result<BreathingHistory> {
        let profile = self.profiles.require_profile(profile_id).await?;
        let (rows, total) = self
            .db
            .owned_page::<Row>(
                "breathing_sessions",
                &COLUMNS,
                "started_at DESC, id DESC",
                &profile,
                page,
                MAX_PAGE,
            )
            .await?;
        Ok(BreathingHistory {
            items: rows
                .into_iter()
                .map(BreathingSession::try_from)
                .collect::<Result<_>>()?,
            total,
        })
    }

    /// One saved session of a profile.
    pub async fn breathing_session(
        &self,
        profile_id: &ProfileId,
        session_id: &BreathingSessionId,
    ) -> Result<BreathingSession> {
        let profile = self.profiles.require_profile(profile_id).await?;
        let row = self
            .db
            .owned_row(
                "breathing_sessions",
                &COLUMNS,
                Subject::BreathingSession,
                session_id,
                &profile,
            )
            .await?;
        Row::from_row(&row)?.try_into()
    }

    /// Deletes one saved session of a profile.
    pub async fn delete_breathing_session(
        &self,
        profile_id: &ProfileId,
        session_id: &BreathingSessionId,
    ) -> Result<()> {
        let profile = self.profiles.require_profile(profile_id).await?;
        self.db
            .delete_owned(
                "breathing_sessions",
                Subject::BreathingSession,
                session_id,
                &profile,
            )
            .await
    }

    /// How many breathing sessions a profile has completed (any technique).
    pub async fn completed_breathing_sessions(&self, profile_id: &ProfileId) -> Result<u32> {
        let profile = self.profiles.require_profile(profile_id).await?;
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM breathing_sessions WHERE profile_id = ? AND completed = 1",
        )
        .bind(&profile)
        .fetch_one(self.db.reader())
        .await?;
        Ok(count(n))
    }

    /// Per-technique counts, monthly totals and Wim Hof results of a profile.
    pub async fn breathing_stats(&self, profile_id: &ProfileId) -> Result<BreathingStats> {
        let profile = self.profiles.require_profile(profile_id).await?;
        let per_technique: Vec<(String, i64, i64, i64)> = sqlx::query_as(
            "SELECT technique, COUNT(*), COALESCE(SUM(completed), 0), COALESCE(SUM(duration_ms), 0)
             FROM breathing_sessions WHERE profile_id = ? GROUP BY technique",
        )
        .bind(&profile)
        .fetch_all(self.db.reader())
        .await?;
        let mut by_technique = Vec::new();
        for technique in Technique::ALL {
            if let Some((_, started, completed, ms)) =
                per_technique.iter().find(|row| row.0 == technique.as_str())
            {
                by_technique.push(TechniqueCount {
                    technique: *technique,
                    started: count(*started),
                    completed: count(*completed),
                    total_duration_ms: *ms as f64,
                });
            }
        }
        let monthly: Vec<(String, i64, i64, i64)> = sqlx::query_as(
            "SELECT substr(started_at, 1, 7) AS month, COUNT(*), COALESCE(SUM(completed), 0),
                    COALESCE(SUM(duration_ms), 0)
             FROM breathing_sessions WHERE profile_id = ? GROUP BY month ORDER BY month",
        )
        .bind(&profile)
        .fetch_all(self.db.reader())
        .await?;
        let monthly: Vec<MonthlyTotal> = monthly
            .into_iter()
            .map(|(month, sessions, completed, ms)| MonthlyTotal {
                month,
                sessions: count(sessions),
                completed: count(completed),
                total_duration_ms: ms as f64,
            })
            .collect();
        let wim_hof_rows: Vec<(String, i64)> = sqlx::query_as(
            "SELECT rounds, duration_ms FROM breathing_sessions
             WHERE profile_id = ? AND technique = 'wim_hof'",
        )
        .bind(&profile)
        .fetch_all(self.db.reader())
        .await?;
        let mut retentions = Vec::new();
        let mut wim_hof_ms = 0.0;
        for (rounds, ms) in &wim_hof_rows {
            let rounds: Vec<RoundRecord> = serde_json::from_str(rounds)?;
            retentions.extend(rounds.iter().filter_map(|r| r.retention_ms).map(f64::from));
            wim_hof_ms += *ms as f64;
        }
        Ok(BreathingStats {
            total_sessions: by_technique.iter().map(|t| t.started).sum(),
            completed_sessions: by_technique.iter().map(|t| t.completed).sum(),
            total_duration_ms: by_technique.iter().map(|t| t.total_duration_ms).sum(),
            by_technique,
            monthly,
            wim_hof: WimHofStats {
                sessions: count(wim_hof_rows.len() as i64),
                rounds: count(retentions.len() as i64),
                average_retention_ms: (!retentions.is_empty())
                    .then(|| retentions.iter().sum::<f64>() / retentions.len() as f64),
                best_retention_ms: retentions.iter().copied().reduce(f64::max),
                total_duration_ms: wim_hof_ms,
            },
        })
    }

    /// Best and average Wim Hof retention per day (UTC), oldest first, for the trend chart.
    pub async fn retention_trend(&self, profile_id: &ProfileId) -> Result<Vec<RetentionPoint>> {
        let profile = self.profiles.require_profile(profile_id).await?;
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT substr(started_at, 1, 10), rounds FROM breathing_sessions
             WHERE profile_id = ? AND technique = 'wim_hof' ORDER BY started_at",
        )
        .bind(&profile)
        .fetch_all(self.db.reader())
        .await?;
        let mut days: BTreeMap<String, Vec<f64>> = BTreeMap::new();
        for (date, rounds) in rows {
            let rounds: Vec<RoundRecord> = serde_json::from_str(&rounds)?;
            let values = rounds.iter().filter_map(|r| r.retention_ms).map(f64::from);
            days.entry(date).or_default().extend(values);
        }
        Ok(days
            .into_iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(date, v)| RetentionPoint {
                best_ms: v.iter().copied().fold(0.0, f64::max),
                average_ms: v.iter().sum::<f64>() / v.len() as f64,
                rounds: count(v.len() as i64),
                date,
            })
            .collect())
    }

    /// Whether this profile has acknowledged the Wim Hof safety notice.
    pub async fn wim_hof_notice_acknowledged(&self, profile_id: &ProfileId) -> Result<bool> {
        let profile = self.profiles.require_profile(profile_id).await?;
        let found: Option<String> = sqlx::query_scalar(
            "SELECT notice_acknowledged_at FROM breathing_safety WHERE profile_id = ?",
        )
        .bind(&profile)
        .fetch_optional(self.db.reader())
        .await?;
        Ok(found.is_some())
    }

    /// Records that the profile has read the Wim Hof safety notice (it is not shown again).
    pub async fn acknowledge_wim_hof_notice(&self, profile_id: &ProfileId) -> Result<()> {
        let profile = self.profiles.require_profile(profile_id).await?;
        let mut tx = self.db.begin_write().await?;
        sqlx::query(
            "INSERT INTO breathing_safety (profile_id, notice_acknowledged_at) VALUES (?, ?)
             ON CONFLICT (profile_id) DO NOTHING",
        )
        .bind(&profile)
        .bind(now_rfc3339())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The safety gate before a Wim Hof session, from the profile's onboarding answers, its
    /// completed sessions, the notice acknowledgement and the latest message (if any; at most
    /// [`MAX_MESSAGE_CHARS`], like any message).
    pub async fn wim_hof_gate(
        &self,
        profile_id: &ProfileId,
        latest_message: Option<&str>,
    ) -> Result<SafetyDecision> {
        if let Some(message) = latest_message {
            let length = message.chars().count();
            if length > MAX_MESSAGE_CHARS {
                return Err(CoreError::too_long(
                    Subject::Message,
                    MAX_MESSAGE_CHARS,
                    length,
                ));
            }
        }
        let profile = self.profiles.require_profile(profile_id).await?;
        let contraindications = match self.profiles.onboarding(&profile).await {
            Ok(answers) => answers.contraindications,
            Err(e) if e.code() == ErrorCode::NotFound => Vec::new(),
            Err(e) => return Err(e),
        };
        let completed = self.completed_breathing_sessions(&profile).await?;
        let acknowledged = self.wim_hof_notice_acknowledged(&profile).await?;
        Ok(wim_hof_gate(
            &contraindications,
            completed,
            latest_message,
            acknowledged,
        ))
    }
}
