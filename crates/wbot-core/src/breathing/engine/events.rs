//! What a breathing session reports while it runs and when it ends: phase changes, ticks, pauses, its completion or stop, per-round records and the summary.

use serde::{Deserialize, Serialize};

use crate::breathing::config::{SessionConfig, Technique};

/// A phase of a breathing session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Inhale,
    Hold,
    Exhale,
    HoldAfter,
    /// One manually paced Wim Hof breath: it ends when the user taps.
    Breath,
    /// Wim Hof breath retention: a stopwatch until the user releases.
    Retention,
    /// Wim Hof recovery breath, held.
    RecoveryHold,
    /// Rest between Wim Hof rounds.
    RecoveryPause,
}

/// A phase has begun.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PhaseChange {
    pub phase: Phase,
    /// How long the phase lasts; None when the user ends it (manual breath, retention).
    pub duration_ms: Option<f64>,
    /// The retention target shown on the stopwatch.
    pub target_ms: Option<f64>,
    /// Cycle of a continuous technique, from 1.
    pub cycle: Option<u32>,
    /// Round of the Wim Hof method, from 1.
    pub round: Option<u32>,
    /// Breath within a Wim Hof round, from 1.
    pub breath: Option<u32>,
    /// When the phase started by the schedule, in ms since the session started (pauses included).
    pub started_at_ms: f64,
}

/// Countdown state of the current phase (the runner sends about ten a second).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TickInfo {
    pub phase: Phase,
    /// Time spent in this phase, pauses excluded (the retention stopwatch).
    pub elapsed_ms: f64,
    /// Time left in this phase; None when the user ends it.
    pub remaining_ms: Option<f64>,
    /// Time spent in the session, pauses excluded.
    pub session_elapsed_ms: f64,
    pub paused: bool,
}

/// A pause or resume.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PauseInfo {
    /// When, in ms since the session started.
    pub at_ms: f64,
    /// On resume: how long the pause lasted.
    pub paused_ms: f64,
}

/// Where a session was stopped early.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct StopPoint {
    pub phase: Phase,
    pub cycle: Option<u32>,
    pub round: Option<u32>,
    pub breath: Option<u32>,
    /// Time spent in that phase before stopping.
    pub phase_elapsed_ms: f64,
}

/// Totals of a finished session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SessionStats {
    pub technique: Technique,
    /// Time breathing, pauses excluded.
    pub active_ms: f64,
    /// Time from start to end, pauses included.
    pub total_ms: f64,
    pub cycles_completed: u32,
    pub rounds_completed: u32,
    /// Wim Hof breaths taken.
    pub breaths: u32,
    /// Wim Hof retention per round, in order.
    pub retentions_ms: Vec<f64>,
    pub average_retention_ms: Option<f64>,
    pub best_retention_ms: Option<f64>,
}

/// The session reached its end.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Completion {
    pub stats: SessionStats,
}

/// The session was stopped early.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Stop {
    pub at: StopPoint,
    pub stats: SessionStats,
}

/// Everything a session tells the UI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum SessionEvent {
    PhaseChanged(PhaseChange),
    Tick(TickInfo),
    Paused(PauseInfo),
    Resumed(PauseInfo),
    /// Sent exactly once, when the last phase ends.
    Completed(Completion),
    /// Sent exactly once, when the session is stopped before its end.
    Stopped(Stop),
}

/// One cycle (continuous techniques) or round (Wim Hof), as saved with the session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RoundRecord {
    /// Cycle or round number, from 1.
    pub number: u32,
    pub completed: bool,
    /// Time spent in it, pauses excluded.
    pub duration_ms: u32,
    /// Wim Hof: breaths taken.
    pub breaths: Option<u32>,
    /// Wim Hof: breath retention (until release, or until stopped).
    pub retention_ms: Option<u32>,
}

/// What a session did, ready to be saved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SessionSummary {
    pub config: SessionConfig,
    pub completed: bool,
    pub stopped_at: Option<StopPoint>,
    pub rounds: Vec<RoundRecord>,
    /// Time breathing, pauses excluded.
    pub duration_ms: u32,
    pub stats: SessionStats,
}
