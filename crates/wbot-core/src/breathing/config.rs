//! What a breathing session is asked to do: the technique and its settings, checked against SPEC §4.

use serde::{Deserialize, Serialize};

use crate::error::{CoreError, Reason, Result, Subject};
use crate::text::string_enum;

string_enum!(
    /// A breathing technique, as stored and sent.
    Technique {
        Box = "box", Relaxing478 = "relaxing_478", Coherent = "coherent", DeepCalm = "deep_calm",
        Custom = "custom", WimHof = "wim_hof",
    }
);

/// Longest phase of a custom pattern, in seconds.
pub const MAX_PHASE_S: f64 = 30.0;
/// Most cycles of a custom pattern.
pub const MAX_CYCLES: u32 = 50;

/// A continuous pattern: inhale, hold, exhale, hold-after (seconds; 0 skips the phase) and cycles.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Pattern {
    pub inhale_s: f64,
    pub hold_s: f64,
    pub exhale_s: f64,
    pub hold_after_s: f64,
    pub cycles: u32,
}

impl Pattern {
    /// The pattern of a named continuous technique (None for custom and Wim Hof).
    pub fn preset(technique: Technique) -> Option<Self> {
        let p = |inhale_s, hold_s, exhale_s, hold_after_s, cycles| Self {
            inhale_s,
            hold_s,
            exhale_s,
            hold_after_s,
            cycles,
        };
        match technique {
            Technique::Box => Some(p(4.0, 4.0, 4.0, 4.0, 4)),
            Technique::Relaxing478 => Some(p(4.0, 7.0, 8.0, 0.0, 4)),
            Technique::Coherent => Some(p(6.0, 0.0, 6.0, 0.0, 6)),
            Technique::DeepCalm => Some(p(5.0, 2.0, 7.0, 2.0, 5)),
            Technique::Custom | Technique::WimHof => None,
        }
    }

    /// Checks the SPEC ranges: each phase 0–30 s, 1–50 cycles, at least one phase longer than 0.
    pub fn validate(&self) -> Result<()> {
        for (name, value) in [
            ("inhale", self.inhale_s),
            ("hold", self.hold_s),
            ("exhale", self.exhale_s),
            ("hold_after", self.hold_after_s),
        ] {
            if !value.is_finite() || !(0.0..=MAX_PHASE_S).contains(&value) {
                let mut err =
                    CoreError::out_of_range(Subject::BreathingPhase, 0.0, MAX_PHASE_S).value(name);
                if value.is_finite() {
                    err = err.actual(value);
                }
                return Err(err);
            }
        }
        check_range(Subject::Cycles, self.cycles, 1, MAX_CYCLES)?;
        if self.phase_ms().iter().all(|ms| *ms == 0) {
            return Err(CoreError::new(Reason::NoBreathingPhase));
        }
        Ok(())
    }

    /// The four phase lengths in whole milliseconds, in order.
    pub(crate) fn phase_ms(&self) -> [u32; 4] {
        [self.inhale_s, self.hold_s, self.exhale_s, self.hold_after_s].map(seconds_to_ms)
    }
}

/// Wim Hof method settings (SPEC §4). Missing fields take their defaults.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct WimHofSettings {
    /// Rounds, 1–10.
    pub rounds: u32,
    /// Breaths per round, 10–60.
    pub breaths: u32,
    /// Seconds for each inhale and for each exhale of a paced breath, 1.0–3.0.
    pub tempo_s: f64,
    /// The user taps each breath instead of following the tempo.
    pub manual_pacing: bool,
    /// The retention target shown on the stopwatch, 30–300 s.
    pub retention_target_s: u32,
    /// The recovery inhale hold, 5–30 s.
    pub recovery_hold_s: u32,
    /// The pause between rounds, 0–120 s (0 goes straight on).
    pub recovery_pause_s: u32,
}

impl Default for WimHofSettings {
    fn default() -> Self {
        Self {
            rounds: 3,
            breaths: 30,
            tempo_s: 1.5,
            manual_pacing: false,
            retention_target_s: 90,
            recovery_hold_s: 15,
            recovery_pause_s: 15,
        }
    }
}

impl WimHofSettings {
    /// Checks the SPEC ranges.
    pub fn validate(&self) -> Result<()> {
        check_range(Subject::Rounds, self.rounds, 1, 10)?;
        check_range(Subject::Breaths, self.breaths, 10, 60)?;
        if !self.tempo_s.is_finite() || !(1.0..=3.0).contains(&self.tempo_s) {
            let err = CoreError::out_of_range(Subject::BreathTempo, 1.0, 3.0);
            return Err(if self.tempo_s.is_finite() {
                err.actual(self.tempo_s)
            } else {
                err
            });
        }
        check_range(Subject::RetentionHold, self.retention_target_s, 30, 300)?;
        check_range(Subject::RecoveryHold, self.recovery_hold_s, 5, 30)?;
        check_range(Subject::RecoveryPause, self.recovery_pause_s, 0, 120)?;
        Ok(())
    }
}

fn check_range(what: Subject, value: u32, min: u32, max: u32) -> Result<()> {
    if (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(CoreError::out_of_range(what, f64::from(min), f64::from(max)).actual(f64::from(value)))
    }
}

pub(crate) fn seconds_to_ms(seconds: f64) -> u32 {
    // Validated values are 0–30 s, so the cast cannot overflow.
    (seconds * 1000.0).round().clamp(0.0, f64::from(u32::MAX)) as u32
}

/// A session to run: a named technique, a custom pattern, or the Wim Hof method.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "technique", rename_all = "snake_case")]
pub enum SessionConfig {
    Box,
    #[serde(rename = "relaxing_478")]
    Relaxing478,
    Coherent,
    DeepCalm,
    Custom(Pattern),
    WimHof(WimHofSettings),
}

impl SessionConfig {
    /// The config of a technique with its default settings (custom gets box's pattern).
    pub fn default_for(technique: Technique) -> Self {
        match technique {
            Technique::Box => Self::Box,
            Technique::Relaxing478 => Self::Relaxing478,
            Technique::Coherent => Self::Coherent,
            Technique::DeepCalm => Self::DeepCalm,
            Technique::Custom => Self::Custom(Pattern {
                inhale_s: 4.0,
                hold_s: 4.0,
                exhale_s: 4.0,
                hold_after_s: 4.0,
                cycles: 4,
            }),
            Technique::WimHof => Self::WimHof(WimHofSettings::default()),
        }
    }

    /// Which technique this is.
    pub fn technique(&self) -> Technique {
        match self {
            Self::Box => Technique::Box,
            Self::Relaxing478 => Technique::Relaxing478,
            Self::Coherent => Technique::Coherent,
            Self::DeepCalm => Technique::DeepCalm,
            Self::Custom(_) => Technique::Custom,
            Self::WimHof(_) => Technique::WimHof,
        }
    }

    /// The continuous pattern this session follows (None for Wim Hof).
    pub fn pattern(&self) -> Option<Pattern> {
        match self {
            Self::Custom(p) => Some(*p),
            Self::WimHof(_) => None,
            other => Pattern::preset(other.technique()),
        }
    }

    /// Checks every setting against the SPEC ranges.
    pub fn validate(&self) -> Result<()> {
        match self {
            Self::Custom(p) => p.validate(),
            Self::WimHof(w) => w.validate(),
            _ => Ok(()),
        }
    }
}
