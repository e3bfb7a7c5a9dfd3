//! What the core tells whoever drives it (the shell forwards these to the UI as typed events).

use serde::Serialize;
use tokio::sync::broadcast;

use crate::ids::ProfileId;
use crate::profile::Settings;
use crate::reminders::ReminderDue;

/// Progress of a long job (model load, index rebuild, re-embedding, import).
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    /// A stable job name, e.g. "memory.rebuild".
    pub job: String,
    /// The profile the job works for, when it is one profile's.
    pub profile_id: Option<ProfileId>,
    pub done: u32,
    pub total: u32,
}

/// Every notification the core sends.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum CoreEvent {
    Progress(Progress),
    /// The memory model was loaded or released (it holds ~100 MB while loaded).
    MemoryModel(MemoryModelState),
    /// A profile's settings changed (the settings screen, or a sound switch during a session); the
    /// shell tells every window with its own `settingsChanged` event.
    SettingsChanged(ProfileSettings),
    /// A reminder of the active profile is due now: the UI words it and asks the shell to show it.
    ReminderDue(ReminderDue),
}

/// A profile's settings as just saved, with whose they are.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ProfileSettings {
    pub profile_id: ProfileId,
    pub settings: Settings,
}

/// Whether the memory (embedding) model is in memory.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MemoryModelState {
    pub loaded: bool,
    /// The configured model id, e.g. "multilingual-e5-small".
    pub model_id: String,
}

/// A fan-out of core events; sending with no listener is fine.
#[derive(Debug, Clone)]
pub struct EventBus(broadcast::Sender<CoreEvent>);

impl Default for EventBus {
    fn default() -> Self {
        Self(broadcast::channel(256).0)
    }
}

impl EventBus {
    /// Sends an event to every current listener.
    pub fn emit(&self, event: CoreEvent) {
        let _ = self.0.send(event);
    }

    /// A new listener.
    pub fn subscribe(&self) -> broadcast::Receiver<CoreEvent> {
        self.0.subscribe()
    }
}
