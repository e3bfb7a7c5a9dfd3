//! Wbot's core: every rule of the product. It has no Tauri dependency; the desktop shell and the
//! `wbot` command line both drive it through [`Core`].

pub mod archive;
pub mod audio;
pub mod breathing;
pub mod chat;
pub mod clock;
pub mod db;
pub mod error;
pub mod evaluation;
pub mod events;
pub mod ids;
pub mod journal;
pub mod meditation;
pub mod memory;
pub mod mood;
pub mod profile;
pub mod progress;
pub mod reminders;
pub mod runner;
pub mod text;
pub mod updates;
pub mod voice;
pub mod wellness;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use archive::ArchiveService;
use breathing::BreathingService;
use chat::ChatService;
use journal::JournalService;
use meditation::MeditationService;
use memory::MemoryService;
use mood::MoodService;
use profile::{ProfileService, Settings};
use progress::ProgressService;
use reminders::ReminderService;
use updates::UpdateService;
use wellness::WellnessService;

pub use error::{AppError, CoreError, ErrorCode, ErrorParams, Reason, Result, Subject};
pub use ids::{
    BreathingRunId, BreathingSessionId, CheckinId, ConversationId, JournalEntryId, MeditationRunId,
    MeditationSessionId, MemoryId, MessageId, ProfileId, ProviderId, ReminderId, ReplyId,
    WellnessItemId,
};

/// What the shell holds in its state, one per data directory: the domain services, built once over one
/// database and event bus (ADR 0008). Each service's fields are what it depends on; the few operations
/// that span domains (deleting a profile, changing settings while a session plays) are here.
#[derive(Debug, Clone)]
pub struct Core {
    db: db::Db,
    data_dir: PathBuf,
    events: events::EventBus,
    profiles: ProfileService,
    memory: MemoryService,
    breathing: BreathingService,
    meditation: MeditationService,
    journal: JournalService,
    mood: MoodService,
    progress: ProgressService,
    reminders: ReminderService,
    wellness: WellnessService,
    chat: ChatService,
    archive: ArchiveService,
    updates: UpdateService,
}

impl Core {
    /// Opens the core on a data directory, creating and migrating its database.
    pub async fn open(data_dir: impl AsRef<Path>) -> Result<Self> {
        let runtime = chat::turn::ChatRuntime::new(
            Arc::new(chat::secrets::KeychainSecretStore),
            chat::RetryPolicy::default(),
        )?;
        let data_dir = data_dir.as_ref().to_path_buf();
        let db = db::Db::open(&data_dir).await?;
        tracing::info!("core opened");
        let events = events::EventBus::default();
        let profiles = ProfileService::new(db.clone(), events.clone());
        let engine = memory::MemoryEngine::new(db.clone(), data_dir.clone(), events.clone());
        let memory = MemoryService::new(profiles.clone(), engine);
        let audio = audio::SessionAudio::default();
        let voice = meditation::VoiceSlot::default();
        let breathing = BreathingService::new(
            db.clone(),
            profiles.clone(),
            audio.clone(),
            voice.clone(),
            data_dir.clone(),
            events.clone(),
        );
        let meditation = MeditationService::new(
            db.clone(),
            profiles.clone(),
            audio,
            data_dir.clone(),
            events.clone(),
            voice,
        );
        let journal = JournalService::new(db.clone(), profiles.clone(), memory.clone());
        let mood = MoodService::new(db.clone(), profiles.clone());
        let progress = ProgressService::new(db.clone(), profiles.clone());
        let reminders = ReminderService::new(db.clone(), profiles.clone(), events.clone());
        let wellness = WellnessService::new(db.clone(), profiles.clone(), progress.clone());
        let archive =
            ArchiveService::new(db.clone(), events.clone(), profiles.clone(), memory.clone());
        let chat = ChatService::new(
            db.clone(),
            profiles.clone(),
            memory.clone(),
            chat::ActivityServices {
                breathing: breathing.clone(),
                meditation: meditation.clone(),
                journal: journal.clone(),
                progress: progress.clone(),
                wellness: wellness.clone(),
            },
            runtime,
        );
        let updates = UpdateService::new(db.clone());
        Ok(Self {
            db,
            data_dir,
            events,
            profiles,
            memory,
            breathing,
            meditation,
            journal,
            mood,
            progress,
            reminders,
            wellness,
            chat,
            archive,
            updates,
        })
    }

    /// Replaces how API keys are kept and how providers are retried (tests use memory and short waits).
    pub fn with_chat_runtime(
        mut self,
        secrets: Arc<dyn chat::SecretStore>,
        retry: chat::RetryPolicy,
    ) -> Result<Self> {
        let runtime = chat::turn::ChatRuntime::new(secrets, retry)?;
        self.chat = self.chat.with_runtime(runtime);
        Ok(self)
    }

    /// The directory holding this device's data.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The database handles.
    pub fn db(&self) -> &db::Db {
        &self.db
    }

    /// The core's notifications (progress of long jobs, ...).
    pub fn events(&self) -> &events::EventBus {
        &self.events
    }

    /// Profiles, their settings and onboarding answers.
    pub fn profiles(&self) -> &ProfileService {
        &self.profiles
    }

    /// What Wbot remembers.
    pub fn memory(&self) -> &MemoryService {
        &self.memory
    }

    /// Breathing sessions, saved and running, and their sound.
    pub fn breathing(&self) -> &BreathingService {
        &self.breathing
    }

    /// Meditation sessions.
    pub fn meditation(&self) -> &MeditationService {
        &self.meditation
    }

    /// Journal entries.
    pub fn journal(&self) -> &JournalService {
        &self.journal
    }

    /// Mood check-ins and the trend.
    pub fn mood(&self) -> &MoodService {
        &self.mood
    }

    /// Effectiveness, streaks, the weekly goal and badges.
    pub fn progress(&self) -> &ProgressService {
        &self.progress
    }

    /// What the companion has learned about each person.
    pub fn wellness(&self) -> &WellnessService {
        &self.wellness
    }

    pub fn archive(&self) -> &ArchiveService {
        &self.archive
    }

    /// Daily reminders, and their delivery while the app runs.
    pub fn reminders(&self) -> &ReminderService {
        &self.reminders
    }

    /// The update channel the app follows.
    pub fn updates(&self) -> &UpdateService {
        &self.updates
    }

    /// The companion chat.
    pub fn chat(&self) -> &ChatService {
        &self.chat
    }

    /// Replaces a profile's settings; a breathing session or a meditation of that profile playing
    /// now follows them.
    pub async fn update_settings(
        &self,
        profile_id: &ProfileId,
        settings: Settings,
    ) -> Result<Settings> {
        let saved = self.profiles.update_settings(profile_id, settings).await?;
        self.breathing
            .follow_sound_settings(profile_id, &saved)
            .await;
        self.meditation
            .follow_sound_settings(profile_id, &saved)
            .await;
        Ok(saved)
    }

    /// Deletes a profile and everything it owns (a locked one only once unlocked): its rows, its API
    /// keys (kept outside the database, so the cascade cannot reach them) and its memory index. When it
    /// was active, the oldest remaining profile (if any) becomes active.
    pub async fn delete_profile(&self, id: &ProfileId) -> Result<()> {
        self.profiles.require_profile(id).await?;
        self.chat.forget_profile_keys(id).await?;
        self.profiles.delete_rows(id).await?;
        self.memory.drop_index(id).await;
        self.journal.profile_deleted(id);
        self.meditation.profile_deleted(id);
        Ok(())
    }

    /// Saves running breathing sessions, meditations, a playing track's place and the memory
    /// indexes, then flushes and closes storage.
    pub async fn close(&self) {
        self.breathing.save_running_breathing().await;
        self.meditation.save_running_meditations().await;
        self.meditation.save_playing_track().await;
        if let Err(err) = self.memory.flush().await {
            // The index is derived: a failed save only means a rebuild on the next start.
            tracing::warn!(error = %err, "memory index not saved on close");
        }
        self.db.close().await;
    }
}
