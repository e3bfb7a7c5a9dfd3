//! The one mixing code path: layers of voices, rendered sample by sample. Live playback pulls it
//! through [`super::engine::MixSource`]; tests and exports pull it into a buffer or a WAV file.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::synth::{breath, chime, AmbientLoop, BinauralVoice};
use super::{AmbientKind, BinauralBand, ChimeKind, LayerId, PlannedCue, SessionSounds};
use crate::error::{CoreError, Result, Subject};

/// Output channels (interleaved stereo).
pub const CHANNELS: u16 = 2;
/// The mix's sample rate; rodio converts to the device's.
pub const DEFAULT_RATE: u32 = 48_000;
/// Ambient fade-in when it starts.
pub const AMBIENT_FADE_IN: Duration = Duration::from_secs(2);
/// Ambient fade-out when it stops.
pub const AMBIENT_FADE_OUT: Duration = Duration::from_secs(1);
/// Volume and mute changes ramp over this, so they never click.
pub const VOLUME_RAMP: Duration = Duration::from_millis(20);
/// A cue planned this far in the past still plays (late, at once); older ones are dropped.
pub const LATE_CUE_GRACE: Duration = Duration::from_millis(100);
/// The layers a session's cues play on: chimes and bells, spoken cues, breath sounds.
const CUE_LAYERS: [LayerId; 3] = [LayerId::Cue, LayerId::Spoken, LayerId::Breath];

/// Something a layer plays: yields stereo frames until it ends.
pub trait VoiceSource: Send {
    /// The next frame, or None when the sound has ended.
    fn next_frame(&mut self) -> Option<[f32; 2]>;
}

struct ChimeVoice {
    samples: Arc<[f32]>,
    pos: usize,
}

impl VoiceSource for ChimeVoice {
    fn next_frame(&mut self) -> Option<[f32; 2]> {
        let v = *self.samples.get(self.pos)?;
        self.pos += 1;
        Some([v, v])
    }
}

struct LoopVoice {
    sound: Arc<AmbientLoop>,
    pos: usize,
}

impl VoiceSource for LoopVoice {
    fn next_frame(&mut self) -> Option<[f32; 2]> {
        let samples = self.sound.samples();
        if samples.len() < 2 {
            return None;
        }
        let i = self.pos * 2;
        let frame = [samples[i], samples[i + 1]];
        self.pos = (self.pos + 1) % self.sound.frames();
        Some(frame)
    }
}

/// A linear gain ramp, advanced once per frame. Each value is computed from the ramp's start,
/// not by adding steps, so long fades neither overshoot nor wobble.
#[derive(Debug, Clone, Copy)]
struct Ramp {
    from: f32,
    target: f32,
    len: u64,
    done: u64,
}

impl Ramp {
    fn at(value: f32) -> Self {
        Self {
            from: value,
            target: value,
            len: 0,
            done: 0,
        }
    }

    fn value(&self) -> f32 {
        if self.done >= self.len {
            self.target
        } else {
            let t = self.done as f64 / self.len as f64;
            (f64::from(self.from) + (f64::from(self.target) - f64::from(self.from)) * t) as f32
        }
    }

    fn set(&mut self, target: f32, frames: u64) {
        self.from = self.value();
        self.target = target;
        self.len = frames;
        self.done = 0;
    }

    /// The gain for this frame, then one step on.
    fn next(&mut self) -> f32 {
        let v = self.value();
        if self.done < self.len {
            self.done += 1;
        }
        v
    }

    fn is_silent_for_good(&self) -> bool {
        self.done >= self.len && self.target == 0.0
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    SessionCue,
    Ambient,
    Binaural,
    Track,
    Other,
}

struct Voice {
    start: u64,
    source: Box<dyn VoiceSource>,
    env: Ramp,
    fade_in_frames: u64,
    /// Drop the voice once its envelope reaches silence.
    releasing: bool,
    tag: Tag,
}

struct Layer {
    volume: f32,
    muted: bool,
    gain: Ramp,
    playing: Vec<Voice>,
    /// Sorted by start, latest first, so the next to start is at the end.
    pending: Vec<Voice>,
}

impl Layer {
    fn new(volume: f32) -> Self {
        Self {
            volume,
            muted: false,
            gain: Ramp::at(volume),
            playing: Vec::new(),
            pending: Vec::new(),
        }
    }

    fn target_gain(&self) -> f32 {
        if self.muted {
            0.0
        } else {
            self.volume
        }
    }
}

/// The mixer: named layers with volume, mute and fades, and sample-accurate scheduling.
pub struct Mix {
    rate: u32,
    position: u64,
    layers: Vec<Layer>,
    chimes: [Arc<[f32]>; 4],
    last_session_cue: Option<u64>,
    /// What the session's cues bring besides their chimes.
    sounds: SessionSounds,
    /// Breath sounds made so far, by (inhale, frames): a session repeats a few lengths.
    breaths: std::collections::HashMap<(bool, usize), Arc<[f32]>>,
    /// The bed started last and not stopped since.
    ambient: Option<AmbientKind>,
    /// The binaural beats started last and not stopped since.
    binaural: Option<BinauralBand>,
    /// When the device will play a frame: the last (frame, instant) the device reported.
    output_clock: Option<(u64, Instant)>,
}

impl std::fmt::Debug for Mix {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mix")
            .field("rate", &self.rate)
            .field("position", &self.position)
            .finish_non_exhaustive()
    }
}

impl Mix {
    /// A silent mix at `rate` frames per second, every layer at full volume.
    pub fn new(rate: u32) -> Self {
        let rate = rate.max(1);
        Self {
            rate,
            position: 0,
            layers: LayerId::ALL.iter().map(|_| Layer::new(1.0)).collect(),
            chimes: ChimeKind::ALL.map(|k| Arc::from(chime(k, rate))),
            last_session_cue: None,
            sounds: SessionSounds::default(),
            breaths: std::collections::HashMap::new(),
            ambient: None,
            binaural: None,
            output_clock: None,
        }
    }

    /// Records that frame `frame` of the mix will be heard at `heard_at` (the device reports
    /// this with every buffer it asks for; without it, rendered means heard, as offline).
    pub fn set_output_clock(&mut self, frame: u64, heard_at: Instant) {
        self.output_clock = Some((frame, heard_at));
    }

    /// Forgets the device's clock (rendered means heard again).
    pub fn clear_output_clock(&mut self) {
        self.output_clock = None;
    }

    /// The frame heard at `at`: from the device's clock when there is one, so that a schedule
    /// anchored there sounds on time however far ahead the device buffers; else the next frame
    /// to render. It can be behind [`Mix::position`] (those frames are rendered, not yet heard).
    pub fn frame_heard_at(&self, at: Instant) -> u64 {
        let Some((frame, heard_at)) = self.output_clock else {
            return self.position;
        };
        let rate = f64::from(self.rate);
        if at >= heard_at {
            frame + (at.duration_since(heard_at).as_secs_f64() * rate).round() as u64
        } else {
            let back = (heard_at.duration_since(at).as_secs_f64() * rate).round() as u64;
            frame.saturating_sub(back)
        }
    }

    /// Frames per second.
    pub fn rate(&self) -> u32 {
        self.rate
    }

    /// Frames rendered so far: the mix's clock.
    pub fn position(&self) -> u64 {
        self.position
    }

    /// Whole frames in `d` at this rate.
    pub fn frames(&self, d: Duration) -> u64 {
        (d.as_secs_f64() * f64::from(self.rate)).round() as u64
    }

    fn layer(&mut self, id: LayerId) -> &mut Layer {
        &mut self.layers[id.index()]
    }

    /// Sets a layer's volume, 0.0–1.0 (ramped, so it never clicks).
    pub fn set_volume(&mut self, id: LayerId, volume: f32) -> Result<()> {
        if !volume.is_finite() || !(0.0..=1.0).contains(&volume) {
            let err = CoreError::out_of_range(Subject::Volume, 0.0, 1.0);
            return Err(if volume.is_finite() {
                err.actual(f64::from(volume))
            } else {
                err
            });
        }
        let ramp = self.frames(VOLUME_RAMP);
        let layer = self.layer(id);
        layer.volume = volume;
        let target = layer.target_gain();
        layer.gain.set(target, ramp);
        Ok(())
    }

    /// A layer's volume.
    pub fn volume(&self, id: LayerId) -> f32 {
        self.layers[id.index()].volume
    }

    /// Mutes or unmutes a layer (ramped).
    pub fn set_muted(&mut self, id: LayerId, muted: bool) {
        let ramp = self.frames(VOLUME_RAMP);
        let layer = self.layer(id);
        layer.muted = muted;
        let target = layer.target_gain();
        layer.gain.set(target, ramp);
    }

    /// Whether a layer is muted.
    pub fn is_muted(&self, id: LayerId) -> bool {
        self.layers[id.index()].muted
    }

    fn schedule(&mut self, layer: LayerId, voice: Voice) {
        let pending = &mut self.layer(layer).pending;
        let at = pending.partition_point(|v| v.start > voice.start);
        pending.insert(at, voice);
    }

    /// Adds any sound to a layer, starting at frame `at` (at once if already past), fading in
    /// over `fade_in`. Later layers (voice, tracks, binaural) come in through here.
    pub fn add_voice(
        &mut self,
        layer: LayerId,
        at: u64,
        source: Box<dyn VoiceSource>,
        fade_in: Duration,
    ) {
        self.add_tagged(layer, at, source, fade_in, Tag::Other);
    }

    fn add_tagged(
        &mut self,
        layer: LayerId,
        at: u64,
        source: Box<dyn VoiceSource>,
        fade_in: Duration,
        tag: Tag,
    ) {
        let fade_in_frames = self.frames(fade_in);
        let start = at.max(self.position);
        self.schedule(
            layer,
            Voice {
                start,
                source,
                env: Ramp::at(if fade_in_frames == 0 { 1.0 } else { 0.0 }),
                fade_in_frames,
                releasing: false,
                tag,
            },
        );
    }

    fn chime_voice(&self, kind: ChimeKind, start: u64, tag: Tag) -> Voice {
        Self::clip_voice(self.chimes[kind as usize].clone(), start, tag)
    }

    fn clip_voice(samples: Arc<[f32]>, start: u64, tag: Tag) -> Voice {
        Voice {
            start,
            source: Box::new(ChimeVoice { samples, pos: 0 }),
            env: Ramp::at(1.0),
            fade_in_frames: 0,
            releasing: false,
            tag,
        }
    }

    /// Rings a chime on the cue layer at frame `at` (at once if already past).
    pub fn schedule_chime(&mut self, kind: ChimeKind, at: u64) {
        let voice = self.chime_voice(kind, at.max(self.position), Tag::Other);
        self.schedule(LayerId::Cue, voice);
    }

    /// Replaces the session's pending cues: each rings at `origin + at_ms × rate / 1000`.
    /// A cue already rung is never rung again; one planned slightly in the past rings at once.
    /// A cue of an earlier phase that has not rung yet (the device fell behind the schedule)
    /// is kept, so it sounds late rather than never; an empty plan (pause, end) drops them all.
    pub fn schedule_session_cues(&mut self, origin: u64, cues: &[PlannedCue]) {
        let grace = self.frames(LATE_CUE_GRACE);
        let rate = f64::from(self.rate);
        let planned: Vec<(&PlannedCue, u64)> = cues
            .iter()
            .map(|cue| {
                let offset = (cue.at_ms.max(0.0) * rate / 1000.0).round() as u64;
                (cue, origin + offset)
            })
            .collect();
        let first = planned.iter().map(|&(_, at)| at).min();
        for layer in CUE_LAYERS {
            self.layer(layer)
                .pending
                .retain(|v| v.tag != Tag::SessionCue || first.is_some_and(|first| v.start < first));
        }
        for (cue, at) in planned {
            if self.last_session_cue.is_some_and(|last| at <= last) || at + grace < self.position {
                continue;
            }
            let start = at.max(self.position);
            let voice = self.chime_voice(cue.chime, start, Tag::SessionCue);
            self.schedule(LayerId::Cue, voice);
            let word = self.sounds.words.as_ref().zip(cue.word);
            if let Some(clip) = word.and_then(|(words, word)| words.get(&word).cloned()) {
                self.schedule(
                    LayerId::Spoken,
                    Self::clip_voice(clip, start, Tag::SessionCue),
                );
            }
            if let Some(sound) = cue.breath.filter(|_| self.sounds.breaths) {
                let frames = (sound.length_ms.max(0.0) * rate / 1000.0).round() as usize;
                let rate = self.rate;
                let clip = self
                    .breaths
                    .entry((sound.inhale, frames))
                    .or_insert_with(|| Arc::from(breath(sound.inhale, frames, rate)))
                    .clone();
                self.schedule(
                    LayerId::Breath,
                    Self::clip_voice(clip, start, Tag::SessionCue),
                );
            }
        }
    }

    /// Sets what the next session's cues bring besides their chimes (spoken cues, breath
    /// sounds); a session sets it before its first cues are planned.
    pub fn set_session_sounds(&mut self, sounds: SessionSounds) {
        self.sounds = sounds;
        self.breaths.clear();
    }

    /// Drops the session cues that have not started yet (chimes, words and breaths already
    /// sounding finish).
    pub fn clear_session_cues(&mut self) {
        for layer in CUE_LAYERS {
            self.layer(layer)
                .pending
                .retain(|v| v.tag != Tag::SessionCue);
        }
    }

    /// Forgets which session cues rang (a new session starts).
    pub fn reset_session(&mut self) {
        self.clear_session_cues();
        self.last_session_cue = None;
    }

    /// Starts an ambient bed, fading in over `fade`; any bed already playing fades out over
    /// [`AMBIENT_FADE_OUT`] meanwhile.
    pub fn start_ambient(&mut self, sound: Arc<AmbientLoop>, fade: Duration) {
        self.stop_ambient(AMBIENT_FADE_OUT);
        self.ambient = Some(sound.kind());
        let at = self.position;
        self.add_tagged(
            LayerId::Ambient,
            at,
            Box::new(LoopVoice { sound, pos: 0 }),
            fade,
            Tag::Ambient,
        );
    }

    /// Fades every ambient bed out over `fade`, then drops it.
    pub fn stop_ambient(&mut self, fade: Duration) {
        self.ambient = None;
        self.release(LayerId::Ambient, Tag::Ambient, fade);
    }

    /// Fades the voices of `layer` tagged `tag` out over `fade`, then drops them; drops those
    /// not started yet.
    fn release(&mut self, layer: LayerId, tag: Tag, fade: Duration) {
        let frames = self.frames(fade);
        let layer = self.layer(layer);
        layer.pending.retain(|v| v.tag != tag);
        for voice in layer.playing.iter_mut().filter(|v| v.tag == tag) {
            voice.releasing = true;
            voice.env.set(0.0, frames);
        }
    }

    /// Starts binaural beats on their layer, fading in over `fade`; beats already playing fade
    /// out over [`AMBIENT_FADE_OUT`] meanwhile.
    pub fn start_binaural(&mut self, band: BinauralBand, fade: Duration) {
        self.stop_binaural(AMBIENT_FADE_OUT);
        self.binaural = Some(band);
        let at = self.position;
        self.add_tagged(
            LayerId::Binaural,
            at,
            Box::new(BinauralVoice::new(band, self.rate)),
            fade,
            Tag::Binaural,
        );
    }

    /// Fades binaural beats out over `fade`, then drops them.
    pub fn stop_binaural(&mut self, fade: Duration) {
        self.binaural = None;
        self.release(LayerId::Binaural, Tag::Binaural, fade);
    }

    /// Plays a guided track on the voice layer from now, fading in over `fade`; a track already
    /// playing fades out over [`VOLUME_RAMP`] meanwhile.
    pub fn start_track(&mut self, source: Box<dyn VoiceSource>, fade: Duration) {
        self.stop_track(VOLUME_RAMP);
        let at = self.position;
        self.add_tagged(LayerId::Voice, at, source, fade, Tag::Track);
    }

    /// Fades a guided track out over `fade`, then drops it.
    pub fn stop_track(&mut self, fade: Duration) {
        self.release(LayerId::Voice, Tag::Track, fade);
    }

    /// The beats started and not stopped since.
    pub fn binaural(&self) -> Option<BinauralBand> {
        self.binaural
    }

    /// True while an ambient bed plays (fading out included).
    pub fn ambient_playing(&self) -> bool {
        !self.layers[LayerId::Ambient.index()].playing.is_empty()
    }

    /// The bed started and not stopped since (None while none is on, or one only fades out).
    pub fn ambient(&self) -> Option<AmbientKind> {
        self.ambient
    }

    /// Renders the next frames into `out` (interleaved stereo; a trailing odd sample is zeroed).
    pub fn render(&mut self, out: &mut [f32]) {
        let mut frames = out.chunks_exact_mut(usize::from(CHANNELS));
        for frame in &mut frames {
            let mut mixed = [0.0f32; 2];
            for layer in self.layers.iter_mut() {
                while layer
                    .pending
                    .last()
                    .is_some_and(|v| v.start <= self.position)
                {
                    if let Some(mut voice) = layer.pending.pop() {
                        if voice.fade_in_frames > 0 {
                            voice.env.set(1.0, voice.fade_in_frames);
                        }
                        if voice.tag == Tag::SessionCue {
                            self.last_session_cue = Some(voice.start);
                        }
                        layer.playing.push(voice);
                    }
                }
                let gain = layer.gain.next();
                if layer.playing.is_empty() {
                    continue;
                }
                let mut sum = [0.0f32; 2];
                layer
                    .playing
                    .retain_mut(|voice| match voice.source.next_frame() {
                        Some([l, r]) => {
                            let e = voice.env.next();
                            sum[0] += l * e;
                            sum[1] += r * e;
                            !(voice.releasing && voice.env.is_silent_for_good())
                        }
                        None => false,
                    });
                mixed[0] += sum[0] * gain;
                mixed[1] += sum[1] * gain;
            }
            frame[0] = mixed[0].clamp(-1.0, 1.0);
            frame[1] = mixed[1].clamp(-1.0, 1.0);
            self.position += 1;
        }
        for sample in frames.into_remainder() {
            *sample = 0.0;
        }
    }

    /// Renders `d` of audio into a new interleaved buffer.
    pub fn render_for(&mut self, d: Duration) -> Vec<f32> {
        let frames = usize::try_from(self.frames(d)).unwrap_or(usize::MAX / 4);
        let mut out = vec![0.0; frames * usize::from(CHANNELS)];
        self.render(&mut out);
        out
    }
}

/// Writes interleaved stereo samples to a 32-bit float WAV file.
pub fn write_wav(path: &Path, samples: &[f32], rate: u32) -> Result<()> {
    let spec = hound::WavSpec {
        channels: CHANNELS,
        sample_rate: rate,
        bits_per_sample: 32,
        sample_format: hound::SampleFormat::Float,
    };
    let fail = |e: hound::Error| {
        CoreError::internal(format!(
            "could not write the audio file {} ({e})",
            path.display()
        ))
    };
    let mut writer = hound::WavWriter::create(path, spec).map_err(fail)?;
    // Only whole frames: a WAV with half a frame is malformed.
    let whole = samples.len() - samples.len() % usize::from(CHANNELS);
    for sample in &samples[..whole] {
        writer.write_sample(*sample).map_err(fail)?;
    }
    writer.finalize().map_err(fail)
}
