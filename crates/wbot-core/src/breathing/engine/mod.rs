//! The session state machine. It never reads a clock: every call takes `now`, a monotonic
//! [`Duration`] since the clock's origin, and every phase boundary is derived from the schedule
//! (one start, shifted by paused time, re-anchored only by the user's own taps and releases), so a
//! late call never moves later boundaries and a long session never drifts.

mod events;

pub use events::*;

use std::time::Duration;

use super::config::{seconds_to_ms, SessionConfig, WimHofSettings};
use crate::audio::{BreathSound, ChimeKind, CueWord, PlannedCue};
use crate::error::{CoreError, Reason, Result};
use crate::runner::{RunnerCommand, Timed};

#[derive(Debug, Clone, Copy)]
struct Step {
    phase: Phase,
    /// None: the user ends it.
    duration_ms: Option<u32>,
    /// Cycle or round, from 1.
    group: u32,
    breath: Option<u32>,
    target_ms: Option<u32>,
}

fn build_steps(config: &SessionConfig) -> Vec<Step> {
    let step = |phase, duration_ms, group, breath, target_ms| Step {
        phase,
        duration_ms,
        group,
        breath,
        target_ms,
    };
    let mut steps = Vec::new();
    match config {
        SessionConfig::WimHof(w) => {
            // The tempo is one whole breath (SPEC §4): half of it in, the rest out.
            let tempo = seconds_to_ms(w.tempo_s);
            let (inhale, exhale) = (tempo / 2, tempo - tempo / 2);
            for round in 1..=w.rounds {
                for breath in 1..=w.breaths {
                    if w.manual_pacing {
                        steps.push(step(Phase::Breath, None, round, Some(breath), None));
                    } else {
                        steps.push(step(Phase::Inhale, Some(inhale), round, Some(breath), None));
                        steps.push(step(Phase::Exhale, Some(exhale), round, Some(breath), None));
                    }
                }
                let target = Some(w.retention_target_s.saturating_mul(1000));
                steps.push(step(Phase::Retention, None, round, None, target));
                let hold = w.recovery_hold_s.saturating_mul(1000);
                steps.push(step(Phase::RecoveryHold, Some(hold), round, None, None));
                if round < w.rounds && w.recovery_pause_s > 0 {
                    let pause = w.recovery_pause_s.saturating_mul(1000);
                    steps.push(step(Phase::RecoveryPause, Some(pause), round, None, None));
                }
            }
        }
        other => {
            if let Some(pattern) = other.pattern() {
                let phases = [Phase::Inhale, Phase::Hold, Phase::Exhale, Phase::HoldAfter];
                for cycle in 1..=pattern.cycles {
                    for (phase, ms) in phases.iter().zip(pattern.phase_ms()) {
                        if ms > 0 {
                            steps.push(step(*phase, Some(ms), cycle, None, None));
                        }
                    }
                }
            }
        }
    }
    steps
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum RunState {
    Running,
    Paused { at: Duration },
    Completed,
    Stopped,
}

#[derive(Debug, Clone)]
struct Progress {
    number: u32,
    start: Duration,
    end: Option<Duration>,
    completed: bool,
    breaths: u32,
    retention: Option<Duration>,
}

fn ms(d: Duration) -> f64 {
    // Through whole nanoseconds, so whole milliseconds come out exact.
    d.as_nanos() as f64 / 1e6
}

fn ms_u32(d: Duration) -> u32 {
    u32::try_from(d.as_millis()).unwrap_or(u32::MAX)
}

/// A breathing session in progress: a pure state machine over monotonic time.
#[derive(Debug, Clone)]
pub struct Session {
    config: SessionConfig,
    steps: Vec<Step>,
    origin: Duration,
    state: RunState,
    announced: bool,
    index: usize,
    /// Active time (pauses excluded) at which the current step began.
    step_start: Duration,
    /// Session-clock time (pauses included) at which the current step began.
    step_start_wall: Duration,
    paused_total: Duration,
    end_active: Option<Duration>,
    stop_point: Option<StopPoint>,
    progress: Vec<Progress>,
}

impl Session {
    /// Starts a session at `now`; the first [`Session::advance`] announces the first phase.
    pub fn new(config: SessionConfig, now: Duration) -> Result<Self> {
        config.validate()?;
        let steps = build_steps(&config);
        let Some(first) = steps.first().copied() else {
            return Err(CoreError::new(Reason::NoBreathingPhase));
        };
        Ok(Self {
            config,
            steps,
            origin: now,
            state: RunState::Running,
            announced: false,
            index: 0,
            step_start: Duration::ZERO,
            step_start_wall: Duration::ZERO,
            paused_total: Duration::ZERO,
            end_active: None,
            stop_point: None,
            progress: vec![Progress {
                number: first.group,
                start: Duration::ZERO,
                end: None,
                completed: false,
                breaths: 0,
                retention: None,
            }],
        })
    }

    /// The settings this session runs.
    pub fn config(&self) -> &SessionConfig {
        &self.config
    }

    /// The clock reading the session started at.
    pub fn origin(&self) -> Duration {
        self.origin
    }

    /// True once completed or stopped.
    pub fn is_finished(&self) -> bool {
        matches!(self.state, RunState::Completed | RunState::Stopped)
    }

    /// True while paused.
    pub fn is_paused(&self) -> bool {
        matches!(self.state, RunState::Paused { .. })
    }

    /// The current phase (the last one, once finished).
    pub fn phase(&self) -> Phase {
        self.steps[self.index].phase
    }

    fn is_wim_hof(&self) -> bool {
        matches!(self.config, SessionConfig::WimHof(_))
    }

    /// Session time elapsed at `now`, pauses excluded.
    fn active(&self, now: Duration) -> Duration {
        if let Some(end) = self.end_active {
            return end;
        }
        let until = match self.state {
            RunState::Paused { at } => at.min(now),
            _ => now,
        };
        until
            .saturating_sub(self.origin)
            .saturating_sub(self.paused_total)
    }

    fn phase_changed(&self) -> SessionEvent {
        let step = self.steps[self.index];
        let (cycle, round) = if self.is_wim_hof() {
            (None, Some(step.group))
        } else {
            (Some(step.group), None)
        };
        SessionEvent::PhaseChanged(PhaseChange {
            phase: step.phase,
            duration_ms: step.duration_ms.map(f64::from),
            target_ms: step.target_ms.map(f64::from),
            cycle,
            round,
            breath: step.breath,
            started_at_ms: ms(self.step_start_wall),
        })
    }

    /// Closes the current step at active time `end` and records what it achieved.
    fn finish_step(&mut self, end: Duration) {
        let step = self.steps[self.index];
        let next_group = self.steps.get(self.index + 1).map(|s| s.group);
        let step_start = self.step_start;
        if let Some(p) = self.progress.last_mut() {
            match step.phase {
                Phase::Exhale | Phase::Breath if step.breath.is_some() => p.breaths += 1,
                Phase::Retention => p.retention = Some(end.saturating_sub(step_start)),
                _ => {}
            }
            if next_group != Some(step.group) {
                p.completed = true;
                p.end = Some(end);
            }
        }
    }

    /// Enters step `index + 1` at active time `start`; returns false when there is none.
    fn enter_next(&mut self, start: Duration) -> bool {
        let next = self.index + 1;
        let Some(step) = self.steps.get(next).copied() else {
            return false;
        };
        self.index = next;
        self.step_start = start;
        // Entered before any later pause, so the pause total so far is the right shift.
        self.step_start_wall = self.paused_total + start;
        if self.progress.last().map(|p| p.number) != Some(step.group) {
            self.progress.push(Progress {
                number: step.group,
                start,
                end: None,
                completed: false,
                breaths: 0,
                retention: None,
            });
        }
        true
    }

    /// Moves through every phase boundary the schedule puts at or before `now`.
    pub fn advance(&mut self, now: Duration) -> Vec<SessionEvent> {
        let mut events = Vec::new();
        if !self.announced {
            self.announced = true;
            events.push(self.phase_changed());
        }
        if self.is_finished() {
            return events;
        }
        let active = self.active(now);
        while let Some(duration) = self.steps[self.index].duration_ms {
            let end = self.step_start + Duration::from_millis(u64::from(duration));
            if active < end {
                break;
            }
            self.finish_step(end);
            if self.enter_next(end) {
                events.push(self.phase_changed());
            } else {
                self.step_start = end;
                self.end_active = Some(end);
                self.state = RunState::Completed;
                events.push(SessionEvent::Completed(Completion {
                    stats: self.stats(),
                }));
                break;
            }
        }
        events
    }

    /// When the next scheduled boundary falls (clock time), or None while paused, finished or
    /// waiting on the user.
    pub fn next_deadline(&self) -> Option<Duration> {
        if self.state != RunState::Running {
            return None;
        }
        if !self.announced {
            return Some(self.origin);
        }
        let duration = self.steps[self.index].duration_ms?;
        Some(
            self.origin
                + self.paused_total
                + self.step_start
                + Duration::from_millis(u64::from(duration)),
        )
    }

    /// Countdown state at `now` (None once finished). Call [`Session::advance`] first.
    pub fn tick(&self, now: Duration) -> Option<SessionEvent> {
        if self.is_finished() {
            return None;
        }
        let active = self.active(now);
        let step = self.steps[self.index];
        let elapsed = active.saturating_sub(self.step_start);
        Some(SessionEvent::Tick(TickInfo {
            phase: step.phase,
            elapsed_ms: ms(elapsed),
            remaining_ms: step
                .duration_ms
                .map(|d| (f64::from(d) - ms(elapsed)).max(0.0)),
            session_elapsed_ms: ms(active),
            paused: self.is_paused(),
        }))
    }

    /// Pauses at `now`; the schedule waits until [`Session::resume`].
    pub fn pause(&mut self, now: Duration) -> Vec<SessionEvent> {
        let mut events = self.advance(now);
        if self.state == RunState::Running {
            self.state = RunState::Paused { at: now };
            events.push(SessionEvent::Paused(PauseInfo {
                at_ms: ms(now.saturating_sub(self.origin)),
                paused_ms: 0.0,
            }));
        }
        events
    }

    /// Resumes at `now`, shifting every later boundary by the time spent paused.
    pub fn resume(&mut self, now: Duration) -> Vec<SessionEvent> {
        let RunState::Paused { at } = self.state else {
            return Vec::new();
        };
        let paused = now.saturating_sub(at);
        self.paused_total += paused;
        self.state = RunState::Running;
        vec![SessionEvent::Resumed(PauseInfo {
            at_ms: ms(now.saturating_sub(self.origin)),
            paused_ms: ms(paused),
        })]
    }

    /// Ends the current user-ended phase (`phase`) at `now`.
    fn end_open_phase(
        &mut self,
        now: Duration,
        phase: Phase,
        what: &str,
    ) -> Result<Vec<SessionEvent>> {
        let mut events = self.advance(now);
        match self.state {
            RunState::Running => {}
            RunState::Paused { .. } => {
                return Err(CoreError::new(Reason::SessionPaused).value(what))
            }
            RunState::Completed | RunState::Stopped => {
                return Err(CoreError::new(Reason::SessionEnded))
            }
        }
        if self.steps[self.index].phase != phase {
            return Err(CoreError::new(Reason::WrongPhase).value(what));
        }
        let at = self.active(now).max(self.step_start);
        self.finish_step(at);
        if self.enter_next(at) {
            events.push(self.phase_changed());
        } else {
            self.end_active = Some(at);
            self.state = RunState::Completed;
            events.push(SessionEvent::Completed(Completion {
                stats: self.stats(),
            }));
        }
        Ok(events)
    }

    /// Manual Wim Hof pacing: the user finished a breath.
    pub fn breath_tap(&mut self, now: Duration) -> Result<Vec<SessionEvent>> {
        self.end_open_phase(now, Phase::Breath, "breath")
    }

    /// Wim Hof: the user releases the retention.
    pub fn release(&mut self, now: Duration) -> Result<Vec<SessionEvent>> {
        self.end_open_phase(now, Phase::Retention, "release")
    }

    /// Stops early at `now`, recording where. Does nothing once finished.
    pub fn stop(&mut self, now: Duration) -> Vec<SessionEvent> {
        let mut events = self.advance(now);
        if self.is_finished() {
            return events;
        }
        let active = self.active(now).max(self.step_start);
        let step = self.steps[self.index];
        let step_start = self.step_start;
        if let Some(p) = self.progress.last_mut() {
            p.end = Some(active);
            if step.phase == Phase::Retention {
                p.retention = Some(active.saturating_sub(step_start));
            }
        }
        let (cycle, round) = if self.is_wim_hof() {
            (None, Some(step.group))
        } else {
            (Some(step.group), None)
        };
        let at = StopPoint {
            phase: step.phase,
            cycle,
            round,
            breath: step.breath,
            phase_elapsed_ms: ms(active.saturating_sub(step_start)),
        };
        self.end_active = Some(active);
        self.state = RunState::Stopped;
        self.stop_point = Some(at.clone());
        events.push(SessionEvent::Stopped(Stop {
            at,
            stats: self.stats(),
        }));
        events
    }

    /// The cues the schedule already fixes from the current phase on (the current phase's own cue
    /// included, so a phase the user just started still rings), in session-clock ms. Empty while
    /// paused or finished. The very first phase never has one.
    pub fn planned_cues(&self) -> Vec<PlannedCue> {
        let mut cues = Vec::new();
        if self.state != RunState::Running {
            return cues;
        }
        let mut index = self.index;
        let mut start = self.step_start;
        loop {
            if let Some((chime, word)) = self.chime_for(index) {
                let at = if index == self.index {
                    self.step_start_wall
                } else {
                    self.paused_total + start
                };
                let step = self.steps[index];
                // A paced inhale or exhale is breathed as long as it lasts.
                let breath = match (step.phase, step.duration_ms) {
                    (Phase::Inhale | Phase::Exhale, Some(length)) if !self.is_wim_hof() => {
                        Some(BreathSound {
                            inhale: step.phase == Phase::Inhale,
                            length_ms: f64::from(length),
                        })
                    }
                    _ => None,
                };
                cues.push(PlannedCue {
                    chime,
                    at_ms: ms(at),
                    word: Some(word),
                    breath,
                });
            }
            let Some(duration) = self.steps[index].duration_ms else {
                break;
            };
            index += 1;
            if index >= self.steps.len() {
                break;
            }
            start += Duration::from_millis(u64::from(duration));
        }
        cues
    }

    /// The chime of step `index`, and the word spoken with it.
    fn chime_for(&self, index: usize) -> Option<(ChimeKind, CueWord)> {
        if index == 0 {
            return None;
        }
        let step = self.steps[index];
        if self.is_wim_hof() {
            // Paced breaths are too fast for a chime each; mark the turns of the round instead.
            return match step.phase {
                Phase::Inhale | Phase::Breath if step.breath == Some(1) => {
                    Some((ChimeKind::Inhale, CueWord::Breaths))
                }
                Phase::Retention => Some((ChimeKind::Hold, CueWord::Retention)),
                Phase::RecoveryHold => Some((ChimeKind::Inhale, CueWord::Recovery)),
                Phase::RecoveryPause => Some((ChimeKind::Exhale, CueWord::LetGo)),
                _ => None,
            };
        }
        match step.phase {
            Phase::Inhale => Some((ChimeKind::Inhale, CueWord::In)),
            Phase::Hold | Phase::HoldAfter => Some((ChimeKind::Hold, CueWord::Hold)),
            Phase::Exhale => Some((ChimeKind::Exhale, CueWord::Out)),
            _ => None,
        }
    }

    /// Totals so far (final once finished).
    pub fn stats(&self) -> SessionStats {
        let active = self.end_active.unwrap_or(self.step_start);
        let retentions: Vec<f64> = self
            .progress
            .iter()
            .filter_map(|p| p.retention.map(ms))
            .collect();
        let completed = self.progress.iter().filter(|p| p.completed).count();
        let completed = u32::try_from(completed).unwrap_or(u32::MAX);
        let (cycles_completed, rounds_completed) = if self.is_wim_hof() {
            (0, completed)
        } else {
            (completed, 0)
        };
        SessionStats {
            technique: self.config.technique(),
            active_ms: ms(active),
            total_ms: ms(active + self.paused_total),
            cycles_completed,
            rounds_completed,
            breaths: self.progress.iter().map(|p| p.breaths).sum(),
            average_retention_ms: (!retentions.is_empty())
                .then(|| retentions.iter().sum::<f64>() / retentions.len() as f64),
            best_retention_ms: retentions.iter().copied().reduce(f64::max),
            retentions_ms: retentions,
        }
    }

    /// What the session did, for saving.
    pub fn summary(&self) -> SessionSummary {
        let wim_hof = self.is_wim_hof();
        let fallback_end = self.end_active.unwrap_or(self.step_start);
        let rounds = self
            .progress
            .iter()
            .map(|p| RoundRecord {
                number: p.number,
                completed: p.completed,
                duration_ms: ms_u32(p.end.unwrap_or(fallback_end).saturating_sub(p.start)),
                breaths: wim_hof.then_some(p.breaths),
                retention_ms: p.retention.map(ms_u32),
            })
            .collect();
        SessionSummary {
            config: self.config,
            completed: self.state == RunState::Completed,
            stopped_at: self.stop_point.clone(),
            rounds,
            duration_ms: ms_u32(fallback_end),
            stats: self.stats(),
        }
    }

    /// The Wim Hof settings, when this is a Wim Hof session.
    pub fn wim_hof(&self) -> Option<&WimHofSettings> {
        match &self.config {
            SessionConfig::WimHof(w) => Some(w),
            _ => None,
        }
    }
}

impl Timed for Session {
    type Event = SessionEvent;
    type Summary = SessionSummary;

    fn advance(&mut self, now: Duration) -> Vec<SessionEvent> {
        Session::advance(self, now)
    }

    fn next_deadline(&self) -> Option<Duration> {
        Session::next_deadline(self)
    }

    fn tick(&self, now: Duration) -> Option<SessionEvent> {
        Session::tick(self, now)
    }

    fn is_finished(&self) -> bool {
        Session::is_finished(self)
    }

    fn is_paused(&self) -> bool {
        Session::is_paused(self)
    }

    fn apply(&mut self, command: RunnerCommand, now: Duration) -> Result<Vec<SessionEvent>> {
        match command {
            RunnerCommand::Pause => Ok(self.pause(now)),
            RunnerCommand::Resume => Ok(self.resume(now)),
            RunnerCommand::Stop => Ok(self.stop(now)),
            RunnerCommand::Tap => self.breath_tap(now),
            RunnerCommand::Release => self.release(now),
        }
    }

    fn planned_cues(&self) -> Vec<PlannedCue> {
        Session::planned_cues(self)
    }

    fn summary(&self) -> SessionSummary {
        Session::summary(self)
    }
}
