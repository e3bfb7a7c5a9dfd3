//! The audio engine (SPEC §5): one mixer with named layers, generated chimes and ambient beds,
//! sample-accurate cues, the same mix rendered live (rodio) or offline (buffer, WAV).

mod engine;
mod mix;
mod session;
mod synth;

pub use engine::{AudioEngine, AudioStatus};
pub use mix::{
    write_wav, Mix, VoiceSource, AMBIENT_FADE_IN, AMBIENT_FADE_OUT, CHANNELS, DEFAULT_RATE,
    LATE_CUE_GRACE, VOLUME_RAMP,
};
pub use session::{apply_volumes, SessionAudio, Volumes};
pub use synth::{
    breath, chime, AmbientLoop, BinauralVoice, BELL_DECAY_S, BINAURAL_CARRIER_HZ, CHIME_ATTACK_S,
    CHIME_DECAY_S, CHIME_PEAK,
};

use serde::{Deserialize, Serialize};

use crate::error::{CoreError, Result};
use crate::text::string_enum;

/// A layer of the mix. Voice and binaural are reserved for meditation; spoken cues and breath
/// sounds for breathing.
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
    /// Breathing cues spoken by the local voice ("breathe in", "hold", ...).
    Spoken,
    /// Soft inhale and exhale sounds shaped to each phase.
    Breath,
}

impl LayerId {
    /// Every layer, in mixing order.
    pub const ALL: [Self; 6] = [
        Self::Cue,
        Self::Ambient,
        Self::Voice,
        Self::Binaural,
        Self::Spoken,
        Self::Breath,
    ];

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

/// A cue sound: a breathing phase's chime (SPEC §4) or the meditation timer's bell (SPEC §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ChimeKind {
    Inhale,
    Hold,
    Exhale,
    /// A singing-bowl bell with a long decay: start, interval and end of a meditation.
    Bell,
}

impl ChimeKind {
    /// Every cue sound.
    pub const ALL: [Self; 4] = [Self::Inhale, Self::Hold, Self::Exhale, Self::Bell];

    /// The sound's pitch (the bell's fundamental).
    pub fn frequency_hz(self) -> f64 {
        match self {
            Self::Inhale => 528.0,
            Self::Hold => 396.0,
            Self::Exhale => 417.0,
            Self::Bell => 256.0,
        }
    }
}

string_enum!(
    /// A binaural beat (SPEC §5): a 200 Hz carrier in the left ear and carrier + beat in the right;
    /// delta 2 Hz, theta 6, alpha 10, beta 20.
    BinauralBand { Delta = "delta", Theta = "theta", Alpha = "alpha", Beta = "beta" }
);

impl BinauralBand {
    /// The difference between the ears' tones.
    pub fn beat_hz(self) -> f64 {
        match self {
            Self::Delta => 2.0,
            Self::Theta => 6.0,
            Self::Alpha => 10.0,
            Self::Beta => 20.0,
        }
    }
}

string_enum!(
    /// An ambient bed, all generated on the device: ocean (low-passed brown noise with slow
    /// swells), rain (bright noise with a patter of drops), forest (wind in leaves with distant
    /// birds), and white, pink and brown noise.
    AmbientKind {
        Ocean = "ocean",
        Rain = "rain",
        Forest = "forest",
        White = "white",
        Pink = "pink",
        Brown = "brown",
    }
);

string_enum!(
    /// A breathing cue the local voice speaks with a phase's chime: the phases of a paced
    /// technique, and the turns of a Wim Hof round (its breaths, the retention, the recovery
    /// breath and letting it go).
    CueWord {
        In = "in", Hold = "hold", Out = "out", Breaths = "breaths",
        Retention = "retention", Recovery = "recovery", LetGo = "let_go",
    }
);

/// The spoken cues, each as mono samples at the mix's rate.
pub type CueClips = std::collections::BTreeMap<CueWord, std::sync::Arc<[f32]>>;

/// A breath sound: an inhale or an exhale, as long as its phase.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct BreathSound {
    pub inhale: bool,
    pub length_ms: f64,
}

/// A cue fixed by a session's schedule: a chime at a time in session-clock ms, with the word
/// spoken and the breath sound heard with it when the session has them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PlannedCue {
    pub chime: ChimeKind,
    pub at_ms: f64,
    pub word: Option<CueWord>,
    pub breath: Option<BreathSound>,
}

/// What a session adds to its chimes (the profile's settings): spoken cues, breath sounds.
#[derive(Debug, Clone, Default)]
pub struct SessionSounds {
    /// The spoken cues, when the person wants them and the voice could speak them.
    pub words: Option<std::sync::Arc<CueClips>>,
    pub breaths: bool,
}
