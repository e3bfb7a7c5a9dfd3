//! Sessions running now, per profile, so the shell stays a few lines per command: start one (with
//! the audio engine's cues), steer it by id, and finish it into a saved session. A run id belongs
//! to one profile; any other profile gets `not_found` for it, as for a saved session.

use serde::{Deserialize, Serialize};

use super::config::{Pattern, SessionConfig, Technique, WimHofSettings};
use super::engine::Session;
use super::engine::SessionEvent;
use super::store::{BreathingSession, NewBreathingSession};
use super::BreathingService;
use std::sync::Arc;

use crate::audio::{apply_volumes, AmbientKind, AudioEngine, AudioStatus, CueClips, SessionSounds};
use crate::error::{CoreError, Result, Subject};
use crate::events::{CoreEvent, Progress};
use crate::ids::{BreathingRunId, ProfileId};
use crate::mood::check_mood;
use crate::profile::Settings;
use crate::runner::{Live, RunnerCommand, SessionRunner};
use crate::voice::cues::{cues_dir, cues_ready, read_cues, speak_cues};

/// The progress job of the voice speaking breathing's cues (one step per cue).
pub const VOICE_CUES_JOB: &str = "breathing.voice_cues";

/// A technique the UI can offer, with its pattern or Wim Hof defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TechniqueInfo {
    pub technique: Technique,
    /// The fixed pattern of a preset; for custom, a starting point the person edits.
    pub pattern: Option<Pattern>,
    /// Wim Hof's default settings.
    pub wim_hof: Option<WimHofSettings>,
}

/// Every technique, presets first, with what the picker needs to show.
pub fn techniques() -> Vec<TechniqueInfo> {
    Technique::ALL
        .iter()
        .map(|&technique| {
            let config = SessionConfig::default_for(technique);
            TechniqueInfo {
                technique,
                pattern: config.pattern(),
                wim_hof: match config {
                    SessionConfig::WimHof(w) => Some(w),
                    _ => None,
                },
            }
        })
        .collect()
}

/// What starting a session needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct StartBreathing {
    pub config: SessionConfig,
    /// How the person feels before, 1–5.
    pub mood_before: Option<u8>,
}

/// A session that has started.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct LiveBreathing {
    /// Steers this run until it is finished; not the id of the saved session.
    pub run_id: BreathingRunId,
    pub config: SessionConfig,
    /// The continuous pattern followed (None for Wim Hof).
    pub pattern: Option<Pattern>,
    /// The Wim Hof settings (None for continuous techniques).
    pub wim_hof: Option<WimHofSettings>,
}

/// Whether sound can be heard, and the profile's sound switches (from its settings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AudioState {
    pub status: AudioStatus,
    /// Every session sound is silenced (the profile's `muted` setting).
    pub muted: bool,
    /// Sessions play an ambient bed (the profile's `ambientOn` setting).
    pub ambient_on: bool,
    /// The bed they play.
    pub ambient_sound: AmbientKind,
}

/// Makes the engine play as `settings` say: volumes, mute (every layer), and, while a session of
/// that profile runs, the ambient bed on or off (started with its fade-in, stopped with its
/// fade-out; left alone when it already is as asked, so a toggle never restarts it).
fn apply_sound(engine: &AudioEngine, settings: &Settings, session_running: bool) -> Result<()> {
    apply_volumes(engine, settings.volumes(), settings.muted)?;
    if session_running {
        let wanted = settings.ambient_on.then_some(settings.ambient_sound);
        let playing = engine.with_mix(|m| m.ambient());
        match wanted {
            Some(kind) if playing != Some(kind) => engine.start_ambient(kind),
            None if playing.is_some() => engine.stop_ambient(),
            _ => {}
        }
    }
    Ok(())
}

fn not_running(run_id: &BreathingRunId) -> CoreError {
    CoreError::not_found(Subject::BreathingSession, run_id)
}

impl BreathingService {
    /// Whether sound can be heard, and the profile's mute and ambient switches.
    pub async fn audio_state(&self, profile_id: &ProfileId) -> Result<AudioState> {
        let settings = self.profiles.settings(profile_id).await?;
        self.audio_state_of(&settings).await
    }

    async fn audio_state_of(&self, settings: &Settings) -> Result<AudioState> {
        Ok(AudioState {
            status: self.audio.opened().await?.status(),
            muted: settings.muted,
            ambient_on: settings.ambient_on,
            ambient_sound: settings.ambient_sound,
        })
    }

    /// Mutes or unmutes every session sound for a profile: saved in its settings (so it holds for
    /// the next session and after a restart) and applied at once.
    pub async fn set_audio_muted(&self, profile_id: &ProfileId, muted: bool) -> Result<AudioState> {
        let settings = self
            .profiles
            .update_sound_switches(profile_id, Some(muted), None)
            .await?;
        self.follow_sound_settings(profile_id, &settings).await;
        self.audio_state_of(&settings).await
    }

    /// Turns the ambient bed of a profile's breathing sessions on or off: saved in its settings,
    /// and started (2 s fade-in) or stopped (1 s fade-out) at once when a session of it runs.
    pub async fn set_breathing_ambient(
        &self,
        profile_id: &ProfileId,
        on: bool,
    ) -> Result<AudioState> {
        let settings = self
            .profiles
            .update_sound_switches(profile_id, None, Some(on))
            .await?;
        self.follow_sound_settings(profile_id, &settings).await;
        self.audio_state_of(&settings).await
    }

    /// Called after a profile's settings changed: the engine follows them while that profile has
    /// a session running (otherwise nothing plays, and the next session applies them at start).
    pub(crate) async fn follow_sound_settings(&self, profile_id: &ProfileId, settings: &Settings) {
        if !self.has_running_breathing(profile_id) {
            return;
        }
        match self.audio.opened().await {
            Ok(engine) => {
                if let Err(e) = apply_sound(engine, settings, true) {
                    tracing::warn!(error = %e, "sound settings not applied");
                }
            }
            Err(e) => tracing::warn!(error = %e, "sound settings not applied"),
        }
    }

    fn has_running_breathing(&self, profile_id: &ProfileId) -> bool {
        self.runs.has_running(profile_id)
    }

    /// Starts a breathing session for a profile: events go to `on_event` in order (phase
    /// changes, ticks about ten a second, pause/resume, then completion or stop). A session the
    /// profile still had running is stopped and saved first, so nothing breathed is lost.
    pub async fn start_breathing<F>(
        &self,
        profile_id: &ProfileId,
        input: StartBreathing,
        on_event: F,
    ) -> Result<LiveBreathing>
    where
        F: FnMut(SessionEvent) + Send + 'static,
    {
        let profile = self.profiles.require_profile(profile_id).await?;
        input.config.validate()?;
        check_mood(input.mood_before, Subject::MoodBefore)?;
        let settings = self.profiles.settings(&profile).await?;
        let engine = self.audio.opened().await?;
        self.save_abandoned(&profile);
        let rate = engine.with_mix(|m| m.rate());
        let sounds = self.session_sounds(&profile, &settings, rate).await;
        let cues = self.audio.claim();
        engine.with_mix(|m| m.set_session_sounds(sounds));
        let session = Session::new(input.config, std::time::Duration::ZERO)?;
        let runner = SessionRunner::start(session, on_event, Some(cues))?;
        // After the runner started: ending an abandoned run stops the bed, this one starts it.
        apply_sound(engine, &settings, true)?;
        // Breathing has no binaural beats: a meditation's, still playing, fade out as it takes over.
        engine.stop_binaural();
        let run_id = BreathingRunId::new();
        self.runs.insert(
            run_id.clone(),
            Live {
                profile_id: profile.clone(),
                mood_before: input.mood_before,
                runner,
            },
        );
        tracing::info!(profile = %profile, run = %run_id, technique = input.config.technique().as_str(), "breathing session started");
        Ok(LiveBreathing {
            run_id,
            config: input.config,
            pattern: input.config.pattern(),
            wim_hof: match input.config {
                SessionConfig::WimHof(w) => Some(w),
                _ => None,
            },
        })
    }

    /// Has the local voice speak breathing's cues (once for the app: they are kept in the data
    /// folder), with progress (`breathing.voice_cues`); the Settings switch calls it, so that a
    /// voice that cannot speak says so there. Returns how many cues there are.
    pub async fn prepare_voice_cues(&self, profile_id: &ProfileId) -> Result<u32> {
        let profile = self.profiles.require_profile(profile_id).await?;
        let rate = self.audio.opened().await?.with_mix(|m| m.rate());
        let clips = self.cue_clips(&profile, rate).await?;
        Ok(u32::try_from(clips.len()).unwrap_or(u32::MAX))
    }

    /// The spoken cues at `rate`, spoken first if they never were.
    async fn cue_clips(&self, profile: &ProfileId, rate: u32) -> Result<Arc<CueClips>> {
        let this = self.clone();
        let who = profile.clone();
        tokio::task::spawn_blocking(move || {
            let paths = this.voice.paths()?;
            let dir = cues_dir(&this.data_dir, &paths.voice_dir);
            if !cues_ready(&dir) {
                this.voice.with_voice(|voice| {
                    speak_cues(voice, &dir, |done, total| {
                        this.events.emit(CoreEvent::Progress(Progress {
                            job: VOICE_CUES_JOB.into(),
                            profile_id: Some(who.clone()),
                            done: u32::try_from(done).unwrap_or(u32::MAX),
                            total: u32::try_from(total).unwrap_or(u32::MAX),
                        }));
                    })
                })?;
            }
            read_cues(&dir, rate).map(Arc::new)
        })
        .await
        .map_err(|e| CoreError::internal(format!("the voice stopped ({e})")))?
    }

    /// What the profile's sessions add to their chimes: the spoken cues when wanted (a voice that
    /// cannot speak leaves the chimes alone, and says why in the log), the breath sounds.
    async fn session_sounds(
        &self,
        profile: &ProfileId,
        settings: &Settings,
        rate: u32,
    ) -> SessionSounds {
        let words = if settings.voice_cues_on {
            match self.cue_clips(profile, rate).await {
                Ok(clips) => Some(clips),
                Err(e) => {
                    tracing::warn!(error = %e, "breathing starts without its spoken cues");
                    None
                }
            }
        } else {
            None
        };
        SessionSounds {
            words,
            breaths: settings.breath_sounds_on,
        }
    }

    /// Stops and saves (in the background) every session this profile still has running.
    fn save_abandoned(&self, profile: &ProfileId) {
        for live in self.runs.take_profile(profile) {
            let core = self.clone();
            tokio::spawn(async move {
                if let Err(e) = core.save_live(live, None).await {
                    tracing::warn!(error = %e, "an abandoned breathing session was not saved");
                }
            });
        }
    }

    /// Sends `command` to a running session of this profile and waits until it is applied.
    pub async fn control_breathing(
        &self,
        profile_id: &ProfileId,
        run_id: &BreathingRunId,
        command: RunnerCommand,
    ) -> Result<()> {
        let profile = self.profiles.require_profile(profile_id).await?;
        let control = self
            .runs
            .control(&profile, run_id)
            .ok_or_else(|| not_running(run_id))?;
        control.command(command).await
    }

    /// Ends a session of this profile (stopping it if it is still running) and saves it with the
    /// moods given; the run id is then gone.
    pub async fn finish_breathing(
        &self,
        profile_id: &ProfileId,
        run_id: &BreathingRunId,
        mood_after: Option<u8>,
    ) -> Result<BreathingSession> {
        let profile = self.profiles.require_profile(profile_id).await?;
        check_mood(mood_after, Subject::MoodAfter)?;
        let live = self
            .runs
            .take(&profile, run_id)
            .ok_or_else(|| not_running(run_id))?;
        self.save_live(live, mood_after).await
    }

    async fn save_live(
        &self,
        live: Live<Session>,
        mood_after: Option<u8>,
    ) -> Result<BreathingSession> {
        let (outcome, profile, mood_before) = live.end().await?;
        let session = NewBreathingSession::from_outcome(outcome, mood_before, mood_after);
        self.save_breathing_session(&profile, session).await
    }

    /// Stops and saves every session still running (the app is closing), so that nothing
    /// breathed is lost even when the person never reached the "Save" step.
    pub async fn save_running_breathing(&self) {
        for live in self.runs.drain() {
            if let Err(e) = self.save_live(live, None).await {
                tracing::warn!(error = %e, "a running breathing session was not saved on close");
            }
        }
    }

    /// How many sessions are running now (all profiles).
    pub fn running_breathing_sessions(&self) -> usize {
        self.runs.len()
    }
}
