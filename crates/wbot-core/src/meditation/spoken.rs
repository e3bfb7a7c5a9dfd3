//! Meditations spoken by the local voice (SPEC §5, ADR 0021): scripts the team wrote, bundled with
//! the app, spoken on the device into a WAV file in the profile's tracks folder and kept as a guided
//! track, so they play, pause, seek and resume, with a bed, like any track.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use super::{AudioFormat, GuidedKind, GuidedTrack, MeditationService};
use crate::db::now_rfc3339;
use crate::error::{CoreError, Result, Subject};
use crate::events::{CoreEvent, EventBus, Progress};
use crate::ids::{GuidedTrackId, ProfileId};
use crate::memory::EnvPaths;
use crate::voice::{LocalVoice, Script, Segment};

/// The progress job of speaking a meditation (one step per sentence and pause).
pub const VOICE_JOB: &str = "meditation.voice";
/// How fast a meditation is read, for the length shown before it is spoken.
const WORDS_PER_MINUTE: f64 = 110.0;

/// A script the team wrote.
#[derive(Debug)]
pub(super) struct Written {
    pub(super) id: &'static str,
    pub(super) kind: GuidedKind,
    pub(super) language: &'static str,
    pub(super) text: &'static str,
}

const WRITTEN: &[Written] = &[
    Written {
        id: "breathing-focus-3",
        kind: GuidedKind::BreathingFocus,
        language: "en",
        text: include_str!("../../data/scripts/en/breathing-focus-3.txt"),
    },
    Written {
        id: "body-scan-10",
        kind: GuidedKind::BodyScan,
        language: "en",
        text: include_str!("../../data/scripts/en/body-scan-10.txt"),
    },
];

/// A written meditation the voice can speak (its title is the UI's, by id).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct WrittenMeditation {
    pub id: String,
    pub kind: GuidedKind,
    pub language: String,
    /// About how long it lasts: its words at ~110 a minute, and its pauses.
    pub minutes: u32,
}

/// Where the voice and the runtime it runs on are.
#[derive(Debug, Clone, PartialEq)]
pub struct VoicePaths {
    pub runtime: PathBuf,
    pub voice_dir: PathBuf,
}

impl VoicePaths {
    /// The voice to use, one rule for the app and the command line: `WBOT_RESOURCE_DIR`'s, the
    /// bundle's when it holds one, else the checkout's; it runs on `runtime` (the memory model's).
    pub fn resolve(
        bundle_dir: Option<&Path>,
        dev_dir: Option<&Path>,
        env: &EnvPaths,
        runtime: PathBuf,
    ) -> Self {
        let candidates: Vec<PathBuf> = env
            .resource_dir
            .iter()
            .map(PathBuf::as_path)
            .chain(bundle_dir)
            .chain(dev_dir)
            .map(LocalVoice::dir_in)
            .collect();
        let voice_dir = candidates
            .iter()
            .find(|d| d.join("model.onnx").is_file())
            .or(candidates.first())
            .cloned()
            .unwrap_or_default();
        Self { runtime, voice_dir }
    }
}

/// The voice, loaded on first use and kept (loading takes seconds); the app has one, which
/// meditation and breathing's spoken cues share.
#[derive(Debug, Default, Clone)]
pub(crate) struct VoiceSlot {
    paths: Arc<Mutex<Option<VoicePaths>>>,
    loaded: Arc<Mutex<Option<LocalVoice>>>,
}

impl VoiceSlot {
    /// Where the voice is; `voice_unavailable` (`model_missing`) before a voice is configured.
    pub(crate) fn paths(&self) -> Result<VoicePaths> {
        self.paths
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
            .ok_or_else(|| {
                CoreError::new(crate::error::Reason::VoiceUnavailable)
                    .subject(Subject::Voice)
                    .value("model_missing")
                    .detail("no voice configured")
            })
    }

    /// Runs `f` with the voice, loading it first if needed (blocking: call it off the async
    /// threads).
    pub(crate) fn with_voice<T>(&self, f: impl FnOnce(&mut LocalVoice) -> Result<T>) -> Result<T> {
        let paths = self.paths()?;
        let mut loaded = self.loaded.lock().unwrap_or_else(|p| p.into_inner());
        if loaded.is_none() {
            *loaded = Some(LocalVoice::load(&paths.runtime, &paths.voice_dir)?);
        }
        let voice = loaded
            .as_mut()
            .ok_or_else(|| CoreError::internal("no voice"))?;
        f(voice)
    }
}

pub(super) fn estimate_minutes(script: &Script) -> u32 {
    let mut secs = 0.0;
    for segment in script.segments() {
        match segment {
            Segment::Speech(text) => {
                secs += text.split_whitespace().count() as f64 * 60.0 / WORDS_PER_MINUTE;
            }
            Segment::Pause(d) => secs += d.as_secs_f64(),
        }
    }
    (secs / 60.0).round().max(1.0) as u32
}

fn written(id: &str) -> Result<&'static Written> {
    WRITTEN
        .iter()
        .find(|w| w.id == id)
        .ok_or_else(|| CoreError::not_found(Subject::Script, id))
}

impl MeditationService {
    /// Sets where the voice is (the shell's resources; the CLI's checkout).
    pub fn configure_voice(&self, paths: VoicePaths) {
        *self.voice.paths.lock().unwrap_or_else(|p| p.into_inner()) = Some(paths);
        *self.voice.loaded.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }

    /// The meditations the team wrote, shortest first.
    pub fn written_meditations(&self) -> Result<Vec<WrittenMeditation>> {
        let mut all = WRITTEN
            .iter()
            .map(|w| {
                Ok(WrittenMeditation {
                    id: w.id.into(),
                    kind: w.kind,
                    language: w.language.into(),
                    minutes: estimate_minutes(&Script::parse(w.text)?),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        all.sort_by_key(|w| w.minutes);
        Ok(all)
    }

    /// Speaks a written meditation with the local voice into a new guided track titled `title`,
    /// with progress (`meditation.voice`). Nothing is left behind when it fails.
    pub async fn speak_written_meditation(
        &self,
        profile_id: &ProfileId,
        id: &str,
        title: &str,
    ) -> Result<GuidedTrack> {
        let profile = self.profiles.require_profile(profile_id).await?;
        let written = written(id)?;
        self.speak(&profile, written.text, written.kind, title, false)
            .await
    }

    /// Speaks a meditation written for the person (its `[PAUSE Ns]` markers as silence) into a new
    /// guided track titled `title`, keeping the script beside it ([`Self::track_script`]).
    pub async fn speak_meditation(
        &self,
        profile_id: &ProfileId,
        script: &str,
        kind: GuidedKind,
        title: &str,
    ) -> Result<GuidedTrack> {
        let profile = self.profiles.require_profile(profile_id).await?;
        self.speak(&profile, script, kind, title, true).await
    }

    /// The script a track was spoken from, when it was written for the person.
    pub async fn track_script(
        &self,
        profile_id: &ProfileId,
        track_id: &GuidedTrackId,
    ) -> Result<Option<String>> {
        let track = self.track(profile_id, track_id).await?;
        let path = self.script_path(profile_id, &track.id);
        match std::fs::read_to_string(&path) {
            Ok(text) => Ok(Some(text)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(super::tracks::file_error(&path)(e)),
        }
    }

    /// The progress and other notices the service sends.
    pub(crate) fn events(&self) -> &EventBus {
        &self.events
    }

    /// Speaks `text` (English, for the one voice there is) into a new track; with `keep_script`,
    /// the script is saved beside it. Nothing is left behind when it fails.
    pub(super) async fn speak(
        &self,
        profile: &ProfileId,
        text: &str,
        kind: GuidedKind,
        title: &str,
        keep_script: bool,
    ) -> Result<GuidedTrack> {
        let profile = profile.clone();
        let script = Script::parse(text)?;
        let title = super::tracks::checked_title(title)?;
        let track_id = GuidedTrackId::new();
        let script_path = self.script_path(&profile, &track_id);
        let script_text = keep_script.then(|| text.trim().to_string());
        let out = self.part_path(&profile, &track_id, AudioFormat::Wav);
        let this = self.clone();
        let who = profile.clone();
        let spoken = tokio::task::spawn_blocking(move || -> Result<(u64, u32)> {
            let spoken = this.voice.with_voice(|voice| {
                voice.speak(&script, |_, done, total| {
                    this.events.emit(CoreEvent::Progress(Progress {
                        job: VOICE_JOB.into(),
                        profile_id: Some(who.clone()),
                        done: u32::try_from(done).unwrap_or(u32::MAX),
                        total: u32::try_from(total).unwrap_or(u32::MAX),
                    }));
                    true
                })
            })?;
            std::fs::create_dir_all(out.parent().unwrap_or(&out))
                .map_err(super::tracks::file_error(&out))?;
            spoken.write_wav(&out)?;
            if let Some(text) = &script_text {
                std::fs::write(&script_path, text)
                    .map_err(super::tracks::file_error(&script_path))?;
            }
            let bytes = std::fs::metadata(&out)
                .map_err(super::tracks::file_error(&out))?
                .len();
            let ms = u32::try_from(spoken.duration().as_millis()).unwrap_or(u32::MAX);
            Ok((bytes, ms))
        })
        .await
        .map_err(|e| CoreError::internal(format!("the voice stopped ({e})")));
        let made = spoken
            .and_then(|s| s)
            .map(|(bytes, duration_ms)| GuidedTrack {
                id: track_id.clone(),
                title,
                kind,
                language: "en".into(),
                format: AudioFormat::Wav,
                bytes: u32::try_from(bytes).unwrap_or(u32::MAX),
                duration_ms: duration_ms.max(1),
                position_ms: 0,
                favourite: false,
                created_at: now_rfc3339(),
                played_at: None,
            });
        let kept = self
            .keep_track(&profile, &track_id, AudioFormat::Wav, made)
            .await;
        if kept.is_err() {
            let _ = std::fs::remove_file(self.script_path(&profile, &track_id));
        }
        kept
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failing test should panic
mod tests {
    use super::*;

    #[test]
    fn every_written_meditation_parses_and_is_about_as_long_as_its_name_says() {
        for w in WRITTEN {
            let minutes = estimate_minutes(&Script::parse(w.text).unwrap());
            let named: u32 = w.id.rsplit('-').next().unwrap().parse().unwrap();
            assert!(
                minutes.abs_diff(named) <= 1,
                "{}: about {minutes} minutes",
                w.id
            );
        }
    }
}
