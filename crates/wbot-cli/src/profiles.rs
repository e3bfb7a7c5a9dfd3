//! `wbot profiles list|create|rename`.

use clap::Subcommand;
use wbot_core::profile::{NewProfile, OnboardingAnswers};
use wbot_core::{Core, CoreError, Reason};

use crate::print_json;

#[derive(Subcommand)]
pub enum ProfilesCommand {
    /// Prints every profile, one JSON line each.
    List,
    /// Creates a profile and makes it active.
    Create {
        /// The display name.
        name: String,
        /// Onboarding answers as JSON (camelCase fields); defaults to neutral answers.
        #[arg(long)]
        onboarding: Option<String>,
    },
    /// Changes a profile's display name; prints the profile.
    Rename {
        #[arg(long)]
        profile: String,
        /// The new display name.
        name: String,
    },
}

pub async fn run(core: &Core, cmd: ProfilesCommand) -> Result<(), CoreError> {
    match cmd {
        ProfilesCommand::List => {
            for profile in core.profiles().list_profiles().await? {
                print_json(&profile)?;
            }
        }
        ProfilesCommand::Create { name, onboarding } => {
            let onboarding = match onboarding {
                Some(json) => serde_json::from_str(&json).map_err(|e| {
                    CoreError::new(Reason::InvalidInput)
                        .value("onboarding")
                        .detail(e.to_string())
                })?,
                None => OnboardingAnswers::neutral(),
            };
            let profile = core
                .profiles()
                .create_profile(NewProfile {
                    display_name: name,
                    onboarding,
                })
                .await?;
            print_json(&profile)?;
        }
        ProfilesCommand::Rename { profile, name } => {
            print_json(
                &core
                    .profiles()
                    .rename_profile(&profile.parse()?, &name)
                    .await?,
            )?;
        }
    }
    Ok(())
}
