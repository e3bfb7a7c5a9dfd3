//! `wbot mood add|list|trend`: mood check-ins from a terminal. Results are JSON lines on stdout.

use clap::Subcommand;
use wbot_core::db::Page;
use wbot_core::mood::{DayRange, NewCheckin};
use wbot_core::{Core, CoreError};

use crate::print_json;

#[derive(Subcommand)]
pub enum MoodCommand {
    /// Saves a check-in; prints it.
    Add {
        #[arg(long)]
        profile: String,
        /// 1 (very low) – 5 (great).
        #[arg(long)]
        mood: u8,
        /// An emotion (calm, anxious, …); repeat for more.
        #[arg(long = "emotion")]
        emotions: Vec<String>,
        #[arg(long, default_value = "")]
        note: String,
        /// When it was felt (RFC 3339); now when absent.
        #[arg(long)]
        at: Option<String>,
    },
    /// Prints check-ins of every kind, newest first.
    List {
        #[arg(long)]
        profile: String,
        #[arg(long)]
        limit: Option<u32>,
        #[arg(long, default_value_t = 0)]
        offset: u32,
    },
    /// Prints the trend over a range of calendar days as one JSON line.
    Trend {
        #[arg(long)]
        profile: String,
        /// First day, `YYYY-MM-DD`.
        #[arg(long)]
        from: String,
        /// Last day, `YYYY-MM-DD`.
        #[arg(long)]
        to: String,
        /// Minutes east of UTC where the days begin.
        #[arg(long, default_value_t = 0, allow_negative_numbers = true)]
        utc_offset: i16,
    },
}

pub async fn run(core: &Core, cmd: MoodCommand) -> Result<(), CoreError> {
    let mood = core.mood();
    match cmd {
        MoodCommand::Add {
            profile,
            mood: value,
            emotions,
            note,
            at,
        } => {
            let checkin = NewCheckin {
                mood: value,
                emotions,
                note,
                at,
            };
            print_json(&mood.add_checkin(&profile.parse()?, checkin).await?)?;
        }
        MoodCommand::List {
            profile,
            limit,
            offset,
        } => {
            for checkin in mood
                .list_checkins(&profile.parse()?, Page { limit, offset })
                .await?
            {
                print_json(&checkin)?;
            }
        }
        MoodCommand::Trend {
            profile,
            from,
            to,
            utc_offset,
        } => {
            let range = DayRange {
                from,
                to,
                utc_offset_minutes: utc_offset,
            };
            print_json(&mood.mood_trend(&profile.parse()?, &range).await?)?;
        }
    }
    Ok(())
}
