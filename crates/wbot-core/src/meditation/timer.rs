//! The meditation timer (SPEC §5) as a state machine over the session clock: bells at the start,
//! every interval and the end, placed from one start instant and shifted by pauses; the runner
//! ([`crate::runner`]) drives it in real time and hands its bells to the audio engine.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::audio::{AmbientKind, BinauralBand, ChimeKind, PlannedCue};
use crate::error::{CoreError, Reason, Result, Subject};
use crate::runner::{RunnerCommand, Timed};
use crate::text::string_enum;

/// Shortest timer: 1 minute.
pub const MIN_PLANNED_MS: u32 = 60_000;
/// Longest timer: 180 minutes.
pub const MAX_PLANNED_MS: u32 = 180 * 60_000;
/// Shortest interval between bells: 1 minute.
pub const MIN_INTERVAL_MS: u32 = 60_000;
/// Longest interval between bells: 30 minutes.
pub const MAX_INTERVAL_MS: u32 = 30 * 60_000;

/// How a timer session sounds and lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TimerConfig {
    /// 1–180 minutes.
    pub planned_ms: u32,
    /// A bell every 1–30 minutes between the start and end bells; None for none.
    #[serde(default)]
    pub interval_ms: Option<u32>,
    /// The bed under the silence, at the profile's ambient volume; None for silence.
    #[serde(default)]
    pub ambient: Option<AmbientKind>,
    /// Binaural beats (headphones); None for none.
    #[serde(default)]
    pub binaural: Option<BinauralBand>,
}

fn minutes(ms: u32) -> f64 {
    f64::from(ms) / 60_000.0
}

impl TimerConfig {
    /// Checks the length and the interval.
    pub fn validate(&self) -> Result<()> {
        check_planned(self.planned_ms)?;
        if let Some(interval) = self.interval_ms {
            if !(MIN_INTERVAL_MS..=MAX_INTERVAL_MS).contains(&interval) {
                return Err(CoreError::out_of_range(
                    Subject::BellInterval,
                    minutes(MIN_INTERVAL_MS),
                    minutes(MAX_INTERVAL_MS),
                )
                .actual(minutes(interval)));
            }
        }
        Ok(())
    }

    /// Every bell, in order: the start, each interval strictly inside the session, the end.
    pub fn bells(&self) -> Vec<Bell> {
        let mut bells = vec![Bell {
            kind: BellKind::Start,
            at_ms: 0,
        }];
        if let Some(interval) = self.interval_ms.filter(|&i| i > 0) {
            bells.extend(
                (1..)
                    .map(|k: u32| k.saturating_mul(interval))
                    .take_while(|&at| at < self.planned_ms)
                    .map(|at_ms| Bell {
                        kind: BellKind::Interval,
                        at_ms,
                    }),
            );
        }
        bells.push(Bell {
            kind: BellKind::End,
            at_ms: self.planned_ms,
        });
        bells
    }
}

/// Checks a planned length, 1–180 minutes.
pub fn check_planned(planned_ms: u32) -> Result<()> {
    if (MIN_PLANNED_MS..=MAX_PLANNED_MS).contains(&planned_ms) {
        return Ok(());
    }
    Err(CoreError::out_of_range(
        Subject::MeditationLength,
        minutes(MIN_PLANNED_MS),
        minutes(MAX_PLANNED_MS),
    )
    .actual(minutes(planned_ms)))
}

string_enum!(
    /// Which bell rings.
    BellKind { Start = "start", Interval = "interval", End = "end" }
);

/// A bell at a time meditated (pauses excluded).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Bell {
    pub kind: BellKind,
    pub at_ms: u32,
}

/// What a running timer tells the UI. Times are time meditated, pauses excluded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum TimerEvent {
    /// A bell rang.
    Bell {
        bell: Bell,
    },
    /// About ten times a second while running.
    Tick {
        elapsed_ms: u32,
        remaining_ms: u32,
    },
    Paused {
        elapsed_ms: u32,
    },
    Resumed {
        elapsed_ms: u32,
    },
    /// The timer ran to its end.
    Completed {
        duration_ms: u32,
    },
    /// The person ended it early.
    Stopped {
        duration_ms: u32,
    },
}

/// What a finished timer did, ready to save.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TimerSummary {
    pub config: TimerConfig,
    /// Time meditated, pauses excluded.
    pub duration_ms: u32,
    pub completed: bool,
}

/// A meditation timer on the session clock (time since its start, pauses included).
#[derive(Debug, Clone)]
pub struct Timer {
    config: TimerConfig,
    bells: Vec<Bell>,
    /// Bells before this index have rung.
    rung: usize,
    paused_since: Option<Duration>,
    paused_total: Duration,
    /// Bells at or before this time meditated were placed in an earlier running stretch.
    cued_until: Option<Duration>,
    /// Time meditated when it ended, and whether it ran to the end.
    ended: Option<(Duration, bool)>,
}

fn ms(d: Duration) -> u32 {
    u32::try_from(d.as_millis()).unwrap_or(u32::MAX)
}

fn at(ms: u32) -> Duration {
    Duration::from_millis(u64::from(ms))
}

impl Timer {
    /// A timer that starts at session time zero.
    pub fn new(config: TimerConfig) -> Result<Self> {
        config.validate()?;
        Ok(Self {
            bells: config.bells(),
            config,
            rung: 0,
            paused_since: None,
            paused_total: Duration::ZERO,
            cued_until: None,
            ended: None,
        })
    }

    /// Time meditated at `now`.
    pub fn elapsed(&self, now: Duration) -> Duration {
        if let Some((elapsed, _)) = self.ended {
            return elapsed;
        }
        let paused = self.paused_total + self.paused_since.map_or(Duration::ZERO, |s| now - s);
        now.saturating_sub(paused).min(at(self.config.planned_ms))
    }

    fn planned(&self) -> Duration {
        at(self.config.planned_ms)
    }

    fn end(&mut self, elapsed: Duration, completed: bool) -> TimerEvent {
        self.ended = Some((elapsed, completed));
        self.paused_since = None;
        let duration_ms = ms(elapsed);
        if completed {
            TimerEvent::Completed { duration_ms }
        } else {
            TimerEvent::Stopped { duration_ms }
        }
    }
}

impl Timed for Timer {
    type Event = TimerEvent;
    type Summary = TimerSummary;

    fn advance(&mut self, now: Duration) -> Vec<TimerEvent> {
        let mut events = Vec::new();
        if self.ended.is_some() {
            return events;
        }
        let elapsed = self.elapsed(now);
        while let Some(&bell) = self.bells.get(self.rung) {
            if at(bell.at_ms) > elapsed {
                break;
            }
            self.rung += 1;
            events.push(TimerEvent::Bell { bell });
        }
        if elapsed >= self.planned() {
            events.push(self.end(self.planned(), true));
        }
        events
    }

    fn next_deadline(&self) -> Option<Duration> {
        if self.ended.is_some() || self.paused_since.is_some() {
            return None;
        }
        let next = self
            .bells
            .get(self.rung)
            .map_or(self.config.planned_ms, |b| b.at_ms);
        Some(at(next) + self.paused_total)
    }

    fn tick(&self, now: Duration) -> Option<TimerEvent> {
        if self.ended.is_some() {
            return None;
        }
        let elapsed = self.elapsed(now);
        Some(TimerEvent::Tick {
            elapsed_ms: ms(elapsed),
            remaining_ms: ms(self.planned().saturating_sub(elapsed)),
        })
    }

    fn is_finished(&self) -> bool {
        self.ended.is_some()
    }

    fn is_paused(&self) -> bool {
        self.paused_since.is_some()
    }

    fn apply(&mut self, command: RunnerCommand, now: Duration) -> Result<Vec<TimerEvent>> {
        let mut events = self.advance(now);
        if self.ended.is_some() {
            return match command {
                RunnerCommand::Stop => Ok(events),
                _ => Err(CoreError::new(Reason::SessionEnded)),
            };
        }
        let elapsed = self.elapsed(now);
        match command {
            RunnerCommand::Pause if self.paused_since.is_none() => {
                self.paused_since = Some(now);
                events.push(TimerEvent::Paused {
                    elapsed_ms: ms(elapsed),
                });
            }
            RunnerCommand::Resume => {
                if let Some(since) = self.paused_since.take() {
                    self.paused_total += now - since;
                    self.cued_until = Some(elapsed);
                    events.push(TimerEvent::Resumed {
                        elapsed_ms: ms(elapsed),
                    });
                }
            }
            RunnerCommand::Pause => {}
            RunnerCommand::Stop => events.push(self.end(elapsed, false)),
            RunnerCommand::Tap | RunnerCommand::Release => {
                return Err(CoreError::new(Reason::InvalidValue)
                    .value(&format!("{command:?}").to_lowercase())
                    .expected(&["pause", "resume", "stop"]))
            }
        }
        Ok(events)
    }

    /// Every bell of the running stretch, including those that rang in it (the mix never rings
    /// a cue twice, and the start bell rings just after the first advance).
    fn planned_cues(&self) -> Vec<PlannedCue> {
        if self.ended.is_some() || self.paused_since.is_some() {
            return Vec::new();
        }
        let shift = self.paused_total.as_secs_f64() * 1000.0;
        self.bells
            .iter()
            .filter(|b| self.cued_until.is_none_or(|until| at(b.at_ms) > until))
            .map(|b| PlannedCue {
                chime: ChimeKind::Bell,
                at_ms: f64::from(b.at_ms) + shift,
                word: None,
                breath: None,
            })
            .collect()
    }

    fn summary(&self) -> TimerSummary {
        let (elapsed, completed) = self.ended.unwrap_or((Duration::ZERO, false));
        TimerSummary {
            config: self.config,
            duration_ms: ms(elapsed),
            completed,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failing test should panic
mod tests {
    use super::*;

    fn config(minutes: u32, interval: Option<u32>) -> TimerConfig {
        TimerConfig {
            planned_ms: minutes * 60_000,
            interval_ms: interval.map(|m| m * 60_000),
            ambient: None,
            binaural: None,
        }
    }

    fn s(secs: u64) -> Duration {
        Duration::from_secs(secs)
    }

    #[test]
    fn bells_ring_at_the_start_each_interval_and_the_end() {
        let bells = config(10, Some(3)).bells();
        let times: Vec<u32> = bells.iter().map(|b| b.at_ms / 60_000).collect();
        assert_eq!(times, [0, 3, 6, 9, 10]);
        assert_eq!(bells[0].kind, BellKind::Start);
        assert_eq!(bells[4].kind, BellKind::End);
        // An interval that divides the length does not ring twice at the end.
        let times: Vec<u32> = config(10, Some(5))
            .bells()
            .iter()
            .map(|b| b.at_ms / 60_000)
            .collect();
        assert_eq!(times, [0, 5, 10]);
    }

    #[test]
    fn lengths_and_intervals_out_of_range_are_refused() {
        assert!(Timer::new(config(0, None)).is_err());
        assert!(Timer::new(config(181, None)).is_err());
        assert!(Timer::new(config(180, Some(30))).is_ok());
        assert!(Timer::new(config(10, Some(31))).is_err());
        let mut c = config(10, None);
        c.interval_ms = Some(59_999);
        assert!(Timer::new(c).is_err());
    }

    #[test]
    fn a_pause_shifts_every_later_bell_and_the_end() {
        let mut t = Timer::new(config(3, Some(1))).unwrap();
        assert!(matches!(t.advance(s(0))[..], [TimerEvent::Bell { .. }]));
        assert_eq!(t.next_deadline(), Some(s(60)));
        t.apply(RunnerCommand::Pause, s(30)).unwrap();
        assert!(t.planned_cues().is_empty(), "no bell rings while paused");
        assert_eq!(t.next_deadline(), None);
        t.apply(RunnerCommand::Resume, s(50)).unwrap();
        assert_eq!(t.next_deadline(), Some(s(80)));
        let cues: Vec<f64> = t.planned_cues().iter().map(|c| c.at_ms).collect();
        assert_eq!(
            cues,
            [80_000.0, 140_000.0, 200_000.0],
            "the start is not rung again"
        );
        assert!(t.advance(s(79)).is_empty());
        assert_eq!(
            t.tick(s(79)),
            Some(TimerEvent::Tick {
                elapsed_ms: 59_000,
                remaining_ms: 121_000
            })
        );
        let end = t.advance(s(200));
        assert_eq!(end.len(), 4, "three bells and the completion: {end:?}");
        assert_eq!(
            end[3],
            TimerEvent::Completed {
                duration_ms: 180_000
            }
        );
        assert!(t.is_finished());
        assert_eq!(t.summary().duration_ms, 180_000);
        assert!(t.summary().completed);
    }

    #[test]
    fn stopping_early_keeps_the_time_meditated_without_pauses() {
        let mut t = Timer::new(config(5, None)).unwrap();
        t.advance(s(0));
        t.apply(RunnerCommand::Pause, s(10)).unwrap();
        t.apply(RunnerCommand::Resume, s(40)).unwrap();
        let events = t.apply(RunnerCommand::Stop, s(70)).unwrap();
        assert_eq!(
            events,
            [TimerEvent::Stopped {
                duration_ms: 40_000
            }]
        );
        assert_eq!(t.summary().duration_ms, 40_000);
        assert!(!t.summary().completed);
        assert!(
            t.apply(RunnerCommand::Pause, s(71)).is_err(),
            "an ended timer takes no pause"
        );
        assert!(
            t.apply(RunnerCommand::Stop, s(71)).unwrap().is_empty(),
            "a second stop is harmless"
        );
    }

    #[test]
    fn breathing_commands_are_refused() {
        let mut t = Timer::new(config(5, None)).unwrap();
        assert!(t.apply(RunnerCommand::Tap, s(1)).is_err());
        assert!(!t.is_finished());
    }
}
