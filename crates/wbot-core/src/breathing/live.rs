//! Sessions running now, per profile, so the shell stays a few lines per command: start one (with
//! the audio engine's cues), steer it by id, and finish it into a saved session. A run id belongs
//! to one profile; any other profile gets `not_found` for it, as for a saved session.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::Instant;

use serde::{Deserialize, Serialize};

use super::config::{Pattern, SessionConfig, Technique, WimHofSettings};
use super::engine::SessionEvent;
use super::runner::{CueSink, RunnerCommand, SessionRunner};
use super::store::{BreathingSession, NewBreathingSession};
use super::BreathingService;
use crate::audio::{AmbientKind, AudioEngine, AudioStatus, LayerId, PlannedCue};
use crate::error::{CoreError, ErrorCode, Result, Subject};
use crate::ids::{BreathingRunId, ProfileId};
use crate::mood::check_mood;
use crate::profile::Settings;

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

struct Live {
    profile_id: ProfileId,
    mood_before: Option<u8>,
    runner: SessionRunner,
}

/// The sessions running now, by run id, and which of them the audio engine plays for.
#[derive(Clone, Default)]
pub struct LiveSessions {
    runs: Arc<Mutex<HashMap<BreathingRunId, Live>>>,
    /// The session the engine's cues and bed belong to (a token per start); a session that ends
    /// after another started must not clear the newer one's cues or stop its bed.
    audio_owner: Arc<AtomicU64>,
}

impl std::fmt::Debug for LiveSessions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LiveSessions")
            .field("running", &self.lock().len())
            .finish()
    }
}

impl LiveSessions {
    fn lock(&self) -> MutexGuard<'_, HashMap<BreathingRunId, Live>> {
        // The map is only inserted into and removed from; a panic elsewhere cannot corrupt it.
        self.runs.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Makes a new session the engine's owner; returns its token.
    fn claim_audio(&self) -> u64 {
        self.audio_owner.fetch_add(1, Ordering::SeqCst) + 1
    }
}

/// The core's audio engine as one session's cue sink: cues go to it once it is open, and only
/// while this session owns it.
struct EngineCues {
    engine: Arc<OnceLock<AudioEngine>>,
    owner: Arc<AtomicU64>,
    token: u64,
}

impl EngineCues {
    fn engine(&self) -> Option<&AudioEngine> {
        (self.owner.load(Ordering::SeqCst) == self.token)
            .then(|| self.engine.get())
            .flatten()
    }
}

impl CueSink for EngineCues {
    fn session_started(&self, origin: Instant) {
        if let Some(engine) = self.engine() {
            engine.session_started(origin);
        }
    }

    fn plan(&self, cues: &[PlannedCue]) {
        if let Some(engine) = self.engine() {
            engine.plan(cues);
        }
    }

    fn session_ended(&self) {
        if let Some(engine) = self.engine() {
            engine.session_ended();
            // The bed belongs to the session: it fades out with it.
            engine.stop_ambient();
        }
    }
}

/// Makes the engine play as `settings` say: volumes, mute (every layer), and, while a session of
/// that profile runs, the ambient bed on or off (started with its fade-in, stopped with its
/// fade-out; left alone when it already is as asked, so a toggle never restarts it).
fn apply_sound(engine: &AudioEngine, settings: &Settings, session_running: bool) -> Result<()> {
    engine.set_volume(LayerId::Cue, f32::from(settings.cue_volume) / 100.0)?;
    engine.set_volume(LayerId::Ambient, f32::from(settings.ambient_volume) / 100.0)?;
    for layer in LayerId::ALL {
        engine.set_muted(layer, settings.muted);
    }
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
    /// The audio engine, opening the device off the async threads on first use (it can take
    /// up to a few seconds when a device is slow to answer).
    pub async fn audio_opened(&self) -> Result<&AudioEngine> {
        if self.audio.get().is_none() {
            let cell = self.audio.clone();
            tokio::task::spawn_blocking(move || {
                cell.get_or_init(AudioEngine::start);
            })
            .await
            .map_err(|e| CoreError::internal(format!("the audio engine did not start ({e})")))?;
        }
        Ok(self.audio())
    }

    /// Whether sound can be heard, and the profile's mute and ambient switches.
    pub async fn audio_state(&self, profile_id: &ProfileId) -> Result<AudioState> {
        let settings = self.profiles.settings(profile_id).await?;
        self.audio_state_of(&settings).await
    }

    async fn audio_state_of(&self, settings: &Settings) -> Result<AudioState> {
        Ok(AudioState {
            status: self.audio_opened().await?.status(),
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
        match self.audio_opened().await {
            Ok(engine) => {
                if let Err(e) = apply_sound(engine, settings, true) {
                    tracing::warn!(error = %e, "sound settings not applied");
                }
            }
            Err(e) => tracing::warn!(error = %e, "sound settings not applied"),
        }
    }

    fn has_running_breathing(&self, profile_id: &ProfileId) -> bool {
        self.runs
            .lock()
            .values()
            .any(|live| &live.profile_id == profile_id && !live.runner.is_finished())
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
        let engine = self.audio_opened().await?;
        self.save_abandoned(&profile);
        let cues: Arc<dyn CueSink> = Arc::new(EngineCues {
            engine: self.audio.clone(),
            owner: self.runs.audio_owner.clone(),
            token: self.runs.claim_audio(),
        });
        let runner = SessionRunner::start(input.config, on_event, Some(cues))?;
        // After the runner started: ending an abandoned run stops the bed, this one starts it.
        apply_sound(engine, &settings, true)?;
        let run_id = BreathingRunId::new();
        self.runs.lock().insert(
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

    /// Stops and saves (in the background) every session this profile still has running.
    fn save_abandoned(&self, profile: &ProfileId) {
        let abandoned: Vec<Live> = {
            let mut runs = self.runs.lock();
            let ids: Vec<BreathingRunId> = runs
                .iter()
                .filter(|(_, live)| &live.profile_id == profile)
                .map(|(id, _)| id.clone())
                .collect();
            ids.iter().filter_map(|id| runs.remove(id)).collect()
        };
        for live in abandoned {
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
        let control = {
            let runs = self.runs.lock();
            match runs.get(run_id) {
                Some(live) if live.profile_id == profile => live.runner.control(),
                _ => return Err(not_running(run_id)),
            }
        };
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
        let live = {
            let mut runs = self.runs.lock();
            match runs.get(run_id) {
                Some(live) if live.profile_id == profile => runs.remove(run_id),
                _ => None,
            }
        }
        .ok_or_else(|| not_running(run_id))?;
        self.save_live(live, mood_after).await
    }

    async fn save_live(&self, live: Live, mood_after: Option<u8>) -> Result<BreathingSession> {
        if !live.runner.is_finished() {
            match live.runner.stop().await {
                // It ended between the check and the stop: what it did is still there to save.
                Ok(()) => {}
                Err(e) if e.code() == ErrorCode::Conflict => {}
                Err(e) => return Err(e),
            }
        }
        let outcome = live.runner.finish().await?;
        let session = NewBreathingSession::from_outcome(outcome, live.mood_before, mood_after);
        self.save_breathing_session(&live.profile_id, session).await
    }

    /// Stops and saves every session still running (the app is closing), so that nothing
    /// breathed is lost even when the person never reached the "Save" step.
    pub async fn save_running_breathing(&self) {
        let running: Vec<Live> = self.runs.lock().drain().map(|(_, live)| live).collect();
        for live in running {
            if let Err(e) = self.save_live(live, None).await {
                tracing::warn!(error = %e, "a running breathing session was not saved on close");
            }
        }
    }

    /// How many sessions are running now (all profiles).
    pub fn running_breathing_sessions(&self) -> usize {
        self.runs.lock().len()
    }
}
