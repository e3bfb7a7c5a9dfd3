//! Profiles, their settings and onboarding answers.

use serde::{Deserialize, Serialize};
use tauri::State;
use wbot_core::profile::{NewProfile, OnboardingAnswers, Profile, Settings};
use wbot_core::{Core, ProfileId};

use super::Result;
use crate::error::Input;

/// Sent when a profile's settings change, so every window can follow: the core publishes the change and
/// [`crate::forward_core_events`] relays it.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
#[serde(rename_all = "camelCase")]
pub struct SettingsChanged {
    pub profile_id: ProfileId,
    pub settings: Settings,
}

/// Every profile on this device.
#[tauri::command]
#[specta::specta]
pub async fn list_profiles(core: State<'_, Core>) -> Result<Vec<Profile>> {
    Ok(core.profiles().list_profiles().await?)
}

/// The profile the app opens with, if any.
#[tauri::command]
#[specta::specta]
pub async fn active_profile(core: State<'_, Core>) -> Result<Option<Profile>> {
    Ok(core.profiles().active_profile().await?)
}

/// Creates a profile from onboarding and makes it active.
#[tauri::command]
#[specta::specta]
pub async fn create_profile(core: State<'_, Core>, input: Input<NewProfile>) -> Result<Profile> {
    Ok(core
        .profiles()
        .create_profile(input.parse("profile details")?)
        .await?)
}

/// Changes a profile's display name (1–100 characters).
#[tauri::command]
#[specta::specta]
pub async fn rename_profile(
    core: State<'_, Core>,
    profile_id: String,
    display_name: String,
) -> Result<Profile> {
    Ok(core
        .profiles()
        .rename_profile(&profile_id.parse()?, &display_name)
        .await?)
}

/// Makes another profile the active one.
#[tauri::command]
#[specta::specta]
pub async fn switch_profile(core: State<'_, Core>, profile_id: String) -> Result<Profile> {
    Ok(core.profiles().switch_profile(&profile_id.parse()?).await?)
}

/// Deletes a profile and all its data.
#[tauri::command]
#[specta::specta]
pub async fn delete_profile(core: State<'_, Core>, profile_id: String) -> Result<()> {
    Ok(core.delete_profile(&profile_id.parse()?).await?)
}

/// A profile's settings.
#[tauri::command]
#[specta::specta]
pub async fn get_settings(core: State<'_, Core>, profile_id: String) -> Result<Settings> {
    Ok(core.profiles().settings(&profile_id.parse()?).await?)
}

/// Saves a profile's settings (every window hears of it through `settingsChanged`).
#[tauri::command]
#[specta::specta]
pub async fn update_settings(
    core: State<'_, Core>,
    profile_id: String,
    settings: Input<Settings>,
) -> Result<Settings> {
    Ok(core
        .update_settings(&profile_id.parse()?, settings.parse("settings")?)
        .await?)
}

/// A profile's onboarding answers.
#[tauri::command]
#[specta::specta]
pub async fn get_onboarding(
    core: State<'_, Core>,
    profile_id: String,
) -> Result<OnboardingAnswers> {
    Ok(core.profiles().onboarding(&profile_id.parse()?).await?)
}

/// Replaces a profile's onboarding answers.
#[tauri::command]
#[specta::specta]
pub async fn update_onboarding(
    core: State<'_, Core>,
    profile_id: String,
    answers: Input<OnboardingAnswers>,
) -> Result<OnboardingAnswers> {
    Ok(core
        .profiles()
        .update_onboarding(&profile_id.parse()?, answers.parse("onboarding answers")?)
        .await?)
}

/// Gives a profile a PIN (4–8 digits), or a new one given the current one (ADR 0016).
#[tauri::command]
#[specta::specta]
pub async fn set_profile_pin(
    core: State<'_, Core>,
    profile_id: String,
    pin: String,
    current_pin: Option<String>,
) -> Result<Profile> {
    Ok(core
        .profiles()
        .set_pin(&profile_id.parse()?, &pin, current_pin.as_deref())
        .await?)
}

/// Takes the PIN off a profile, given it.
#[tauri::command]
#[specta::specta]
pub async fn remove_profile_pin(
    core: State<'_, Core>,
    profile_id: String,
    current_pin: String,
) -> Result<Profile> {
    Ok(core
        .profiles()
        .remove_pin(&profile_id.parse()?, &current_pin)
        .await?)
}

/// Opens a locked profile until the app closes (or it is locked again).
#[tauri::command]
#[specta::specta]
pub async fn unlock_profile(
    core: State<'_, Core>,
    profile_id: String,
    pin: String,
) -> Result<Profile> {
    Ok(core
        .profiles()
        .unlock_profile(&profile_id.parse()?, &pin)
        .await?)
}

/// Locks a profile that has a PIN again, now.
#[tauri::command]
#[specta::specta]
pub async fn lock_profile(core: State<'_, Core>, profile_id: String) -> Result<Profile> {
    Ok(core.profiles().lock_profile(&profile_id.parse()?).await?)
}
