//! Live playback: the [`Mix`] behind a mutex, pulled block by block by rodio on the device's
//! thread. No audio device is a normal state: the engine says so and everything runs silently.

use std::collections::HashMap;
use std::sync::{mpsc, Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

use serde::Serialize;

use super::mix::{Mix, AMBIENT_FADE_IN, AMBIENT_FADE_OUT, CHANNELS, DEFAULT_RATE};
use super::synth::AmbientLoop;
use super::{AmbientKind, LayerId, PlannedCue};
use crate::breathing::CueSink;
use crate::error::Result;

/// How long to wait for the audio device to open before going on silently.
const OPEN_TIMEOUT: Duration = Duration::from_secs(5);
/// Frames rendered per lock of the mix by the playback thread (~10 ms).
const BLOCK_FRAMES: usize = 480;

/// Whether sound can be heard, and why not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AudioStatus {
    pub available: bool,
    /// Why there is no sound, for people.
    pub reason: Option<String>,
    /// The mix's rate.
    pub sample_rate: u32,
    /// The device's rate, when one is open.
    pub device_sample_rate: Option<u32>,
}

fn lock(mix: &Mutex<Mix>) -> MutexGuard<'_, Mix> {
    // A panic while holding the lock cannot leave the mix half-updated in a harmful way.
    mix.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The mix as a rodio source: renders a block at a time under the lock.
pub struct MixSource {
    mix: Arc<Mutex<Mix>>,
    rate: rodio::SampleRate,
    buffer: Vec<f32>,
    pos: usize,
}

impl MixSource {
    /// A source pulling from `mix`.
    pub fn new(mix: Arc<Mutex<Mix>>) -> Self {
        let rate = lock(&mix).rate();
        Self {
            mix,
            rate: rodio::SampleRate::new(rate).unwrap_or(rodio::SampleRate::MIN),
            buffer: vec![0.0; BLOCK_FRAMES * usize::from(CHANNELS)],
            pos: BLOCK_FRAMES * usize::from(CHANNELS),
        }
    }
}

impl Iterator for MixSource {
    type Item = rodio::Sample;

    fn next(&mut self) -> Option<Self::Item> {
        if self.pos >= self.buffer.len() {
            lock(&self.mix).render(&mut self.buffer);
            self.pos = 0;
        }
        let sample = self.buffer[self.pos];
        self.pos += 1;
        Some(sample)
    }
}

impl rodio::Source for MixSource {
    fn current_span_len(&self) -> Option<usize> {
        None
    }

    fn channels(&self) -> rodio::ChannelCount {
        rodio::ChannelCount::new(CHANNELS).unwrap_or(rodio::ChannelCount::MIN)
    }

    fn sample_rate(&self) -> rodio::SampleRate {
        self.rate
    }

    fn total_duration(&self) -> Option<Duration> {
        None
    }
}

/// The app's audio engine: one mix, played on the default device when there is one.
pub struct AudioEngine {
    mix: Arc<Mutex<Mix>>,
    status: AudioStatus,
    loops: Mutex<HashMap<AmbientKind, Arc<AmbientLoop>>>,
    session_origin: Mutex<Option<u64>>,
    shutdown: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for AudioEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AudioEngine")
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

impl AudioEngine {
    /// Opens the default output device on a thread of its own. Never fails: without a device the
    /// engine reports `available: false` and the mix runs unheard.
    pub fn start() -> Self {
        let mix = Arc::new(Mutex::new(Mix::new(DEFAULT_RATE)));
        let (ready_tx, ready_rx) = mpsc::channel::<std::result::Result<u32, String>>();
        let (stop_tx, stop_rx) = mpsc::channel::<()>();
        let source = MixSource::new(mix.clone());
        let spawned = std::thread::Builder::new()
            .name("wbot-audio".into())
            .spawn(
                move || match rodio::DeviceSinkBuilder::open_default_sink() {
                    Ok(mut sink) => {
                        sink.log_on_drop(false);
                        sink.mixer().add(source);
                        let _ = ready_tx.send(Ok(sink.config().sample_rate().get()));
                        // Keep the device open until the engine is dropped.
                        let _ = stop_rx.recv();
                        drop(sink);
                    }
                    Err(e) => {
                        let _ = ready_tx.send(Err(e.to_string()));
                    }
                },
            );
        let (status, thread) = match spawned {
            Err(e) => (
                unavailable(format!("the audio thread could not start ({e})")),
                None,
            ),
            Ok(thread) => match ready_rx.recv_timeout(OPEN_TIMEOUT) {
                Ok(Ok(rate)) => (
                    AudioStatus {
                        available: true,
                        reason: None,
                        sample_rate: DEFAULT_RATE,
                        device_sample_rate: Some(rate),
                    },
                    Some(thread),
                ),
                Ok(Err(e)) => (
                    unavailable(format!("no audio output device ({e})")),
                    Some(thread),
                ),
                Err(_) => (
                    unavailable("the audio device did not answer in time".to_string()),
                    Some(thread),
                ),
            },
        };
        if status.available {
            tracing::info!(device_rate = ?status.device_sample_rate, "audio output open");
        } else {
            tracing::info!(reason = ?status.reason, "audio unavailable; sessions run silently");
        }
        Self {
            mix,
            status,
            loops: Mutex::new(HashMap::new()),
            session_origin: Mutex::new(None),
            shutdown: Some(stop_tx),
            thread,
        }
    }

    /// An engine with no device at all (tests, headless tools).
    pub fn silent(reason: impl Into<String>) -> Self {
        Self {
            mix: Arc::new(Mutex::new(Mix::new(DEFAULT_RATE))),
            status: unavailable(reason.into()),
            loops: Mutex::new(HashMap::new()),
            session_origin: Mutex::new(None),
            shutdown: None,
            thread: None,
        }
    }

    /// Whether sound can be heard.
    pub fn status(&self) -> AudioStatus {
        self.status.clone()
    }

    /// Runs `f` on the mix (briefly: playback waits meanwhile).
    pub fn with_mix<R>(&self, f: impl FnOnce(&mut Mix) -> R) -> R {
        f(&mut lock(&self.mix))
    }

    /// Sets a layer's volume, 0.0–1.0.
    pub fn set_volume(&self, layer: LayerId, volume: f32) -> Result<()> {
        self.with_mix(|m| m.set_volume(layer, volume))
    }

    /// Mutes or unmutes a layer.
    pub fn set_muted(&self, layer: LayerId, muted: bool) {
        self.with_mix(|m| m.set_muted(layer, muted));
    }

    /// Starts an ambient bed with the standard 2 s fade-in.
    pub fn start_ambient(&self, kind: AmbientKind) {
        let sound = {
            let mut loops = self.loops.lock().unwrap_or_else(|p| p.into_inner());
            // Generated outside the mix lock: it takes a moment and playback must not wait.
            loops
                .entry(kind)
                .or_insert_with(|| Arc::new(AmbientLoop::generate(kind, DEFAULT_RATE)))
                .clone()
        };
        self.with_mix(|m| m.start_ambient(sound, AMBIENT_FADE_IN));
    }

    /// Stops the ambient bed with the standard 1 s fade-out.
    pub fn stop_ambient(&self) {
        self.with_mix(|m| m.stop_ambient(AMBIENT_FADE_OUT));
    }
}

fn unavailable(reason: String) -> AudioStatus {
    AudioStatus {
        available: false,
        reason: Some(format!("Sound is off: {reason}. Sessions run silently.")),
        sample_rate: DEFAULT_RATE,
        device_sample_rate: None,
    }
}

impl CueSink for AudioEngine {
    fn session_started(&self) {
        let origin = self.with_mix(|m| {
            m.reset_session();
            m.position()
        });
        *self
            .session_origin
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = Some(origin);
    }

    fn plan(&self, cues: &[PlannedCue]) {
        let origin = *self
            .session_origin
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        if let Some(origin) = origin {
            self.with_mix(|m| m.schedule_session_cues(origin, cues));
        }
    }

    fn session_ended(&self) {
        self.with_mix(Mix::clear_session_cues);
        *self
            .session_origin
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = None;
    }
}

impl Drop for AudioEngine {
    fn drop(&mut self) {
        if let Some(stop) = self.shutdown.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl crate::Core {
    /// The app's audio engine, opening the output device on first use.
    pub fn audio(&self) -> &AudioEngine {
        self.audio.get_or_init(AudioEngine::start)
    }
}
