//! `wbot progress show|effectiveness`: what helped, streaks, the weekly goal and badges, as JSON lines.

use clap::Subcommand;
use wbot_core::{Core, CoreError};

use crate::print_json;

#[derive(Subcommand)]
pub enum ProgressCommand {
    /// Prints the Progress page as one JSON line.
    Show {
        #[arg(long)]
        profile: String,
        /// The person's calendar day, `YYYY-MM-DD`; today on this machine when absent.
        #[arg(long)]
        today: Option<String>,
    },
    /// Prints each kind of activity done, with its score, best first.
    Effectiveness {
        #[arg(long)]
        profile: String,
    },
}

pub async fn run(core: &Core, cmd: ProgressCommand) -> Result<(), CoreError> {
    let progress = core.progress();
    match cmd {
        ProgressCommand::Show { profile, today } => {
            print_json(
                &progress
                    .progress(&profile.parse()?, today.as_deref())
                    .await?,
            )?;
        }
        ProgressCommand::Effectiveness { profile } => {
            for e in progress.effectiveness(&profile.parse()?).await? {
                print_json(&e)?;
            }
        }
    }
    Ok(())
}
