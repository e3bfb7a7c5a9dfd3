//! `wbot voice speak`: the local voice from a terminal (ADR 0021). Speaks a meditation script
//! (`[PAUSE Ns]` markers) into a 16-bit mono WAV file and prints how fast: how long the voice took
//! to load, seconds of audio per second of synthesis, and how soon the first minute was ready
//! (from the start of speaking). It is the voice's benchmark.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use clap::Subcommand;
use wbot_core::archive::file_error;
use wbot_core::meditation::VoicePaths;
use wbot_core::voice::{measure, LocalVoice, Script};
use wbot_core::CoreError;

use crate::print_json;

#[derive(Subcommand)]
pub enum VoiceCommand {
    /// Speaks a script (a file, or `-` for standard input) into a WAV file.
    Speak {
        /// The script: text with `[PAUSE 5s]` markers.
        #[arg(long)]
        script: PathBuf,
        /// The WAV file to write (replaced if it exists).
        #[arg(long)]
        out: PathBuf,
    },
}

fn read_script(path: &Path) -> Result<String, CoreError> {
    let mut text = String::new();
    let read = if path == Path::new("-") {
        std::io::stdin().read_to_string(&mut text)
    } else {
        std::fs::File::open(path).and_then(|mut f| f.read_to_string(&mut text))
    };
    read.map_err(file_error(path))?;
    Ok(text)
}

pub fn run(paths: &VoicePaths, cmd: VoiceCommand) -> Result<(), CoreError> {
    match cmd {
        VoiceCommand::Speak { script, out } => {
            let script = Script::parse(&read_script(&script)?)?;
            let loading = Instant::now();
            let mut voice = LocalVoice::load(&paths.runtime, &paths.voice_dir)?;
            let load_ms = loading.elapsed().as_millis() as u64;
            let (spoken, speed) = measure(&mut voice, &script, Duration::from_secs(60))?;
            spoken.write_wav(&out)?;
            print_json(&serde_json::json!({
                "out": out,
                "loadMs": load_ms,
                "audioMs": speed.audio.as_millis() as u64,
                "tookMs": speed.took.as_millis() as u64,
                "realTimeFactor": (speed.real_time_factor() * 100.0).round() / 100.0,
                "firstMinuteMs": speed.first_ready_after.map(|d| d.as_millis() as u64),
                "pauses": spoken.pauses.len(),
            }))
        }
    }
}
