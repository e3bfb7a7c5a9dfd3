//! The local voice (SPEC §5, ADR 0021): a Piper voice (en_US-joe-medium) run through the ONNX
//! Runtime the app already ships, reading phonemes espeak-ng makes. It speaks a [`Script`]
//! sentence by sentence, with the script's pauses as exact silence, into 16-bit mono WAV.

pub mod cues;
mod phonemes;
mod script;

pub use phonemes::ESPEAK;
pub use script::{Script, Segment, MAX_PAUSE, MAX_SCRIPT_CHARS, MIN_PAUSE};

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ort::session::Session;
use ort::value::Tensor;
use serde::Deserialize;

use crate::error::{CoreError, Reason, Result, Subject};
use phonemes::PhonemeIds;

/// The voice's folder inside the app's resources.
pub const VOICE_DIR: &str = "voices/en_US-joe-medium";
/// The silence after each sentence: a meditation leaves room between sentences (Piper's own is 0.2 s).
pub const SENTENCE_SILENCE: Duration = Duration::from_millis(800);
/// How much slower than the voice's own pace a meditation is spoken (Piper's `length_scale`): with the
/// sentence silences, near the ~110 words a minute SPEC §5 asks of a script.
pub const MEDITATION_PACE: f32 = 1.3;

#[derive(Deserialize)]
struct AudioConfig {
    sample_rate: u32,
}

#[derive(Deserialize)]
struct EspeakConfig {
    voice: String,
}

#[derive(Deserialize)]
struct InferenceConfig {
    noise_scale: f32,
    length_scale: f32,
    noise_w: f32,
}

/// The part of a Piper voice's `.onnx.json` the voice needs.
#[derive(Deserialize)]
struct VoiceConfig {
    audio: AudioConfig,
    espeak: EspeakConfig,
    inference: InferenceConfig,
    phoneme_id_map: HashMap<String, Vec<i64>>,
}

fn unavailable(value: &str, detail: impl Into<String>) -> CoreError {
    CoreError::new(Reason::VoiceUnavailable)
        .subject(Subject::Voice)
        .value(value)
        .detail(detail)
}

/// `file_access` for a WAV file the voice could not write or read back.
pub(crate) fn wav_error(path: &Path) -> impl Fn(hound::Error) -> CoreError + Copy + '_ {
    move |e| {
        CoreError::new(Reason::FileAccess)
            .value("Other")
            .detail(format!("{}: {e}", path.display()))
    }
}

/// What a spoken script became.
#[derive(Debug, Clone, PartialEq)]
pub struct Spoken {
    /// Mono samples, -1..1.
    pub samples: Vec<f32>,
    pub sample_rate: u32,
    /// Where each pause's silence starts and how long it is, in samples.
    pub pauses: Vec<(usize, usize)>,
}

impl Spoken {
    pub fn duration(&self) -> Duration {
        Duration::from_secs_f64(self.samples.len() as f64 / f64::from(self.sample_rate.max(1)))
    }

    /// Writes 16-bit mono WAV (10 minutes are ~26 MB).
    pub fn write_wav(&self, path: &Path) -> Result<()> {
        let spec = hound::WavSpec {
            channels: 1,
            sample_rate: self.sample_rate,
            bits_per_sample: 16,
            sample_format: hound::SampleFormat::Int,
        };
        let fail = wav_error(path);
        let mut writer = hound::WavWriter::create(path, spec).map_err(fail)?;
        for s in &self.samples {
            writer
                .write_sample((s.clamp(-1.0, 1.0) * f32::from(i16::MAX)) as i16)
                .map_err(fail)?;
        }
        writer.finalize().map_err(fail)
    }
}

/// A loaded voice. Loading takes a few seconds and ~100 MB; speaking takes a fraction of real time.
pub struct LocalVoice {
    session: Session,
    ids: PhonemeIds,
    sample_rate: u32,
    scales: [f32; 3],
}

impl std::fmt::Debug for LocalVoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LocalVoice")
            .field("sample_rate", &self.sample_rate)
            .finish_non_exhaustive()
    }
}

impl LocalVoice {
    /// Loads the voice in `dir` (`model.onnx`, `config.json`) on the ONNX Runtime at `runtime`.
    pub fn load(runtime: &Path, dir: &Path) -> Result<Self> {
        let environment = crate::memory::ort_environment(runtime)?;
        let config_path = dir.join("config.json");
        let config = std::fs::read(&config_path)
            .map_err(|e| unavailable("model_missing", format!("{}: {e}", config_path.display())))?;
        let config: VoiceConfig = serde_json::from_slice(&config).map_err(|e| {
            unavailable("model_unusable", format!("{}: {e}", config_path.display()))
        })?;
        let model = dir.join("model.onnx");
        if !model.is_file() {
            return Err(unavailable("model_missing", model.display().to_string()));
        }
        let session = Session::builder(&environment)
            .and_then(|mut b| b.commit_from_file(&model))
            .map_err(|e| unavailable("model_unusable", format!("{}: {e}", model.display())))?;
        let map = config
            .phoneme_id_map
            .into_iter()
            .filter_map(|(k, v)| {
                let mut chars = k.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => Some((c, v)),
                    _ => None,
                }
            })
            .collect();
        Ok(Self {
            session,
            ids: PhonemeIds {
                program: PathBuf::from(ESPEAK),
                espeak_voice: config.espeak.voice,
                map,
            },
            sample_rate: config.audio.sample_rate,
            scales: [
                config.inference.noise_scale,
                config.inference.length_scale * MEDITATION_PACE,
                config.inference.noise_w,
            ],
        })
    }

    /// Makes phonemes with this espeak-ng program instead of the one on the PATH.
    pub fn with_espeak(mut self, program: &Path) -> Self {
        self.ids.program = program.to_path_buf();
        self
    }

    /// The repository's or the bundle's voice folder under a resource directory.
    pub fn dir_in(resources: &Path) -> PathBuf {
        resources.join(VOICE_DIR)
    }

    pub fn sample_rate(&self) -> u32 {
        self.sample_rate
    }

    /// The ids each sentence of `text` is read as (what the model is given).
    pub fn phoneme_ids(&self, text: &str) -> Result<Vec<Vec<i64>>> {
        self.ids.sentence_ids(text)
    }

    /// One sentence's ids as sound.
    fn infer(&mut self, ids: Vec<i64>) -> Result<Vec<f32>> {
        let n = ids.len();
        let failed = |e: ort::Error| unavailable("model_unusable", e.to_string());
        let input = Tensor::from_array(([1usize, n], ids)).map_err(failed)?;
        let lengths = Tensor::from_array(([1usize], vec![n as i64])).map_err(failed)?;
        let scales = Tensor::from_array(([3usize], self.scales.to_vec())).map_err(failed)?;
        let outputs = self
            .session
            .run(ort::inputs!["input" => input, "input_lengths" => lengths, "scales" => scales])
            .map_err(failed)?;
        let (_, audio) = outputs["output"]
            .try_extract_tensor::<f32>()
            .map_err(failed)?;
        Ok(audio.to_vec())
    }

    /// Speaks a script at [`MEDITATION_PACE`]: each sentence in turn with [`SENTENCE_SILENCE`] after it, each pause as
    /// exact silence. `progress(done, total)` after each sentence and pause; returning false stops
    /// (`cancelled`).
    pub fn speak(
        &mut self,
        script: &Script,
        mut progress: impl FnMut(&Spoken, usize, usize) -> bool,
    ) -> Result<Spoken> {
        let mut parts = Vec::new();
        for segment in script.segments() {
            match segment {
                Segment::Speech(text) => {
                    for ids in self.ids.sentence_ids(text)? {
                        parts.push(Part::Sentence(ids));
                    }
                }
                Segment::Pause(d) => parts.push(Part::Pause(*d)),
            }
        }
        let rate = f64::from(self.sample_rate);
        let gap = (SENTENCE_SILENCE.as_secs_f64() * rate) as usize;
        let mut spoken = Spoken {
            samples: Vec::new(),
            sample_rate: self.sample_rate,
            pauses: Vec::new(),
        };
        let total = parts.len();
        for (i, part) in parts.into_iter().enumerate() {
            match part {
                Part::Sentence(ids) => {
                    let audio = self.infer(ids)?;
                    spoken.samples.extend(audio);
                    spoken.samples.resize(spoken.samples.len() + gap, 0.0);
                }
                Part::Pause(d) => {
                    let len = (d.as_secs_f64() * rate).round() as usize;
                    spoken.pauses.push((spoken.samples.len(), len));
                    spoken.samples.resize(spoken.samples.len() + len, 0.0);
                }
            }
            if !progress(&spoken, i + 1, total) {
                return Err(CoreError::new(Reason::VoiceUnavailable)
                    .subject(Subject::Voice)
                    .value("cancelled"));
            }
        }
        Ok(spoken)
    }
}

enum Part {
    Sentence(Vec<i64>),
    Pause(Duration),
}

/// How fast the voice speaks on this machine: seconds of audio per second of synthesis, and how
/// long until the first `first` of audio was ready.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VoiceSpeed {
    pub audio: Duration,
    pub took: Duration,
    pub first_ready_after: Option<Duration>,
}

impl VoiceSpeed {
    pub fn real_time_factor(&self) -> f64 {
        self.audio.as_secs_f64() / self.took.as_secs_f64().max(1e-9)
    }
}

/// Speaks `script` and measures it ([`VoiceSpeed`]), the bench's and the CLI's measure.
pub fn measure(
    voice: &mut LocalVoice,
    script: &Script,
    first: Duration,
) -> Result<(Spoken, VoiceSpeed)> {
    let started = Instant::now();
    let mut first_ready_after = None;
    let spoken = voice.speak(script, |so_far, _, _| {
        if first_ready_after.is_none() && so_far.duration() >= first {
            first_ready_after = Some(started.elapsed());
        }
        true
    })?;
    let speed = VoiceSpeed {
        audio: spoken.duration(),
        took: started.elapsed(),
        first_ready_after,
    };
    Ok((spoken, speed))
}
