//! `wbot wellness show|learn|note|remove|pause|resume|reset`: the wellness profile from a terminal.
//! Results are JSON lines on stdout: one line per item for `show` and `learn`.

use clap::Subcommand;
use wbot_core::{Core, CoreError};

use crate::print_json;

#[derive(Subcommand)]
pub enum WellnessCommand {
    /// Prints the visible items.
    Show {
        #[arg(long)]
        profile: String,
    },
    /// Learns again from what the person did, then prints the items (nothing changes while paused).
    Learn {
        #[arg(long)]
        profile: String,
    },
    /// Sets the person's note on an item (empty clears it); prints the item.
    Note {
        #[arg(long)]
        profile: String,
        id: String,
        note: String,
    },
    /// Removes an item for good (until a reset).
    Remove {
        #[arg(long)]
        profile: String,
        id: String,
    },
    /// Pauses learning.
    Pause {
        #[arg(long)]
        profile: String,
    },
    /// Resumes learning.
    Resume {
        #[arg(long)]
        profile: String,
    },
    /// Forgets everything learned; learning starts again from now.
    Reset {
        #[arg(long)]
        profile: String,
    },
}

pub async fn run(core: &Core, cmd: WellnessCommand) -> Result<(), CoreError> {
    let wellness = core.wellness();
    match cmd {
        WellnessCommand::Show { profile } => {
            for item in wellness.profile(&profile.parse()?).await?.items {
                print_json(&item)?;
            }
        }
        WellnessCommand::Learn { profile } => {
            let id = profile.parse()?;
            wellness.learn(&id).await?;
            for item in wellness.profile(&id).await?.items {
                print_json(&item)?;
            }
        }
        WellnessCommand::Note { profile, id, note } => {
            print_json(
                &wellness
                    .set_note(&profile.parse()?, &id.parse()?, &note)
                    .await?,
            )?;
        }
        WellnessCommand::Remove { profile, id } => {
            wellness.remove(&profile.parse()?, &id.parse()?).await?;
        }
        WellnessCommand::Pause { profile } => {
            wellness.set_learning(&profile.parse()?, false).await?
        }
        WellnessCommand::Resume { profile } => {
            wellness.set_learning(&profile.parse()?, true).await?
        }
        WellnessCommand::Reset { profile } => wellness.reset(&profile.parse()?).await?,
    }
    Ok(())
}
