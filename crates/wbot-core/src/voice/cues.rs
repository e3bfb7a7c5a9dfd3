//! Breathing's spoken cues (issue 10 item 7): each [`CueWord`] spoken once by the local voice into
//! a short WAV in the data folder (`voice-cues/<voice>/<word>.wav`), then read back, at the mix's
//! rate, for every session that wants them.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{wav_error, LocalVoice, Script, Spoken};
use crate::audio::{CueClips, CueWord};
use crate::error::Result;

/// The folder inside the data folder where the spoken cues are kept, one folder per voice.
pub const CUES_DIR: &str = "voice-cues";
/// Samples quieter than this at a clip's ends are trimmed (the voice's silences).
const QUIET: f32 = 0.002;

/// What the voice says for each cue (English: the one voice there is).
pub fn phrase(word: CueWord) -> &'static str {
    match word {
        CueWord::In => "Breathe in.",
        CueWord::Hold => "Hold.",
        CueWord::Out => "Breathe out.",
        CueWord::Breaths => "Deep breaths, in and out.",
        CueWord::Retention => "Let it out, and hold.",
        CueWord::Recovery => "Breathe in fully, and hold.",
        CueWord::LetGo => "And let go.",
    }
}

/// The folder of the spoken cues of the voice in `voice_dir`.
pub fn cues_dir(data_dir: &Path, voice_dir: &Path) -> PathBuf {
    let voice = voice_dir
        .file_name()
        .map_or_else(|| "voice".into(), |n| n.to_string_lossy().into_owned());
    data_dir.join(CUES_DIR).join(voice)
}

fn clip_path(dir: &Path, word: CueWord) -> PathBuf {
    dir.join(format!("{}.wav", word.as_str()))
}

/// Whether every cue is already spoken in `dir`.
pub fn cues_ready(dir: &Path) -> bool {
    CueWord::ALL.iter().all(|&w| clip_path(dir, w).is_file())
}

/// Speaks every cue missing from `dir` with `voice`; `progress(done, total)` after each. Each file
/// is written whole or not at all.
pub fn speak_cues(
    voice: &mut LocalVoice,
    dir: &Path,
    mut progress: impl FnMut(usize, usize),
) -> Result<()> {
    use crate::archive::file_error;
    std::fs::create_dir_all(dir).map_err(file_error(dir))?;
    let total = CueWord::ALL.len();
    for (i, &word) in CueWord::ALL.iter().enumerate() {
        let path = clip_path(dir, word);
        if !path.is_file() {
            let spoken = voice.speak(&Script::parse(phrase(word))?, |_, _, _| true)?;
            let trimmed = Spoken {
                samples: trim(&spoken.samples).to_vec(),
                sample_rate: spoken.sample_rate,
                pauses: Vec::new(),
            };
            let part = path.with_extension("wav.part");
            trimmed.write_wav(&part)?;
            std::fs::rename(&part, &path).map_err(file_error(&path))?;
        }
        progress(i + 1, total);
    }
    Ok(())
}

/// Reads the spoken cues in `dir`, each as mono samples at `rate`.
pub fn read_cues(dir: &Path, rate: u32) -> Result<CueClips> {
    CueWord::ALL
        .iter()
        .map(|&word| {
            let path = clip_path(dir, word);
            let unreadable = wav_error(&path);
            let mut reader = hound::WavReader::open(&path).map_err(unreadable)?;
            let from = reader.spec().sample_rate;
            let samples = reader
                .samples::<i16>()
                .map(|s| s.map(|v| f32::from(v) / f32::from(i16::MAX)))
                .collect::<std::result::Result<Vec<_>, _>>()
                .map_err(unreadable)?;
            Ok((word, Arc::from(resample(&samples, from, rate))))
        })
        .collect()
}

/// `samples` without the quiet at either end.
fn trim(samples: &[f32]) -> &[f32] {
    let start = samples.iter().position(|s| s.abs() > QUIET).unwrap_or(0);
    let end = samples
        .iter()
        .rposition(|s| s.abs() > QUIET)
        .map_or(start, |i| i + 1);
    &samples[start..end]
}

/// Linear interpolation from `from` to `to` samples a second: enough for a spoken word.
fn resample(samples: &[f32], from: u32, to: u32) -> Vec<f32> {
    if from == to || samples.is_empty() {
        return samples.to_vec();
    }
    let step = f64::from(from) / f64::from(to.max(1));
    let len = ((samples.len() as f64) / step).floor() as usize;
    (0..len)
        .map(|i| {
            let x = i as f64 * step;
            let j = x.floor() as usize;
            let t = (x - j as f64) as f32;
            let a = samples[j];
            let b = samples.get(j + 1).copied().unwrap_or(a);
            a + (b - a) * t
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clip_loses_only_its_quiet_ends() {
        assert_eq!(trim(&[0.0, 0.001, 0.5, 0.0, -0.3, 0.0]), &[0.5, 0.0, -0.3]);
        assert!(trim(&[0.0, 0.0]).is_empty());
    }

    #[test]
    fn resampling_keeps_the_length_in_time_and_the_shape() {
        let ramp: Vec<f32> = (0..22_050).map(|i| i as f32 / 22_050.0).collect();
        let up = resample(&ramp, 22_050, 48_000);
        assert_eq!(up.len(), 48_000);
        for (i, v) in up.iter().enumerate().step_by(997) {
            let want = i as f32 / 48_000.0;
            assert!((v - want).abs() < 1e-3, "{i}: {v} vs {want}");
        }
    }
}
