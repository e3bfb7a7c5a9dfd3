//! The one audio engine as timed sessions (breathing, the meditation timer) share it: opened on
//! first use, and owned by the session that started last, so that a session ending after another
//! started never clears the newer one's cues or stops its sounds.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Instant;

use super::{AudioEngine, LayerId, PlannedCue};
use crate::error::{CoreError, Result};
use crate::runner::CueSink;

/// The app's audio engine, shared by every session service.
#[derive(Clone, Default)]
pub struct SessionAudio {
    /// Opened on first use: opening a device takes time and most callers never play sound.
    engine: Arc<OnceLock<AudioEngine>>,
    /// The session the engine's cues and sounds belong to (a token per start).
    owner: Arc<AtomicU64>,
}

impl std::fmt::Debug for SessionAudio {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionAudio")
            .field("open", &self.engine.get().is_some())
            .finish()
    }
}

impl SessionAudio {
    /// The engine, opening the output device on first use (blocking).
    pub fn engine(&self) -> &AudioEngine {
        self.engine.get_or_init(AudioEngine::start)
    }

    /// The engine if it has been opened (stopping a sound needs no device).
    pub fn engine_if_open(&self) -> Option<&AudioEngine> {
        self.engine.get()
    }

    /// The engine, opening the device off the async threads on first use (it can take up to a
    /// few seconds when a device is slow to answer).
    pub async fn opened(&self) -> Result<&AudioEngine> {
        if self.engine.get().is_none() {
            let cell = self.engine.clone();
            tokio::task::spawn_blocking(move || {
                cell.get_or_init(AudioEngine::start);
            })
            .await
            .map_err(|e| CoreError::internal(format!("the audio engine did not start ({e})")))?;
        }
        Ok(self.engine())
    }

    /// Makes a new session the engine's owner and returns its cue sink: cues go to the engine
    /// only while this session owns it, and its end fades out the bed and the binaural beats.
    pub fn claim(&self) -> Arc<dyn CueSink> {
        Arc::new(EngineCues {
            engine: self.engine.clone(),
            owner: self.owner.clone(),
            token: self.owner.fetch_add(1, Ordering::SeqCst) + 1,
        })
    }
}

/// The volumes (0–100) of a session's layers, from the profile's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Volumes {
    pub cue: u8,
    pub ambient: u8,
    pub spoken: u8,
    pub breath: u8,
}

/// Sets the session layers' volumes and mutes or unmutes every layer.
pub fn apply_volumes(engine: &AudioEngine, volumes: Volumes, muted: bool) -> Result<()> {
    for (layer, volume) in [
        (LayerId::Cue, volumes.cue),
        (LayerId::Ambient, volumes.ambient),
        (LayerId::Spoken, volumes.spoken),
        (LayerId::Breath, volumes.breath),
    ] {
        engine.set_volume(layer, f32::from(volume) / 100.0)?;
    }
    for layer in LayerId::ALL {
        engine.set_muted(layer, muted);
    }
    Ok(())
}

/// The engine as one session's cue sink.
struct EngineCues {
    engine: Arc<OnceLock<AudioEngine>>,
    owner: Arc<AtomicU64>,
    token: u64,
}

impl EngineCues {
    fn engine(&self) -> Option<&AudioEngine> {
        (self.owner.load(Ordering::SeqCst) == self.token)
            .then(|| self.engine.get())
            .flatten()
    }
}

impl CueSink for EngineCues {
    fn session_started(&self, origin: Instant) {
        if let Some(engine) = self.engine() {
            engine.session_started(origin);
        }
    }

    fn plan(&self, cues: &[PlannedCue]) {
        if let Some(engine) = self.engine() {
            engine.plan(cues);
        }
    }

    fn session_ended(&self) {
        if let Some(engine) = self.engine() {
            engine.session_ended();
            // The bed and the beats belong to the session: they fade out with it.
            engine.stop_ambient();
            engine.stop_binaural();
        }
    }
}
