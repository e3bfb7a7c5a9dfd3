//! Meditation (SPEC §5): the timer with its bells, bed and binaural beats, run in the core from
//! one start instant ([`timer`], [`live`]), and the saved sessions (migrations 0008, 0016). Every
//! query filters on the profile.

mod live;
mod series;
mod spoken;
mod timer;
mod tracks;

pub use live::*;
pub use series::*;
pub use spoken::*;
pub use timer::*;
pub use tracks::*;

use std::path::PathBuf;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::chat::{Activity, ActivitySummary};
use sqlx::FromRow;

use crate::audio::{AmbientKind, BinauralBand, SessionAudio};
use crate::db::{local_date, parse_time, utc_text, Db, Page};
use crate::error::{CoreError, Reason, Result, Subject};
use crate::events::EventBus;
use crate::ids::{MeditationRunId, MeditationSessionId, ProfileId};
use crate::mood::{check_mood, mood_columns, save_activity_moods, MoodActivity};
use crate::profile::ProfileService;
use crate::runner::LiveRuns;
use crate::text::string_enum;

/// The most sessions one page of history holds.
pub const MAX_PAGE: u32 = 100;
/// How far a timer may overrun or fall short of the plan and still count (timers fire late).
pub const SLACK_MS: u32 = 5_000;

string_enum!(
    /// What kind of meditation a session was.
    MeditationKind { Silent = "silent" }
);

/// A finished or ended-early timer session, to be saved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct NewMeditationSession {
    /// The timer as the person set it (its fields sit beside these in JSON).
    #[serde(flatten)]
    pub config: TimerConfig,
    /// Time meditating, pauses excluded; at most the plan (plus a few seconds).
    pub duration_ms: u32,
    /// Whether the timer ran to its end (rather than "End now").
    pub completed: bool,
    /// RFC 3339.
    pub started_at: String,
    /// RFC 3339, not before the start.
    pub ended_at: String,
    /// 1–5.
    pub mood_before: Option<u8>,
    /// 1–5.
    pub mood_after: Option<u8>,
}

/// A saved meditation session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MeditationSession {
    pub id: MeditationSessionId,
    pub kind: MeditationKind,
    /// The timer as the person set it (its fields sit beside these in JSON).
    #[serde(flatten)]
    pub config: TimerConfig,
    pub duration_ms: u32,
    pub completed: bool,
    /// RFC 3339 (UTC).
    pub started_at: String,
    /// RFC 3339 (UTC).
    pub ended_at: String,
    pub mood_before: Option<u8>,
    pub mood_after: Option<u8>,
}

/// One page of meditation history, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MeditationHistory {
    pub items: Vec<MeditationSession>,
    /// Sessions in all pages.
    pub total: u32,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: MeditationSessionId,
    kind: String,
    planned_ms: i64,
    interval_ms: Option<i64>,
    ambient: Option<String>,
    binaural: Option<String>,
    duration_ms: i64,
    completed: bool,
    started_at: String,
    ended_at: String,
    mood_before: Option<i64>,
    mood_after: Option<i64>,
}

static COLUMNS: LazyLock<String> = LazyLock::new(|| {
    format!(
        "id, kind, planned_ms, interval_ms, ambient, binaural, duration_ms, completed, started_at,
         ended_at, {}",
        mood_columns("meditation_sessions.id")
    )
});

fn ms(v: i64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

fn mood(v: Option<i64>) -> Option<u8> {
    v.and_then(|m| u8::try_from(m).ok())
}

impl TryFrom<Row> for MeditationSession {
    type Error = CoreError;

    fn try_from(row: Row) -> Result<Self> {
        Ok(Self {
            kind: row.kind.parse()?,
            id: row.id,
            config: TimerConfig {
                planned_ms: ms(row.planned_ms),
                interval_ms: row.interval_ms.map(ms),
                ambient: row.ambient.as_deref().map(str::parse).transpose()?,
                binaural: row.binaural.as_deref().map(str::parse).transpose()?,
            },
            duration_ms: ms(row.duration_ms),
            completed: row.completed,
            started_at: row.started_at,
            ended_at: row.ended_at,
            mood_before: mood(row.mood_before),
            mood_after: mood(row.mood_after),
        })
    }
}

/// Checks a session before saving; returns its start and end as UTC RFC 3339, and its local day.
fn validate(input: &NewMeditationSession) -> Result<(String, String, String)> {
    input.config.validate()?;
    let planned_ms = input.config.planned_ms;
    if input.duration_ms > planned_ms.saturating_add(SLACK_MS) {
        return Err(CoreError::new(Reason::LongerThanPlanned));
    }
    if input.completed && input.duration_ms.saturating_add(SLACK_MS) < planned_ms {
        return Err(CoreError::new(Reason::CompletedTooEarly));
    }
    if !input.completed && input.duration_ms >= planned_ms {
        return Err(CoreError::new(Reason::RanWholeTime));
    }
    let started = parse_time(&input.started_at, Subject::StartTime)?;
    let ended = parse_time(&input.ended_at, Subject::EndTime)?;
    if ended < started {
        return Err(CoreError::new(Reason::EndBeforeStart));
    }
    // Pauses make the wall-clock span longer than the time meditated, never shorter.
    let span_ms = (ended - started).whole_milliseconds();
    if span_ms + i128::from(SLACK_MS) < i128::from(input.duration_ms) {
        return Err(CoreError::new(Reason::LongerThanSpan));
    }
    check_mood(input.mood_before, Subject::MoodBefore)?;
    check_mood(input.mood_after, Subject::MoodAfter)?;
    Ok((utc_text(started)?, utc_text(ended)?, local_date(started)))
}

/// Meditation: timers running now, and the saved sessions.
#[derive(Debug, Clone)]
pub struct MeditationService {
    db: Db,
    profiles: ProfileService,
    /// The app's audio engine, shared with breathing.
    audio: SessionAudio,
    /// Timers running now, steered by run id.
    runs: LiveRuns<MeditationRunId, Timer>,
    /// Where guided tracks are kept (`tracks/<profile>/` inside it).
    data_dir: PathBuf,
    events: EventBus,
    /// The guided track playing or paused now.
    player: tracks::PlayerSlot,
    /// The local voice that speaks written meditations.
    voice: VoiceSlot,
}

impl MeditationService {
    pub(crate) fn new(
        db: Db,
        profiles: ProfileService,
        audio: SessionAudio,
        data_dir: PathBuf,
        events: EventBus,
        voice: VoiceSlot,
    ) -> Self {
        Self {
            db,
            profiles,
            audio,
            runs: LiveRuns::default(),
            data_dir,
            events,
            player: tracks::PlayerSlot::default(),
            voice,
        }
    }

    /// Saves a finished or ended-early timer session for a profile.
    pub async fn save_meditation_session(
        &self,
        profile_id: &ProfileId,
        input: NewMeditationSession,
    ) -> Result<MeditationSession> {
        let profile = self.profiles.require_profile(profile_id).await?;
        let (started_at, ended_at, day) = validate(&input)?;
        let id = MeditationSessionId::new();
        let kind = MeditationKind::Silent;
        let mut tx = self.db.begin_write().await?;
        sqlx::query(
            "INSERT INTO meditation_sessions (id, profile_id, kind, planned_ms, interval_ms,
                 ambient, binaural, duration_ms, completed, started_at, ended_at, local_date)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&id)
        .bind(&profile)
        .bind(kind.as_str())
        .bind(i64::from(input.config.planned_ms))
        .bind(input.config.interval_ms.map(i64::from))
        .bind(input.config.ambient.map(AmbientKind::as_str))
        .bind(input.config.binaural.map(BinauralBand::as_str))
        .bind(i64::from(input.duration_ms))
        .bind(input.completed)
        .bind(&started_at)
        .bind(&ended_at)
        .bind(&day)
        .execute(&mut *tx)
        .await?;
        save_activity_moods(
            &mut tx,
            &profile,
            MoodActivity::Meditation,
            id.as_str(),
            input.mood_before.map(|m| (m, started_at.as_str())),
            input.mood_after.map(|m| (m, ended_at.as_str())),
        )
        .await?;
        tx.commit().await?;
        tracing::info!(profile = %profile, session = %id, "meditation session saved");
        Ok(MeditationSession {
            id,
            kind,
            config: input.config,
            duration_ms: input.duration_ms,
            completed: input.completed,
            started_at,
            ended_at,
            mood_before: input.mood_before,
            mood_after: input.mood_after,
        })
    }

    /// One page of a profile's saved meditation sessions, newest first (`limit` 1–100, default 20).
    pub async fn meditation_history(
        &self,
        profile_id: &ProfileId,
        page: Page,
    ) -> Result<MeditationHistory> {
        let profile = self.profiles.require_profile(profile_id).await?;
        let (rows, total) = self
            .db
            .owned_page::<Row>(
                "meditation_sessions",
                &COLUMNS,
                "started_at DESC, id DESC",
                &profile,
                page,
                MAX_PAGE,
            )
            .await?;
        Ok(MeditationHistory {
            items: rows
                .into_iter()
                .map(MeditationSession::try_from)
                .collect::<Result<_>>()?,
            total,
        })
    }

    /// Deletes a saved meditation session of a profile, with its mood check-ins.
    pub async fn delete_meditation_session(
        &self,
        profile_id: &ProfileId,
        session_id: &MeditationSessionId,
    ) -> Result<()> {
        let profile = self.profiles.require_profile(profile_id).await?;
        self.db
            .delete_owned(
                "meditation_sessions",
                Subject::MeditationSession,
                session_id,
                &profile,
            )
            .await
    }

    /// One saved meditation session of a profile.
    pub async fn meditation_session(
        &self,
        profile_id: &ProfileId,
        session_id: &MeditationSessionId,
    ) -> Result<MeditationSession> {
        let profile = self.profiles.require_profile(profile_id).await?;
        let row = self
            .db
            .owned_row(
                "meditation_sessions",
                &COLUMNS,
                Subject::MeditationSession,
                session_id,
                &profile,
            )
            .await?;
        Row::from_row(&row)?.try_into()
    }
}

impl ActivitySummary {
    /// The summary of a saved meditation session.
    pub fn of_meditation(session: &MeditationSession) -> Self {
        Self {
            activity: Activity::Meditation,
            technique: session.kind.as_str().to_string(),
            duration_ms: session.duration_ms,
            completed: session.completed,
            mood_before: session.mood_before,
            mood_after: session.mood_after,
            session_id: session.id.to_string(),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failing test should panic
mod tests {
    use super::*;

    fn input() -> NewMeditationSession {
        NewMeditationSession {
            config: TimerConfig {
                planned_ms: 300_000,
                interval_ms: None,
                ambient: None,
                binaural: None,
            },
            duration_ms: 300_000,
            completed: true,
            started_at: "2026-11-25T10:00:00Z".into(),
            ended_at: "2026-11-25T10:05:30+00:00".into(),
            mood_before: None,
            mood_after: Some(4),
        }
    }

    #[test]
    fn a_complete_session_passes_and_times_become_utc() {
        let mut i = input();
        i.started_at = "2026-11-25T00:30:00+01:00".into();
        i.ended_at = "2026-11-25T00:35:30+01:00".into();
        let (start, end, day) = validate(&i).unwrap();
        assert_eq!(start, "2026-11-24T23:30:00Z");
        assert_eq!(end, "2026-11-24T23:35:30Z");
        assert_eq!(day, "2026-11-25", "the day where the person was");
    }

    #[test]
    fn completed_must_agree_with_the_time_meditated() {
        let mut early = input();
        early.duration_ms = 120_000;
        assert!(validate(&early).is_err());
        early.completed = false;
        assert!(validate(&early).is_ok());
        let mut full = input();
        full.completed = false;
        assert!(validate(&full).is_err());
    }

    #[test]
    fn the_time_meditated_fits_between_start_and_end() {
        let mut i = input();
        i.ended_at = "2026-11-25T10:01:00Z".into();
        assert!(validate(&i).is_err());
    }
}
