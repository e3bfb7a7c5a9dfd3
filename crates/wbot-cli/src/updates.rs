//! `wbot updates channel [stable|beta]`: the release channel the app follows, from a terminal (checking
//! and installing are the desktop app's). Prints `{"channel": …}`.

use clap::Subcommand;
use wbot_core::updates::UpdateChannel;
use wbot_core::{Core, CoreError};

use crate::print_json;

#[derive(Subcommand)]
pub enum UpdatesCommand {
    /// Prints the channel, or switches to the one given.
    Channel {
        /// `stable` or `beta`.
        channel: Option<String>,
    },
}

pub async fn run(core: &Core, cmd: UpdatesCommand) -> Result<(), CoreError> {
    match cmd {
        UpdatesCommand::Channel { channel } => {
            let channel = match channel {
                Some(name) => {
                    core.updates()
                        .set_channel(name.parse::<UpdateChannel>()?)
                        .await?
                }
                None => core.updates().channel().await?,
            };
            print_json(&serde_json::json!({ "channel": channel }))
        }
    }
}
