//! `wbot breathing import|history|voice-cues`: breathing sessions from a terminal (an import from another
//! app, or sessions on chosen days for tests and benchmarks), and the spoken cues. Results are JSON
//! lines on stdout.

use clap::Subcommand;
use wbot_core::breathing::NewBreathingSession;
use wbot_core::db::Page;
use wbot_core::{Core, CoreError};

use crate::meditation::print_progress;
use crate::{import_lines, print_json};

#[derive(Subcommand)]
pub enum BreathingCommand {
    /// Saves finished or stopped sessions, one JSON object per line of standard input, in the shape the
    /// app saves (`config`, `startedAt` and `endedAt` as RFC 3339 with the person's offset, `completed`,
    /// `stoppedAt`, `rounds`, `durationMs`, `moodBefore`, `moodAfter`); prints each as saved.
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
    /// Has the local voice speak breathing's cues if it never did (they are kept in the data
    /// folder); prints the progress, then how many cues there are.
    VoiceCues {
        #[arg(long)]
        profile: String,
    },
}

pub async fn run(core: &Core, cmd: BreathingCommand) -> Result<(), CoreError> {
    let breathing = core.breathing();
    match cmd {
        BreathingCommand::Import { profile } => {
            let profile = core.profiles().require_profile(&profile.parse()?).await?;
            import_lines(|session: NewBreathingSession| async {
                print_json(&breathing.save_breathing_session(&profile, session).await?)
            })
            .await?;
        }
        BreathingCommand::History {
            profile,
            limit,
            offset,
        } => {
            let history = breathing
                .breathing_history(&profile.parse()?, Page { limit, offset })
                .await?;
            for session in history.items {
                print_json(&session)?;
            }
        }
        BreathingCommand::VoiceCues { profile } => {
            let mut events = core.events().subscribe();
            let cues = breathing.prepare_voice_cues(&profile.parse()?).await;
            print_progress(&mut events)?;
            print_json(&serde_json::json!({ "cues": cues? }))?;
        }
    }
    Ok(())
}
