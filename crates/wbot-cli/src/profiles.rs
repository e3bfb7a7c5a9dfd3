//! `wbot profiles list|create|rename|set-pin|remove-pin`. PINs come from the environment, never the
//! command line (which other users of the machine can see): `WBOT_PIN` is the current one,
//! `WBOT_NEW_PIN` the one to set.

use clap::Subcommand;
use wbot_core::profile::{NewProfile, OnboardingAnswers};
use wbot_core::{Core, CoreError, Reason, Subject};

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
    /// Gives a profile a PIN (`WBOT_NEW_PIN`, 4–8 digits), or a new one (the current in `WBOT_PIN`).
    SetPin {
        #[arg(long)]
        profile: String,
    },
    /// Takes the PIN (`WBOT_PIN`) off a profile.
    RemovePin {
        #[arg(long)]
        profile: String,
    },
}

/// A PIN from the environment variable `name`; `empty pin` when it is not set.
pub fn pin_from_env(name: &str) -> Result<String, CoreError> {
    std::env::var(name).map_err(|_| {
        CoreError::new(Reason::Empty)
            .subject(Subject::Pin)
            .value(name)
    })
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
        ProfilesCommand::SetPin { profile } => {
            let pin = pin_from_env("WBOT_NEW_PIN")?;
            let current = std::env::var("WBOT_PIN").ok();
            print_json(
                &core
                    .profiles()
                    .set_pin(&profile.parse()?, &pin, current.as_deref())
                    .await?,
            )?;
        }
        ProfilesCommand::RemovePin { profile } => {
            let current = pin_from_env("WBOT_PIN")?;
            print_json(
                &core
                    .profiles()
                    .remove_pin(&profile.parse()?, &current)
                    .await?,
            )?;
        }
    }
    Ok(())
}
