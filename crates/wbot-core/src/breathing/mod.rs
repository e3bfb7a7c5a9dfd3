//! Guided breathing (SPEC §4): techniques and their settings, the session state machine, its
//! running sessions, the Wim Hof safety gate, saved sessions with their statistics, and which
//! vibration each session event calls for on mobile.

pub mod clock;
mod config;
mod engine;
pub mod haptics;
mod live;
mod safety;
mod store;

pub use clock::{Clock, SystemClock, VirtualClock};
pub use config::*;
pub use engine::*;
pub use live::*;
pub use safety::*;
pub use store::*;

use std::path::PathBuf;

use crate::audio::{AudioEngine, SessionAudio};
use crate::db::Db;
use crate::events::EventBus;
use crate::ids::BreathingRunId;
use crate::meditation::VoiceSlot;
use crate::profile::ProfileService;
use crate::runner::LiveRuns;

/// Breathing: saved sessions and their statistics, the sessions running now, and the sound they play.
#[derive(Debug, Clone)]
pub struct BreathingService {
    db: Db,
    profiles: ProfileService,
    /// The app's audio engine, shared with meditation.
    audio: SessionAudio,
    /// Sessions running now, steered by run id.
    runs: LiveRuns<BreathingRunId, Session>,
    /// The local voice, shared with meditation: it speaks the cues once.
    voice: VoiceSlot,
    /// Where the spoken cues are kept.
    data_dir: PathBuf,
    events: EventBus,
}

impl BreathingService {
    pub(crate) fn new(
        db: Db,
        profiles: ProfileService,
        audio: SessionAudio,
        voice: VoiceSlot,
        data_dir: PathBuf,
        events: EventBus,
    ) -> Self {
        Self {
            db,
            profiles,
            audio,
            runs: LiveRuns::default(),
            voice,
            data_dir,
            events,
        }
    }

    /// The audio engine, opening the output device on first use.
    pub fn audio(&self) -> &AudioEngine {
        self.audio.engine()
    }
}
