//! Generated sounds: phase chimes, the meditation bell, ambient loops and binaural beats.
//! Generated, not bundled, so there is no licence to track and no file to decode.

use super::mix::VoiceSource;
use super::{AmbientKind, BinauralBand, ChimeKind};

/// Chime attack: a raised-cosine rise, soft enough not to click.
pub const CHIME_ATTACK_S: f64 = 0.015;
/// Time over which the chime decays to about −35 dB.
pub const CHIME_DECAY_S: f64 = 0.8;
/// Peak amplitude of a chime at full cue volume.
pub const CHIME_PEAK: f32 = 0.5;
const CHIME_TAIL_S: f64 = 0.2;
/// Time over which the meditation bell decays to about −35 dB.
pub const BELL_DECAY_S: f64 = 5.0;
/// A singing bowl's partials (ratio to the fundamental, amplitude): inharmonic, like a real bowl.
const BELL_PARTIALS: [(f64, f64); 3] = [(1.0, 0.7), (2.71, 0.22), (5.13, 0.08)];

/// A mono cue at `rate`: a sine (the bell: a bowl's partials) with a soft attack and an
/// exponential decay, tapered to exact silence so its end cannot click.
pub fn chime(kind: ChimeKind, rate: u32) -> Vec<f32> {
    let rate_f = f64::from(rate);
    let (decay_s, partials): (f64, &[(f64, f64)]) = match kind {
        ChimeKind::Bell => (BELL_DECAY_S, &BELL_PARTIALS),
        _ => (CHIME_DECAY_S, &[(1.0, 1.0)]),
    };
    let total = ((decay_s + CHIME_TAIL_S) * rate_f).round() as usize;
    let attack = CHIME_ATTACK_S * rate_f;
    let tau = decay_s / 4.0;
    let decay_end = decay_s * rate_f;
    let tail = CHIME_TAIL_S * rate_f;
    let w = std::f64::consts::TAU * kind.frequency_hz() / rate_f;
    (0..total)
        .map(|i| {
            let n = i as f64;
            let rise = if n < attack {
                0.5 - 0.5 * (std::f64::consts::PI * n / attack).cos()
            } else {
                1.0
            };
            let taper = if n > decay_end {
                0.5 + 0.5 * (std::f64::consts::PI * ((n - decay_end) / tail).min(1.0)).cos()
            } else {
                1.0
            };
            let env = rise * (-(n / rate_f) / tau).exp() * taper;
            let tone: f64 = partials.iter().map(|&(k, a)| a * (k * w * n).sin()).sum();
            (f64::from(CHIME_PEAK) * env * tone) as f32
        })
        .collect()
}

/// Peak amplitude of a breath sound at full breath volume.
pub const BREATH_PEAK: f32 = 0.25;
/// The longest breath sound; a longer phase is breathed in this long and then quiet.
pub const BREATH_MAX_S: f64 = 20.0;

/// A mono breath at `rate`, `frames` long (at most [`BREATH_MAX_S`]): noise through a gentle
/// low-pass whose brightness follows the air, under an envelope shaped like the breath. An inhale
/// swells towards its end, an exhale starts full and sighs away; both start and end in silence.
pub fn breath(inhale: bool, frames: usize, rate: u32) -> Vec<f32> {
    let frames = frames.min((BREATH_MAX_S * f64::from(rate)) as usize);
    let mut rng = Rng(if inhale { 0x1b1e_a7e5 } else { 0xe8ba_1e55 });
    let mut low = 0.0f32;
    let edge = (0.05 * f64::from(rate)) as usize;
    (0..frames)
        .map(|i| {
            let t = i as f32 / frames.max(1) as f32;
            let air = if inhale {
                t.powf(0.7) * (1.0 - t).min(0.15) / 0.15
            } else {
                (1.0 - t).powf(1.3) * t.min(0.08) / 0.08
            };
            // Raised-cosine edges so the sound cannot click where it starts or stops.
            let fade = |n: usize| {
                if n >= edge {
                    1.0
                } else {
                    0.5 - 0.5 * (std::f32::consts::PI * n as f32 / edge as f32).cos()
                }
            };
            let env = air * fade(i) * fade(frames - 1 - i);
            // A one-pole low-pass from about 300 Hz (little air) to 1,500 Hz (full breath).
            let cutoff = 300.0 + 1_200.0 * air;
            let a = 1.0 - (-std::f32::consts::TAU * cutoff / rate as f32).exp();
            low += a * (rng.next_f32() - low);
            BREATH_PEAK * env * low * 3.0
        })
        .map(|v| v.clamp(-1.0, 1.0))
        .collect()
}

/// A stereo (interleaved) ambient loop whose last frame flows into its first.
#[derive(Debug, Clone)]
pub struct AmbientLoop {
    kind: AmbientKind,
    rate: u32,
    samples: Vec<f32>,
}

impl AmbientLoop {
    /// Generates the loop for `kind` at `rate` (deterministic: same input, same samples).
    pub fn generate(kind: AmbientKind, rate: u32) -> Self {
        let (seconds, seed) = match kind {
            AmbientKind::Ocean => (16.0, 0x0CEA_0001),
            AmbientKind::Rain => (10.0, 0x0AA1_2001),
            AmbientKind::Forest => (16.0, 0x0F0E_5001),
            AmbientKind::White => (10.0, 0x0A41_7001),
            AmbientKind::Pink => (10.0, 0x0911_4001),
            AmbientKind::Brown => (10.0, 0x0B50_3001),
        };
        let frames = (seconds * f64::from(rate)) as usize;
        let fade = (0.5 * f64::from(rate)) as usize;
        let left = seamless(&noise(kind, rate, frames + fade, seed), frames, fade);
        let right = seamless(
            &noise(kind, rate, frames + fade, seed ^ 0x5EED),
            frames,
            fade,
        );
        let mut samples = Vec::with_capacity(frames * 2);
        for (l, r) in left.iter().zip(&right) {
            samples.push(*l);
            samples.push(*r);
        }
        Self {
            kind,
            rate,
            samples,
        }
    }

    /// Which sound this is.
    pub fn kind(&self) -> AmbientKind {
        self.kind
    }

    /// The rate it was generated at.
    pub fn rate(&self) -> u32 {
        self.rate
    }

    /// Frames in one pass of the loop.
    pub fn frames(&self) -> usize {
        self.samples.len() / 2
    }

    /// The interleaved stereo samples of one pass.
    pub fn samples(&self) -> &[f32] {
        &self.samples
    }
}

/// Folds the `fade` frames after `len` over the start with an equal-power crossfade, so that
/// sample `len - 1` is followed, across the seam, by what originally followed it.
fn seamless(x: &[f32], len: usize, fade: usize) -> Vec<f32> {
    let mut y = x[..len].to_vec();
    for i in 0..fade.min(len) {
        let t = i as f32 / fade as f32 * std::f32::consts::FRAC_PI_2;
        y[i] = x[i] * t.sin() + x[len + i] * t.cos();
    }
    y
}

/// xorshift64*: enough for noise, and deterministic.
struct Rng(u64);

impl Rng {
    fn next_f32(&mut self) -> f32 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let v = self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 40;
        (v as f32 / (1u64 << 24) as f32) * 2.0 - 1.0
    }
}

/// Paul Kellet's pink filter over white noise.
fn pink(rng: &mut Rng, frames: usize) -> Vec<f32> {
    let mut b = [0.0f32; 7];
    (0..frames)
        .map(|_| {
            let w = rng.next_f32();
            b[0] = 0.99886 * b[0] + w * 0.0555179;
            b[1] = 0.99332 * b[1] + w * 0.0750759;
            b[2] = 0.96900 * b[2] + w * 0.153_852;
            b[3] = 0.86650 * b[3] + w * 0.3104856;
            b[4] = 0.55000 * b[4] + w * 0.5329522;
            b[5] = -0.7616 * b[5] - w * 0.0168980;
            let v = b.iter().sum::<f32>() + w * 0.5362;
            b[6] = w * 0.115926;
            v
        })
        .collect()
}

/// Rain: high-passed noise (the hiss of a shower) and drops, each a short burst of noise with
/// a fast decay, about 40 a second at random strengths.
fn rain(rng: &mut Rng, rate: u32, frames: usize) -> Vec<f32> {
    let rate_f = rate as f32;
    let drop_chance = 40.0 / rate_f;
    let drop_decay = (-1.0 / (0.004 * rate_f)).exp();
    let (mut prev, mut hp, mut drop) = (0.0f32, 0.0f32, 0.0f32);
    (0..frames)
        .map(|_| {
            let w = rng.next_f32();
            hp = 0.8 * (hp + w - prev);
            prev = w;
            if rng.next_f32().abs() < drop_chance {
                drop = drop.max(rng.next_f32().abs());
            }
            drop *= drop_decay;
            0.35 * hp + drop * rng.next_f32()
        })
        .collect()
}

/// Forest: wind in leaves (low-passed pink noise swelling every 8 s, which divides the loop)
/// and now and then a distant bird: two or three falling chirps.
fn forest(rng: &mut Rng, rate: u32, frames: usize) -> Vec<f32> {
    let rate_f = f64::from(rate);
    let mut out = pink(rng, frames);
    let mut lp = 0.0f32;
    let gust_period = 8.0 * rate_f;
    for (i, v) in out.iter_mut().enumerate() {
        lp += 0.05 * (*v - lp);
        let phase = std::f64::consts::PI * (i as f64 / gust_period);
        *v = lp * (0.5 + 0.5 * phase.sin().powi(2)) as f32;
    }
    let chirp = (0.12 * rate_f) as usize;
    let mut at = (rng.next_f32().abs() as f64 * 2.0 * rate_f) as usize;
    while at + 3 * 2 * chirp < frames {
        let (from, to) = (
            4200.0 + 600.0 * f64::from(rng.next_f32()),
            2800.0 + 300.0 * f64::from(rng.next_f32()),
        );
        let notes = 2 + usize::from(rng.next_f32() > 0.0);
        for n in 0..notes {
            let start = at + n * 2 * chirp;
            let mut phase = 0.0f64;
            for k in 0..chirp {
                let t = k as f64 / chirp as f64;
                phase += std::f64::consts::TAU * (from + (to - from) * t) / rate_f;
                let env = (std::f64::consts::PI * t).sin().powi(2);
                out[start + k] += (0.02 * env * phase.sin()) as f32;
            }
        }
        at += ((2.5 + 3.0 * f64::from(rng.next_f32().abs())) * rate_f) as usize;
    }
    out
}

fn noise(kind: AmbientKind, rate: u32, frames: usize, seed: u64) -> Vec<f32> {
    let mut rng = Rng(seed | 1);
    let mut out = Vec::with_capacity(frames);
    match kind {
        AmbientKind::White => out.extend((0..frames).map(|_| rng.next_f32())),
        AmbientKind::Pink => out = pink(&mut rng, frames),
        AmbientKind::Rain => out = rain(&mut rng, rate, frames),
        AmbientKind::Forest => out = forest(&mut rng, rate, frames),
        AmbientKind::Brown | AmbientKind::Ocean => {
            let mut y = 0.0f32;
            let mut lp = 0.0f32;
            let swell_period = 8.0 * f64::from(rate);
            for i in 0..frames {
                // A leaky integrator: brown noise without wandering off to DC.
                y = 0.995 * y + 0.05 * rng.next_f32();
                if kind == AmbientKind::Ocean {
                    lp += 0.08 * (y - lp);
                    // Swells every 8 s; 8 s divides the 16 s loop, so the seam sits mid-pattern.
                    let phase = std::f64::consts::PI * (i as f64 / swell_period);
                    let swell = 0.25 + 0.75 * phase.sin().powi(2);
                    out.push(lp * swell as f32);
                } else {
                    out.push(y);
                }
            }
        }
    }
    normalise(&mut out, 0.12);
    out
}

fn normalise(x: &mut [f32], target_rms: f32) {
    let rms = (x.iter().map(|v| v * v).sum::<f32>() / x.len().max(1) as f32).sqrt();
    if rms > 0.0 {
        let k = target_rms / rms;
        for v in x.iter_mut() {
            *v = (*v * k).clamp(-0.9, 0.9);
        }
    }
}

/// The carrier of binaural beats (SPEC §5).
pub const BINAURAL_CARRIER_HZ: f64 = 200.0;
/// A binaural pair's amplitude in each ear: quiet, under a bed or a voice.
const BINAURAL_PEAK: f64 = 0.08;

/// Binaural beats: the carrier in the left ear and carrier + beat in the right, without end
/// (the mix fades it in and out). Each ear's phase is computed from the frame count, so the
/// pitch does not drift over an hour.
#[derive(Debug, Clone)]
pub struct BinauralVoice {
    left: f64,
    right: f64,
    frame: u64,
}

impl BinauralVoice {
    /// The pair for `band` at `rate`.
    pub fn new(band: BinauralBand, rate: u32) -> Self {
        let per_frame = std::f64::consts::TAU / f64::from(rate.max(1));
        Self {
            left: BINAURAL_CARRIER_HZ * per_frame,
            right: (BINAURAL_CARRIER_HZ + band.beat_hz()) * per_frame,
            frame: 0,
        }
    }
}

impl VoiceSource for BinauralVoice {
    fn next_frame(&mut self) -> Option<[f32; 2]> {
        let n = self.frame as f64;
        self.frame += 1;
        Some([
            (BINAURAL_PEAK * (self.left * n).sin()) as f32,
            (BINAURAL_PEAK * (self.right * n).sin()) as f32,
        ])
    }
}
