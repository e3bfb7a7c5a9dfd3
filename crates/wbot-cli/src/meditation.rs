//! `wbot meditation run|import|history|delete|import-track|speak|written|series|series-day|write|script|tracks|delete-track`: the meditation
//! timer and guided tracks from a terminal. `run` runs a timer in real time (its bells on the audio
//! engine, its events as JSON lines) and saves it; `import` saves sessions made elsewhere or on
//! chosen days; `import-track` imports an audio file as a guided track (its progress as JSON
//! lines). Results are JSON lines on stdout.

use clap::Subcommand;
use tokio::sync::broadcast::error::TryRecvError;
use tokio::sync::broadcast::Receiver;
use wbot_core::audio::{AmbientKind, BinauralBand};
use wbot_core::chat::meditation::WriteMeditation;
use wbot_core::db::Page;
use wbot_core::events::CoreEvent;
use wbot_core::meditation::{
    GuidedKind, NewMeditationSession, StartMeditation, TimerConfig, TimerEvent, TrackImport,
};
use wbot_core::{Core, CoreError};

use crate::{import_lines, print_json};

#[derive(Subcommand)]
pub enum MeditationCommand {
    /// Runs a timer now, printing its events (bells, a tick a second, the end), then saves it.
    Run {
        #[arg(long)]
        profile: String,
        /// 1–180.
        #[arg(long)]
        minutes: f64,
        /// A bell every N minutes (1–30).
        #[arg(long)]
        interval: Option<f64>,
        /// ocean, rain, forest, white, pink or brown.
        #[arg(long)]
        ambient: Option<String>,
        /// delta, theta, alpha or beta.
        #[arg(long)]
        binaural: Option<String>,
    },
    /// Saves finished or ended-early sessions, one JSON object per line of standard input, in the
    /// shape the app saves (`plannedMs`, `intervalMs`, `ambient`, `binaural`, `durationMs`,
    /// `completed`, `startedAt` and `endedAt` as RFC 3339 with the person's offset, `moodBefore`,
    /// `moodAfter`); prints each as saved.
    Import {
        #[arg(long)]
        profile: String,
    },
    /// Prints sessions, newest first.
    History {
        #[arg(long)]
        profile: String,
        #[arg(long)]
        limit: Option<u32>,
        #[arg(long, default_value_t = 0)]
        offset: u32,
    },
    /// Deletes a saved session and its moods.
    Delete {
        #[arg(long)]
        profile: String,
        /// The session's id.
        session: String,
    },
    /// Imports an mp3, ogg, wav or flac file (up to 500 MB) as a guided track; prints the
    /// import's progress, then the track.
    ImportTrack {
        #[arg(long)]
        profile: String,
        /// body_scan, breathing_focus, loving_kindness, difficulties, sleep or daily_mindfulness.
        #[arg(long)]
        kind: String,
        /// A two-letter language code.
        #[arg(long, default_value = "en")]
        language: String,
        /// The file's name without its extension when absent.
        #[arg(long)]
        title: Option<String>,
        /// The audio file.
        path: String,
    },
    /// Speaks a meditation the team wrote with the local voice into a new guided track; prints
    /// its progress, then the track. `written` lists them.
    Speak {
        #[arg(long)]
        profile: String,
        /// The written meditation's id (see `written`).
        #[arg(long)]
        written: String,
        #[arg(long)]
        title: String,
    },
    /// Prints the meditations the team wrote, shortest first.
    Written,
    /// Prints each meditation series with the profile's days in it.
    Series {
        #[arg(long)]
        profile: String,
    },
    /// Prints the guided track of a series' day, speaking it first (with its progress) on its
    /// first play; a day opens when the one before it is done (played to its end).
    SeriesDay {
        #[arg(long)]
        profile: String,
        /// seven_day_calm or sleep_better.
        #[arg(long)]
        series: String,
        /// 1 for the first.
        #[arg(long)]
        day: u32,
        #[arg(long)]
        title: String,
    },
    /// Has the profile's chat model write a meditation for them (its type from what they said
    /// lately, their latest check-in and the hour) and speaks it into a new guided track.
    Write {
        #[arg(long)]
        profile: String,
        /// 3–30.
        #[arg(long)]
        minutes: u8,
        #[arg(long)]
        title: String,
    },
    /// Prints the script a track was spoken from (when it was written for the person).
    Script {
        #[arg(long)]
        profile: String,
        /// The track's id.
        track: String,
    },
    /// Prints the guided tracks, newest first.
    Tracks {
        #[arg(long)]
        profile: String,
    },
    /// Deletes a guided track and its file.
    DeleteTrack {
        #[arg(long)]
        profile: String,
        /// The track's id.
        track: String,
    },
}

fn minutes_ms(minutes: f64) -> u32 {
    // Out-of-range values saturate and are then refused by the timer's own checks.
    (minutes * 60_000.0).round().clamp(0.0, f64::from(u32::MAX)) as u32
}

pub async fn run(core: &Core, cmd: MeditationCommand) -> Result<(), CoreError> {
    let meditation = core.meditation();
    match cmd {
        MeditationCommand::Run {
            profile,
            minutes,
            interval,
            ambient,
            binaural,
        } => {
            let profile = profile.parse()?;
            let config = TimerConfig {
                planned_ms: minutes_ms(minutes),
                interval_ms: interval.map(minutes_ms),
                ambient: ambient.map(|a| a.parse::<AmbientKind>()).transpose()?,
                binaural: binaural.map(|b| b.parse::<BinauralBand>()).transpose()?,
            };
            let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
            let live = meditation
                .start_meditation(
                    &profile,
                    StartMeditation {
                        config,
                        mood_before: None,
                    },
                    move |event| {
                        let _ = tx.send(event);
                    },
                )
                .await?;
            let mut last_second = None;
            while let Some(event) = rx.recv().await {
                let end = matches!(
                    event,
                    TimerEvent::Completed { .. } | TimerEvent::Stopped { .. }
                );
                // A tick a second is plenty for a terminal.
                if let TimerEvent::Tick { elapsed_ms, .. } = event {
                    if last_second == Some(elapsed_ms / 1000) {
                        continue;
                    }
                    last_second = Some(elapsed_ms / 1000);
                }
                print_json(&event)?;
                if end {
                    break;
                }
            }
            print_json(
                &meditation
                    .finish_meditation(&profile, &live.run_id, None)
                    .await?,
            )?;
        }
        MeditationCommand::Import { profile } => {
            let profile = core.profiles().require_profile(&profile.parse()?).await?;
            import_lines(|session: NewMeditationSession| async {
                print_json(
                    &meditation
                        .save_meditation_session(&profile, session)
                        .await?,
                )
            })
            .await?;
        }
        MeditationCommand::History {
            profile,
            limit,
            offset,
        } => {
            let history = meditation
                .meditation_history(&profile.parse()?, Page { limit, offset })
                .await?;
            for session in history.items {
                print_json(&session)?;
            }
        }
        MeditationCommand::Delete { profile, session } => {
            meditation
                .delete_meditation_session(&profile.parse()?, &session.parse()?)
                .await?;
        }
        MeditationCommand::ImportTrack {
            profile,
            kind,
            language,
            title,
            path,
        } => {
            let input = TrackImport {
                path,
                title,
                kind: kind.parse::<GuidedKind>()?,
                language,
            };
            let mut events = core.events().subscribe();
            let imported = meditation.import_track(&profile.parse()?, input).await;
            print_progress(&mut events)?;
            print_json(&imported?)?;
        }
        MeditationCommand::Speak {
            profile,
            written,
            title,
        } => {
            let mut events = core.events().subscribe();
            let spoken = meditation
                .speak_written_meditation(&profile.parse()?, &written, &title)
                .await;
            print_progress(&mut events)?;
            print_json(&spoken?)?;
        }
        MeditationCommand::Write {
            profile,
            minutes,
            title,
        } => {
            let mut events = core.events().subscribe();
            let written = core
                .chat()
                .write_meditation(&profile.parse()?, WriteMeditation { minutes, title })
                .await;
            print_progress(&mut events)?;
            print_json(&written?)?;
        }
        MeditationCommand::Script { profile, track } => {
            let script = meditation
                .track_script(&profile.parse()?, &track.parse()?)
                .await?;
            print_json(&serde_json::json!({ "script": script }))?;
        }
        MeditationCommand::Written => {
            for written in meditation.written_meditations()? {
                print_json(&written)?;
            }
        }
        MeditationCommand::Series { profile } => {
            for series in meditation.meditation_series(&profile.parse()?).await? {
                print_json(&series)?;
            }
        }
        MeditationCommand::SeriesDay {
            profile,
            series,
            day,
            title,
        } => {
            let mut events = core.events().subscribe();
            let track = meditation
                .series_day_track(&profile.parse()?, &series, day, &title)
                .await;
            print_progress(&mut events)?;
            print_json(&track?)?;
        }
        MeditationCommand::Tracks { profile } => {
            for track in meditation.tracks(&profile.parse()?).await? {
                print_json(&track)?;
            }
        }
        MeditationCommand::DeleteTrack { profile, track } => {
            meditation
                .delete_track(&profile.parse()?, &track.parse()?)
                .await?;
        }
    }
    Ok(())
}

/// Prints the progress notices a job sent (the last ones, if it sent more than the channel holds).
pub(crate) fn print_progress(events: &mut Receiver<CoreEvent>) -> Result<(), CoreError> {
    loop {
        match events.try_recv() {
            Ok(CoreEvent::Progress(progress)) => print_json(&progress)?,
            Ok(_) | Err(TryRecvError::Lagged(_)) => {}
            Err(_) => return Ok(()),
        }
    }
}
