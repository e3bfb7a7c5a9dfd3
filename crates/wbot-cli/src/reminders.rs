//! `wbot reminders list|add|delete`: daily reminders from a terminal. Results are JSON lines on stdout.
//! (The app delivers them while it runs; the CLI only keeps them.)

use clap::Subcommand;
use wbot_core::reminders::{ReminderInput, ReminderKind, Weekday};
use wbot_core::{Core, CoreError};

use crate::print_json;

#[derive(Subcommand)]
pub enum RemindersCommand {
    /// Prints a profile's reminders, oldest first.
    List {
        #[arg(long)]
        profile: String,
    },
    /// Saves a reminder; prints it.
    Add {
        #[arg(long)]
        profile: String,
        /// `checkin` or `practice`.
        #[arg(long)]
        kind: String,
        /// Local time, `HH:MM`.
        #[arg(long)]
        time: String,
        /// A day (`mon` … `sun`); repeat for more; every day when absent.
        #[arg(long = "day")]
        days: Vec<String>,
        /// Saved turned off.
        #[arg(long)]
        off: bool,
    },
    /// Deletes a reminder.
    Delete {
        #[arg(long)]
        profile: String,
        id: String,
    },
}

pub async fn run(core: &Core, cmd: RemindersCommand) -> Result<(), CoreError> {
    let reminders = core.reminders();
    match cmd {
        RemindersCommand::List { profile } => {
            for reminder in reminders.list_reminders(&profile.parse()?).await? {
                print_json(&reminder)?;
            }
        }
        RemindersCommand::Add {
            profile,
            kind,
            time,
            days,
            off,
        } => {
            let kind: ReminderKind = kind.parse()?;
            let days = if days.is_empty() {
                Weekday::ALL.to_vec()
            } else {
                days.iter()
                    .map(|d| d.parse())
                    .collect::<Result<Vec<Weekday>, _>>()?
            };
            let input = ReminderInput {
                id: None,
                kind,
                time,
                days,
                enabled: !off,
            };
            print_json(&reminders.save_reminder(&profile.parse()?, input).await?)?;
        }
        RemindersCommand::Delete { profile, id } => {
            reminders
                .delete_reminder(&profile.parse()?, &id.parse()?)
                .await?;
        }
    }
    Ok(())
}
