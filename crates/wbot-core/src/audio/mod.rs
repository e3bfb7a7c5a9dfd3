//! The audio engine (SPEC §5): one mixer with named layers, generated chimes and ambient beds,
//! sample-accurate cues, the same mix rendered live (rodio) or offline (buffer, WAV).

mod engine;
mod mix;
mod synth;

pub use engine::{AudioEngine, AudioStatus};
pub use mix::{
    write_wav, Mix, VoiceSource, AMBIENT_FADE_IN, AMBIENT_FADE_OUT, CHANNELS, DEFAULT_RATE,
    LATE_CUE_GRACE, VOLUME_RAMP,
};
pub use synth::{chime, AmbientLoop, CHIME_ATTACK_S, CHIME_DECAY_S, CHIME_PEAK};

use serde::{Deserialize, Serialize};

/// A layer of the mix. Voice and binaural are reserved for meditation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum LayerId {
    /// Phase chimes and bells.
    Cue,
    /// Ambient beds (ocean, noise, ...).
    Ambient,
    /// Guided voice or a meditation track.
    Voice,
    /// Binaural beats.
    Binaural,
}

impl LayerId {
    /// Every layer, in mixing order.
    pub const ALL: [Self; 4] = [Self::Cue, Self::Ambient, Self::Voice, Self::Binaural];

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

/// A phase chime (SPEC §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ChimeKind {
    Inhale,
    Hold,
    Exhale,
}

impl ChimeKind {
    /// The chime's pitch.
    pub fn frequency_hz(self) -> f64 {
        match self {
            Self::Inhale => 528.0,
            Self::Hold => 396.0,
            Self::Exhale => 417.0,
        }
    }
}

/// An ambient bed. All are generated on the device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum AmbientKind {
    /// Low-passed brown noise with slow swells.
    Ocean,
    Pink,
    Brown,
}

impl AmbientKind {
    /// Every bed, in the order offered.
    pub const ALL: [Self; 3] = [Self::Ocean, Self::Pink, Self::Brown];

    /// The value as stored and sent.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ocean => "ocean",
            Self::Pink => "pink",
            Self::Brown => "brown",
        }
    }
}

impl std::str::FromStr for AmbientKind {
    type Err = crate::CoreError;

    fn from_str(s: &str) -> crate::Result<Self> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                crate::CoreError::new(crate::error::Reason::InvalidValue)
                    .value(s)
                    .expected(&Self::ALL.map(Self::as_str))
            })
    }
}

/// A cue fixed by a session's schedule: a chime at a time in session-clock ms.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PlannedCue {
    pub chime: ChimeKind,
    pub at_ms: f64,
}
