//! `wbot`: the Wbot core from a terminal, for scripting, import, benchmarks and evaluation.
//! Every command prints JSON lines on stdout; errors go to stderr as `{code, reason, params, detail}` and exit 1.

mod archive;
mod breathing;
mod classify;
mod journal;
mod judge;
mod meditation;
mod memory;
mod mood;
mod profiles;
mod progress;
mod reminders;
mod updates;
mod voice;
mod wellness;

use std::future::Future;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use serde::de::DeserializeOwned;
use wbot_core::meditation::VoicePaths;
use wbot_core::memory::{EnvPaths, MemoryConfig};
use wbot_core::{Core, CoreError, Reason};

#[derive(Parser)]
#[command(name = "wbot", version, about = "Wbot's core from a terminal")]
struct Cli {
    /// The data directory (the app's is used by the desktop shell; pass one here, or set
    /// `WBOT_DATA_DIR` in a debug build: a release build takes no paths from the environment).
    #[cfg_attr(debug_assertions, arg(long, env = "WBOT_DATA_DIR"))]
    #[cfg_attr(not(debug_assertions), arg(long))]
    data_dir: PathBuf,
    /// Unlocks this profile first, with the PIN in `WBOT_PIN` (a locked profile's data is refused
    /// until then, as in the app).
    #[arg(long, value_name = "PROFILE")]
    unlock: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Local profiles.
    #[command(subcommand)]
    Profiles(profiles::ProfilesCommand),
    /// What Wbot remembers: add, search, import, list, status, recall.
    #[command(subcommand)]
    Memory(memory::MemoryCommand),
    /// Reads one message per line on stdin; prints every judgement layer's verdict as JSON.
    Classify,
    /// The journal: add, import, list, search, show, delete.
    #[command(subcommand)]
    Journal(journal::JournalCommand),
    /// Mood check-ins: add, list, trend.
    #[command(subcommand)]
    Mood(mood::MoodCommand),
    /// Breathing sessions: import, history; the spoken cues (voice-cues).
    #[command(subcommand)]
    Breathing(breathing::BreathingCommand),
    /// The meditation timer: run, import, history.
    #[command(subcommand)]
    Meditation(meditation::MeditationCommand),
    /// What helped, streaks, the weekly goal and badges.
    #[command(subcommand)]
    Progress(progress::ProgressCommand),
    /// Daily reminders: list, add, delete.
    #[command(subcommand)]
    Reminders(reminders::RemindersCommand),
    /// The wellness profile: show, learn, note, remove, pause, resume, reset.
    #[command(subcommand)]
    Wellness(wellness::WellnessCommand),
    /// Writes everything a profile owns to one archive (JSON, CSV, Markdown); prints where and how much.
    Export {
        #[arg(long)]
        profile: String,
        /// The archive to write (a zip file; replaced if it exists).
        file: PathBuf,
    },
    /// Creates a new profile from an archive made by `export`; prints it.
    Import {
        /// The archive to read.
        file: PathBuf,
    },
    /// The update channel the app follows: `updates channel [stable|beta]`.
    #[command(subcommand)]
    Updates(updates::UpdatesCommand),
    /// The local voice: `voice speak --script FILE --out FILE.wav` (how fast it speaks, too).
    #[command(subcommand)]
    Voice(voice::VoiceCommand),
    /// Trains and measures the crisis and activity classifiers and memory retrieval on the labelled sets.
    #[command(subcommand)]
    Judge(judge::JudgeCommand),
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            let line = serde_json::json!({
                "code": err.code(),
                "reason": err.reason,
                "params": err.params,
                "detail": err.detail,
            });
            eprintln!("{line}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), CoreError> {
    let core = Core::open(&cli.data_dir).await?;
    let memory = memory_config();
    core.meditation().configure_voice(voice_paths(&memory));
    core.memory().configure(memory).await;
    let result = match unlock(&core, cli.unlock.as_deref()).await {
        Ok(()) => command(&core, cli.command).await,
        Err(e) => Err(e),
    };
    core.close().await;
    result
}

async fn unlock(core: &Core, profile: Option<&str>) -> Result<(), CoreError> {
    if let Some(profile) = profile {
        let pin = profiles::pin_from_env("WBOT_PIN")?;
        core.profiles()
            .unlock_profile(&profile.parse()?, &pin)
            .await?;
    }
    Ok(())
}

async fn command(core: &Core, command: Command) -> Result<(), CoreError> {
    match command {
        Command::Profiles(cmd) => profiles::run(core, cmd).await,
        Command::Memory(cmd) => memory::run(core, cmd).await,
        Command::Journal(cmd) => journal::run(core, cmd).await,
        Command::Mood(cmd) => mood::run(core, cmd).await,
        Command::Breathing(cmd) => breathing::run(core, cmd).await,
        Command::Meditation(cmd) => meditation::run(core, cmd).await,
        Command::Progress(cmd) => progress::run(core, cmd).await,
        Command::Reminders(cmd) => reminders::run(core, cmd).await,
        Command::Wellness(cmd) => wellness::run(core, cmd).await,
        Command::Updates(cmd) => updates::run(core, cmd).await,
        Command::Export { profile, file } => archive::export(core, &profile, &file).await,
        Command::Import { file } => archive::import(core, &file).await,
        Command::Classify => classify::run(core).await,
        Command::Judge(cmd) => judge::run(core, cmd).await,
        Command::Voice(cmd) => voice::run(&voice_paths(&memory_config()), cmd),
    }
}

/// Prints one value as a JSON line.
pub fn print_json(value: &impl serde::Serialize) -> Result<(), CoreError> {
    println!("{}", serde_json::to_string(value)?);
    Ok(())
}

/// Reads one JSON value per line of standard input (blank lines skipped) and hands each to `save`. A line
/// that is not a `T`, or that `save` refuses, stops the import with an error naming the line.
pub async fn import_lines<T, F, Fut>(mut save: F) -> Result<(), CoreError>
where
    T: DeserializeOwned,
    F: FnMut(T) -> Fut,
    Fut: Future<Output = Result<(), CoreError>>,
{
    for (i, line) in std::io::stdin().lock().lines().enumerate() {
        let number = i as u32 + 1;
        let bad_line = |detail: String| {
            CoreError::new(Reason::InvalidInput)
                .value("stdin")
                .item(number)
                .detail(detail)
        };
        let line = line.map_err(|e| bad_line(e.to_string()))?;
        if line.trim().is_empty() {
            continue;
        }
        let value: T = serde_json::from_str(&line).map_err(|e| bad_line(e.to_string()))?;
        save(value).await.map_err(|e| e.item(number))?;
    }
    Ok(())
}

/// The model and runtime: the repository's `src-tauri/resources` (a development build), unless
/// `WBOT_RESOURCE_DIR`, `ORT_DYLIB_PATH` or `WBOT_MODEL_DIR` say otherwise.
fn memory_config() -> MemoryConfig {
    MemoryConfig::resolve(None, Some(&dev_resources()), &EnvPaths::from_process()).0
}

/// The local voice: `WBOT_RESOURCE_DIR`'s or the checkout's, on the memory model's runtime.
fn voice_paths(memory: &MemoryConfig) -> VoicePaths {
    VoicePaths::resolve(
        None,
        Some(&dev_resources()),
        &EnvPaths::from_process(),
        memory.runtime_path.clone(),
    )
}

/// The repository's `src-tauri/resources`, where scripts/fetch-assets puts the models.
fn dev_resources() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../src-tauri/resources")
}
