//! Live playback: the [`Mix`] behind a mutex, rendered straight into the output device's buffers
//! on the device's own thread (cpal, as re-exported by rodio). Each buffer the device asks for
//! comes with when it will be heard, which the mix keeps as its output clock, so a session's cues
//! are placed where the listener hears them rather than where they are rendered (see
//! [`Mix::frame_heard_at`]). No audio device is a normal state: the engine says so and
//! everything runs silently.

use std::collections::HashMap;
use std::sync::{mpsc, Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use rodio::cpal;
use rodio::cpal::traits::{DeviceTrait, HostTrait, StreamTrait};
use serde::Serialize;

use super::mix::{Mix, VoiceSource, AMBIENT_FADE_IN, AMBIENT_FADE_OUT, DEFAULT_RATE, VOLUME_RAMP};
use super::synth::AmbientLoop;
use super::{AmbientKind, BinauralBand, LayerId, PlannedCue};
use crate::error::Result;
use crate::runner::CueSink;

/// How long to wait for the audio device to open before going on silently.
const OPEN_TIMEOUT: Duration = Duration::from_secs(5);
/// The device buffer asked for: 50 ms, as rodio does, since some systems' defaults are far off
/// (too small breaks up, too large only adds latency, which the output clock makes up for).
const BUFFER_SECONDS: f64 = 0.05;

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

/// What the device thread shares with the engine.
struct Shared {
    mix: Arc<Mutex<Mix>>,
    /// The device's latest report of how far ahead of hearing it asks for audio.
    latency: Arc<Mutex<Option<Duration>>>,
    /// Whether cues follow the device's clock (always, except to measure what it is worth).
    align: Arc<std::sync::atomic::AtomicBool>,
}

/// Opens the default output device (or the first that opens) and starts rendering the mix
/// into it. The mix is re-made at the device's rate, so nothing is resampled.
fn open_output(shared: &Shared) -> std::result::Result<(cpal::Stream, u32), String> {
    let host = cpal::default_host();
    let mut devices: Vec<cpal::Device> = host.default_output_device().into_iter().collect();
    if let Ok(more) = host.output_devices() {
        devices.extend(more);
    }
    let mut first_error = None;
    // ALSA's "null" device takes samples and discards them: opening it would only pretend
    // there is sound.
    let discards = |d: &cpal::Device| {
        d.description()
            .is_ok_and(|desc| desc.driver() == Some("null"))
    };
    for device in devices.iter().filter(|d| !discards(d)) {
        match open_device(device, shared) {
            Ok(opened) => return Ok(opened),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    Err(first_error.unwrap_or_else(|| "no output device".to_string()))
}

fn open_device(
    device: &cpal::Device,
    shared: &Shared,
) -> std::result::Result<(cpal::Stream, u32), String> {
    let supported = device.default_output_config().map_err(|e| e.to_string())?;
    let rate = supported.sample_rate();
    *lock(&shared.mix) = Mix::new(rate);
    let frames = ((f64::from(rate) * BUFFER_SECONDS) as u32).max(64) & !1;
    let mut config = cpal::StreamConfig {
        channels: supported.channels(),
        sample_rate: rate,
        buffer_size: cpal::BufferSize::Fixed(frames),
    };
    let stream = match build_stream(device, &config, supported.sample_format(), shared) {
        Ok(stream) => stream,
        Err(_) => {
            config.buffer_size = cpal::BufferSize::Default;
            build_stream(device, &config, supported.sample_format(), shared)?
        }
    };
    stream.play().map_err(|e| e.to_string())?;
    Ok((stream, rate))
}

fn build_stream(
    device: &cpal::Device,
    config: &cpal::StreamConfig,
    format: cpal::SampleFormat,
    shared: &Shared,
) -> std::result::Result<cpal::Stream, String> {
    use cpal::SampleFormat as F;
    match format {
        F::F32 => build::<f32>(device, config, shared),
        F::F64 => build::<f64>(device, config, shared),
        F::I16 => build::<i16>(device, config, shared),
        F::I32 => build::<i32>(device, config, shared),
        F::U16 => build::<u16>(device, config, shared),
        F::U8 => build::<u8>(device, config, shared),
        F::I8 => build::<i8>(device, config, shared),
        other => Err(format!(
            "the device's sample format {other} is not supported"
        )),
    }
}

fn build<T>(
    device: &cpal::Device,
    config: &cpal::StreamConfig,
    shared: &Shared,
) -> std::result::Result<cpal::Stream, String>
where
    T: cpal::SizedSample + cpal::FromSample<f32>,
{
    let channels = usize::from(config.channels.max(1));
    let mix = shared.mix.clone();
    let latency = shared.latency.clone();
    let align = shared.align.clone();
    let mut stereo: Vec<f32> = Vec::new();
    device
        .build_output_stream::<T, _, _>(
            *config,
            move |data: &mut [T], info: &cpal::OutputCallbackInfo| {
                let stamp = info.timestamp();
                let ahead = stamp.playback.duration_since(stamp.callback);
                // The first frame of this buffer is heard `ahead` from now.
                let heard_at = Instant::now() + ahead;
                let frames = data.len() / channels;
                stereo.resize(frames * 2, 0.0);
                {
                    let mut mix = lock(&mix);
                    if align.load(std::sync::atomic::Ordering::Relaxed) {
                        let at = mix.position();
                        mix.set_output_clock(at, heard_at);
                    } else {
                        mix.clear_output_clock();
                    }
                    mix.render(&mut stereo);
                }
                *latency.lock().unwrap_or_else(|p| p.into_inner()) = Some(ahead);
                for (out, frame) in data.chunks_exact_mut(channels).zip(stereo.chunks_exact(2)) {
                    if let [only] = out {
                        *only = T::from_sample(0.5 * (frame[0] + frame[1]));
                    } else {
                        for (i, sample) in out.iter_mut().enumerate() {
                            *sample = match i {
                                0 | 1 => T::from_sample(frame[i]),
                                _ => T::EQUILIBRIUM,
                            };
                        }
                    }
                }
                for sample in data.chunks_exact_mut(channels).into_remainder() {
                    *sample = T::EQUILIBRIUM;
                }
            },
            |err| tracing::warn!(error = %err, "audio output error"),
            None,
        )
        .map_err(|e| e.to_string())
}

/// The app's audio engine: one mix, played on the default device when there is one.
pub struct AudioEngine {
    mix: Arc<Mutex<Mix>>,
    latency: Arc<Mutex<Option<Duration>>>,
    align: Arc<std::sync::atomic::AtomicBool>,
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
        let shared = Shared {
            mix: Arc::new(Mutex::new(Mix::new(DEFAULT_RATE))),
            latency: Arc::new(Mutex::new(None)),
            align: Arc::new(std::sync::atomic::AtomicBool::new(true)),
        };
        let (ready_tx, ready_rx) = mpsc::channel::<std::result::Result<u32, String>>();
        let (stop_tx, stop_rx) = mpsc::channel::<()>();
        let device_side = Shared {
            mix: shared.mix.clone(),
            latency: shared.latency.clone(),
            align: shared.align.clone(),
        };
        let spawned = std::thread::Builder::new()
            .name("wbot-audio".into())
            .spawn(move || match open_output(&device_side) {
                Ok((stream, rate)) => {
                    let _ = ready_tx.send(Ok(rate));
                    // Keep the device open until the engine is dropped.
                    let _ = stop_rx.recv();
                    drop(stream);
                }
                Err(e) => {
                    let _ = ready_tx.send(Err(e));
                }
            });
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
                        sample_rate: rate,
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
            mix: shared.mix,
            latency: shared.latency,
            align: shared.align,
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
            latency: Arc::new(Mutex::new(None)),
            align: Arc::new(std::sync::atomic::AtomicBool::new(true)),
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

    /// How far ahead of hearing the device last asked for audio (its buffer and the sound
    /// server's), as it reported; None without a device or before its first request.
    pub fn output_latency(&self) -> Option<Duration> {
        *self.latency.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Whether sessions started from now on place their cues by the device's clock (the
    /// default) or by the render position, as before it, which sounds late by
    /// [`AudioEngine::output_latency`]. Only for measuring what the alignment is worth.
    pub fn align_cues_to_output(&self, on: bool) {
        self.align.store(on, std::sync::atomic::Ordering::Relaxed);
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
            let rate = self.with_mix(|m| m.rate());
            loops
                .entry(kind)
                .or_insert_with(|| Arc::new(AmbientLoop::generate(kind, rate)))
                .clone()
        };
        self.with_mix(|m| m.start_ambient(sound, AMBIENT_FADE_IN));
    }

    /// Stops the ambient bed with the standard 1 s fade-out.
    pub fn stop_ambient(&self) {
        self.with_mix(|m| m.stop_ambient(AMBIENT_FADE_OUT));
    }

    /// Starts binaural beats with the beds' 2 s fade-in.
    pub fn start_binaural(&self, band: BinauralBand) {
        self.with_mix(|m| m.start_binaural(band, AMBIENT_FADE_IN));
    }

    /// Plays a guided track from now, fading in over [`VOLUME_RAMP`] (it may start mid-word).
    pub fn start_track(&self, source: Box<dyn VoiceSource>) {
        self.with_mix(|m| m.start_track(source, VOLUME_RAMP));
    }

    /// Stops the guided track over [`VOLUME_RAMP`], so it never clicks.
    pub fn stop_track(&self) {
        self.with_mix(|m| m.stop_track(VOLUME_RAMP));
    }

    /// Stops binaural beats with the beds' 1 s fade-out.
    pub fn stop_binaural(&self) {
        self.with_mix(|m| m.stop_binaural(AMBIENT_FADE_OUT));
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
    fn session_started(&self, origin: std::time::Instant) {
        let origin = self.with_mix(|m| {
            m.reset_session();
            // The frame the listener hears at the session's start, not the next one rendered:
            // the device plays what is rendered now only after its buffer, so cues placed from
            // the render position would sound late by the output latency.
            m.frame_heard_at(origin)
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
