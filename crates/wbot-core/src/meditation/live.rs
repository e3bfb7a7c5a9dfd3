//! Timers running now: start one (its bells on the audio engine, its bed and binaural beats
//! faded in), steer it by run id, and finish it into a saved session.

use serde::{Deserialize, Serialize};

use super::{
    Bell, MeditationService, MeditationSession, NewMeditationSession, Timer, TimerConfig,
    TimerEvent, TimerSummary,
};
use crate::audio::{apply_volumes, AudioEngine};
use crate::error::{CoreError, Result, Subject};
use crate::ids::{MeditationRunId, ProfileId};
use crate::mood::check_mood;
use crate::profile::Settings;
use crate::runner::{Live, RunOutcome, RunnerCommand, SessionRunner};

/// What starting a timer needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct StartMeditation {
    pub config: TimerConfig,
    /// How the person feels before, 1–5.
    pub mood_before: Option<u8>,
}

/// A timer that has started.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct LiveMeditation {
    /// Steers this run until it is finished; not the id of the saved session.
    pub run_id: MeditationRunId,
    pub config: TimerConfig,
    /// Every bell it will ring, in time meditated.
    pub bells: Vec<Bell>,
}

fn not_running(run_id: &MeditationRunId) -> CoreError {
    CoreError::not_found(Subject::MeditationSession, run_id)
}

fn follow_volumes(engine: &AudioEngine, settings: &Settings) -> Result<()> {
    apply_volumes(engine, settings.volumes(), settings.muted)
}

impl NewMeditationSession {
    /// The session a finished run becomes.
    pub fn from_outcome(
        outcome: RunOutcome<TimerSummary>,
        mood_before: Option<u8>,
        mood_after: Option<u8>,
    ) -> Self {
        let TimerSummary {
            config,
            duration_ms,
            completed,
        } = outcome.summary;
        Self {
            config,
            duration_ms,
            completed,
            started_at: outcome.started_at,
            ended_at: outcome.ended_at,
            mood_before,
            mood_after,
        }
    }
}

impl MeditationService {
    /// Starts a timer for a profile: events go to `on_event` in order (the start bell, ticks
    /// about ten a second, bells, pause/resume, then completion or stop). The bells ring on the
    /// audio engine at their sample; the chosen bed and beats fade in at the profile's volumes.
    /// A timer the profile still had running is stopped and saved first.
    pub async fn start_meditation<F>(
        &self,
        profile_id: &ProfileId,
        input: StartMeditation,
        on_event: F,
    ) -> Result<LiveMeditation>
    where
        F: FnMut(TimerEvent) + Send + 'static,
    {
        let profile = self.profiles.require_profile(profile_id).await?;
        let timer = Timer::new(input.config)?;
        check_mood(input.mood_before, Subject::MoodBefore)?;
        let settings = self.profiles.settings(&profile).await?;
        let engine = self.audio.opened().await?;
        self.save_abandoned(&profile);
        let cues = self.audio.claim();
        let runner = SessionRunner::start(timer, on_event, Some(cues))?;
        // After the runner started: ending an abandoned run fades its sounds, this one starts its own.
        follow_volumes(engine, &settings)?;
        match input.config.ambient {
            Some(kind) => engine.start_ambient(kind),
            None => engine.stop_ambient(),
        }
        match input.config.binaural {
            Some(band) => engine.start_binaural(band),
            None => engine.stop_binaural(),
        }
        let run_id = MeditationRunId::new();
        self.runs.insert(
            run_id.clone(),
            Live {
                profile_id: profile.clone(),
                mood_before: input.mood_before,
                runner,
            },
        );
        tracing::info!(profile = %profile, run = %run_id, "meditation timer started");
        Ok(LiveMeditation {
            run_id,
            config: input.config,
            bells: input.config.bells(),
        })
    }

    /// Stops and saves (in the background) every timer this profile still has running.
    fn save_abandoned(&self, profile: &ProfileId) {
        for live in self.runs.take_profile(profile) {
            let core = self.clone();
            tokio::spawn(async move {
                if let Err(e) = core.save_live(live, None).await {
                    tracing::warn!(error = %e, "an abandoned meditation was not saved");
                }
            });
        }
    }

    /// Pauses, resumes or stops a running timer of this profile and waits until it is applied.
    pub async fn control_meditation(
        &self,
        profile_id: &ProfileId,
        run_id: &MeditationRunId,
        command: RunnerCommand,
    ) -> Result<()> {
        let profile = self.profiles.require_profile(profile_id).await?;
        let control = self
            .runs
            .control(&profile, run_id)
            .ok_or_else(|| not_running(run_id))?;
        control.command(command).await
    }

    /// Ends a timer of this profile (stopping it if it still runs) and saves it with the mood
    /// after; the run id is then gone.
    pub async fn finish_meditation(
        &self,
        profile_id: &ProfileId,
        run_id: &MeditationRunId,
        mood_after: Option<u8>,
    ) -> Result<MeditationSession> {
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
        live: Live<Timer>,
        mood_after: Option<u8>,
    ) -> Result<MeditationSession> {
        let (outcome, profile, mood_before) = live.end().await?;
        let session = NewMeditationSession::from_outcome(outcome, mood_before, mood_after);
        self.save_meditation_session(&profile, session).await
    }

    /// Stops and saves every timer still running (the app is closing).
    pub async fn save_running_meditations(&self) {
        for live in self.runs.drain() {
            if let Err(e) = self.save_live(live, None).await {
                tracing::warn!(error = %e, "a running meditation was not saved on close");
            }
        }
    }

    /// Called after a profile's settings changed: a timer of that profile running now follows
    /// the volumes and mute at once.
    pub(crate) async fn follow_sound_settings(&self, profile_id: &ProfileId, settings: &Settings) {
        if !self.runs.has_running(profile_id) {
            return;
        }
        let applied = match self.audio.opened().await {
            Ok(engine) => follow_volumes(engine, settings),
            Err(e) => Err(e),
        };
        if let Err(e) = applied {
            tracing::warn!(error = %e, "sound settings not applied");
        }
    }
}
