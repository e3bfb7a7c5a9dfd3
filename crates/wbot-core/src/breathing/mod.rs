//! Guided breathing (SPEC §4): techniques and their settings, the session state machine, its
//! real-time runner, the Wim Hof safety gate, saved sessions with their statistics, and which
//! vibration each session event calls for on mobile.

pub mod clock;
mod config;
mod engine;
pub mod haptics;
mod live;
mod runner;
mod safety;
mod store;

pub use clock::{Clock, SystemClock, VirtualClock};
pub use config::*;
pub use engine::*;
pub use live::*;
pub use runner::*;
pub use safety::*;
pub use store::*;

use std::sync::{Arc, OnceLock};

use crate::audio::AudioEngine;
use crate::db::Db;
use crate::profile::ProfileService;

/// Breathing: saved sessions and their statistics, the sessions running now, and the sound they play.
#[derive(Debug, Clone)]
pub struct BreathingService {
    db: Db,
    profiles: ProfileService,
    /// Opened on first use: opening a device takes time and most callers never play sound.
    audio: Arc<OnceLock<AudioEngine>>,
    /// Sessions running now, steered by run id.
    runs: LiveSessions,
}

impl BreathingService {
    pub fn new(db: Db, profiles: ProfileService) -> Self {
        Self {
            db,
            profiles,
            audio: Arc::default(),
            runs: LiveSessions::default(),
        }
    }

    /// The audio engine, opening the output device on first use.
    pub fn audio(&self) -> &AudioEngine {
        self.audio.get_or_init(AudioEngine::start)
    }
}
