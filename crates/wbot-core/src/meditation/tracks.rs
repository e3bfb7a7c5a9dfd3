//! Guided tracks (SPEC §5): audio files a person imports (mp3, ogg, wav, flac), checked by
//! decoding them whole, copied into `<data>/tracks/<profile>/`, and played on the audio engine's
//! voice layer with the chosen bed, from where listening last stopped (migration 0020).

use std::fs::File;
use std::io::{BufReader, Read, Write};
use std::num::NonZero;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rodio::{Decoder, Source};
use serde::{Deserialize, Serialize};
use sqlx::FromRow;

use super::MeditationService;
use crate::audio::{AmbientKind, LayerId, VoiceSource};
use crate::db::{now_rfc3339, u32_of};
use crate::error::{CoreError, Reason, Result, Subject};
use crate::events::{CoreEvent, Progress};
use crate::ids::{GuidedTrackId, ProfileId};
use crate::text::{checked_text, string_enum};

/// The largest file a track may be.
pub const MAX_TRACK_BYTES: u64 = 500 * 1024 * 1024;
/// The longest title.
pub const MAX_TRACK_TITLE: usize = 120;
/// A file whose header announces a length is refused when this much or more of it cannot be
/// decoded (a download cut short, a damaged copy).
const MISSING_TOLERANCE: Duration = Duration::from_millis(250);
/// The progress job of an import.
pub const TRACK_IMPORT_JOB: &str = "meditation.track_import";

string_enum!(
    /// What a guided track practises (SPEC §5).
    GuidedKind {
        BodyScan = "body_scan",
        BreathingFocus = "breathing_focus",
        LovingKindness = "loving_kindness",
        Difficulties = "difficulties",
        Sleep = "sleep",
        DailyMindfulness = "daily_mindfulness",
    }
);

string_enum!(
    /// The audio files a track can be.
    AudioFormat { Mp3 = "mp3", Ogg = "ogg", Wav = "wav", Flac = "flac" }
);

impl AudioFormat {
    /// The format a file's name says it is, or `unsupported_audio` with the extension.
    pub fn of_path(path: &Path) -> Result<Self> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        let ext = if ext == "oga" { "ogg".to_string() } else { ext };
        ext.parse().map_err(|_| {
            CoreError::new(Reason::UnsupportedAudio)
                .subject(Subject::TrackFile)
                .value(&ext)
                .expected(&["mp3", "ogg", "wav", "flac"])
        })
    }
}

/// What importing a track needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TrackImport {
    /// The file on this device.
    pub path: String,
    /// The title; the file's name without its extension when absent.
    pub title: Option<String>,
    pub kind: GuidedKind,
    /// Its language, a two-letter code (ISO 639-1).
    pub language: String,
}

/// Changes to a track; absent fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TrackChanges {
    pub title: Option<String>,
    pub kind: Option<GuidedKind>,
    pub language: Option<String>,
    pub favourite: Option<bool>,
}

/// An imported guided track.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct GuidedTrack {
    pub id: GuidedTrackId,
    pub title: String,
    pub kind: GuidedKind,
    pub language: String,
    pub format: AudioFormat,
    /// The file's size.
    pub bytes: u32,
    pub duration_ms: u32,
    /// Where listening last stopped (0 when never played or played to the end).
    pub position_ms: u32,
    pub favourite: bool,
    /// RFC 3339 (UTC).
    pub created_at: String,
    /// When it was last played, RFC 3339 (UTC).
    pub played_at: Option<String>,
}

/// The track playing or paused now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TrackPlayback {
    pub track_id: GuidedTrackId,
    pub position_ms: u32,
    pub duration_ms: u32,
    /// False while paused.
    pub playing: bool,
    /// It played to its end (and is no longer playing).
    pub ended: bool,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: GuidedTrackId,
    title: String,
    kind: String,
    language: String,
    format: String,
    bytes: i64,
    duration_ms: i64,
    position_ms: i64,
    favourite: bool,
    created_at: String,
    played_at: Option<String>,
}

const COLUMNS: &str = "id, title, kind, language, format, bytes, duration_ms, position_ms, \
                       favourite, created_at, played_at";

impl TryFrom<Row> for GuidedTrack {
    type Error = CoreError;

    fn try_from(row: Row) -> Result<Self> {
        Ok(Self {
            id: row.id,
            title: row.title,
            kind: row.kind.parse()?,
            language: row.language,
            format: row.format.parse()?,
            bytes: u32_of(row.bytes),
            duration_ms: u32_of(row.duration_ms),
            position_ms: u32_of(row.position_ms),
            favourite: row.favourite,
            created_at: row.created_at,
            played_at: row.played_at,
        })
    }
}

fn checked_language(raw: &str) -> Result<String> {
    let code = raw.trim().to_ascii_lowercase();
    if code.len() == 2 && code.bytes().all(|b| b.is_ascii_lowercase()) {
        Ok(code)
    } else {
        Err(CoreError::new(Reason::InvalidFormat)
            .subject(Subject::TrackLanguage)
            .value(raw))
    }
}

pub(super) fn checked_title(raw: &str) -> Result<String> {
    let title = checked_text(raw, Subject::Title, MAX_TRACK_TITLE)?;
    if title.chars().any(char::is_control) {
        return Err(CoreError::new(Reason::InvalidCharacters).subject(Subject::Title));
    }
    Ok(title)
}

pub(super) fn file_error(path: &Path) -> impl Fn(std::io::Error) -> CoreError + '_ {
    let access = crate::archive::file_error(path);
    move |e| access(e).subject(Subject::TrackFile)
}

/// `out_of_range` for a place at or past a track's end (the end itself is not a place to play from).
fn past_the_end(duration_ms: u32, position_ms: u32) -> CoreError {
    CoreError::out_of_range(
        Subject::TrackPosition,
        0.0,
        f64::from(duration_ms.saturating_sub(1)),
    )
    .actual(f64::from(position_ms))
}

fn not_audio(detail: impl Into<String>) -> CoreError {
    CoreError::new(Reason::NotAudio)
        .subject(Subject::TrackFile)
        .detail(detail)
}

fn decoder(path: &Path, format: AudioFormat) -> Result<Decoder<BufReader<File>>> {
    let file = File::open(path).map_err(file_error(path))?;
    let len = file.metadata().map_err(file_error(path))?.len();
    Decoder::builder()
        .with_data(BufReader::new(file))
        .with_byte_len(len)
        .with_hint(format.as_str())
        .with_seekable(true)
        .build()
        .map_err(|e| not_audio(e.to_string()))
}

/// Decodes a whole file to check that it is audio and complete; its length. `progress` gets the
/// share decoded, 0–1, now and then.
pub fn probe_audio(
    path: &Path,
    format: AudioFormat,
    mut progress: impl FnMut(f64),
) -> Result<Duration> {
    let source = decoder(path, format)?;
    let channels = u64::from(source.channels().get());
    let rate = u64::from(source.sample_rate().get());
    let declared = source.total_duration();
    let declared_samples = declared
        .map(|d| (d.as_secs_f64() * (rate * channels) as f64) as u64)
        .filter(|&n| n > 0);
    let mut samples = 0u64;
    for _ in source {
        samples += 1;
        if samples.is_multiple_of(1 << 20) {
            if let Some(total) = declared_samples {
                progress((samples as f64 / total as f64).min(1.0));
            }
        }
    }
    let decoded = Duration::from_secs_f64(samples as f64 / (rate * channels) as f64);
    if samples == 0 {
        return Err(not_audio("no sound in the file"));
    }
    if let Some(declared) = declared {
        if decoded + MISSING_TOLERANCE < declared {
            return Err(CoreError::new(Reason::AudioIncomplete)
                .subject(Subject::TrackFile)
                .actual(decoded.as_millis() as f64)
                .max(declared.as_millis() as f64));
        }
    }
    progress(1.0);
    Ok(decoded)
}

/// A track's frames at the mix's rate, in stereo, counted as they are heard.
struct TrackVoice {
    samples: rodio::source::UniformSourceIterator<Decoder<BufReader<File>>>,
    played: Arc<AtomicU64>,
    ended: Arc<AtomicBool>,
}

impl VoiceSource for TrackVoice {
    fn next_frame(&mut self) -> Option<[f32; 2]> {
        let frame = self.samples.next().zip(self.samples.next());
        match frame {
            Some((l, r)) => {
                self.played.fetch_add(1, Ordering::Relaxed);
                Some([l, r])
            }
            None => {
                self.ended.store(true, Ordering::Relaxed);
                None
            }
        }
    }
}

/// The track playing or paused now (one at a time, for the whole app).
#[derive(Debug)]
pub(crate) struct Player {
    profile: ProfileId,
    track: GuidedTrackId,
    duration_ms: u32,
    /// Where the current stretch started, in the track.
    from_ms: u32,
    /// Frames heard since then (None while paused).
    played: Option<Arc<AtomicU64>>,
    ended: Arc<AtomicBool>,
    /// The end reached now has been counted as a listen.
    counted: bool,
    rate: u32,
    ambient: bool,
}

impl Player {
    fn position_ms(&self) -> u32 {
        if self.ended.load(Ordering::Relaxed) {
            return self.duration_ms;
        }
        let heard = self
            .played
            .as_ref()
            .map_or(0, |p| p.load(Ordering::Relaxed));
        let heard_ms = heard.saturating_mul(1000) / u64::from(self.rate.max(1));
        u32::try_from(u64::from(self.from_ms) + heard_ms)
            .unwrap_or(u32::MAX)
            .min(self.duration_ms)
    }

    /// Whether the track has reached its end since it last started and that end is not yet
    /// counted; it is counted from now on.
    fn count_end(&mut self) -> bool {
        let first = self.ended.load(Ordering::Relaxed) && !self.counted;
        self.counted |= first;
        first
    }

    fn state(&self) -> TrackPlayback {
        let ended = self.ended.load(Ordering::Relaxed);
        TrackPlayback {
            track_id: self.track.clone(),
            position_ms: self.position_ms(),
            duration_ms: self.duration_ms,
            playing: self.played.is_some() && !ended,
            ended,
        }
    }
}

/// The one player slot, shared by the service's clones.
pub(crate) type PlayerSlot = Arc<Mutex<Option<Player>>>;

fn slot(player: &PlayerSlot) -> std::sync::MutexGuard<'_, Option<Player>> {
    player.lock().unwrap_or_else(|p| p.into_inner())
}

/// Copies `from` to `to`, reporting the share copied, 0–1.
fn copy_with_progress(
    from: &Path,
    to: &Path,
    bytes: u64,
    mut progress: impl FnMut(f64),
) -> Result<()> {
    let mut src = File::open(from).map_err(file_error(from))?;
    let mut dst = File::create(to).map_err(file_error(to))?;
    let mut buf = vec![0u8; 1 << 20];
    let mut copied = 0u64;
    loop {
        let n = src.read(&mut buf).map_err(file_error(from))?;
        if n == 0 {
            break;
        }
        dst.write_all(&buf[..n]).map_err(file_error(to))?;
        copied += n as u64;
        progress(copied as f64 / bytes.max(1) as f64);
    }
    dst.sync_all().map_err(file_error(to))
}

impl MeditationService {
    pub(super) fn tracks_dir(&self, profile: &ProfileId) -> PathBuf {
        self.data_dir.join("tracks").join(profile.as_str())
    }

    /// Where the script of a track written for the person is kept.
    pub(super) fn script_path(&self, profile: &ProfileId, id: &GuidedTrackId) -> PathBuf {
        self.tracks_dir(profile).join(format!("{id}.txt"))
    }

    fn track_path(&self, profile: &ProfileId, track: &GuidedTrack) -> PathBuf {
        self.tracks_dir(profile)
            .join(format!("{}.{}", track.id, track.format.as_str()))
    }

    fn import_progress(&self, profile: &ProfileId, share: f64) {
        self.events.emit(CoreEvent::Progress(Progress {
            job: TRACK_IMPORT_JOB.into(),
            profile_id: Some(profile.clone()),
            done: (share.clamp(0.0, 1.0) * 100.0).round() as u32,
            total: 100,
        }));
    }

    /// Imports an audio file as a guided track: checks its name, size and every sample, copies it
    /// into the profile's folder, and saves it. On any failure nothing is left behind.
    pub async fn import_track(
        &self,
        profile_id: &ProfileId,
        input: TrackImport,
    ) -> Result<GuidedTrack> {
        let profile = self.profiles.require_profile(profile_id).await?;
        let source = PathBuf::from(input.path.trim());
        let format = AudioFormat::of_path(&source)?;
        let title = match &input.title {
            Some(t) => checked_title(t)?,
            None => checked_title(
                source
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or_default(),
            )?,
        };
        let language = checked_language(&input.language)?;
        let meta = std::fs::metadata(&source).map_err(file_error(&source))?;
        if !meta.is_file() {
            return Err(CoreError::new(Reason::FileAccess)
                .subject(Subject::TrackFile)
                .value("NotAFile"));
        }
        let bytes = meta.len();
        if bytes > MAX_TRACK_BYTES {
            return Err(CoreError::new(Reason::OutOfRange)
                .subject(Subject::TrackFile)
                .min(1.0)
                .max(MAX_TRACK_BYTES as f64)
                .actual(bytes as f64));
        }
        if bytes == 0 {
            return Err(not_audio("an empty file"));
        }
        let id = GuidedTrackId::new();
        let part = self.part_path(&profile, &id, format);
        let this = self.clone();
        let who = profile.clone();
        let copied = part.clone();
        let checked = tokio::task::spawn_blocking(move || -> Result<Duration> {
            std::fs::create_dir_all(copied.parent().unwrap_or(Path::new(".")))
                .map_err(file_error(&copied))?;
            copy_with_progress(&source, &copied, bytes, |s| {
                this.import_progress(&who, s / 2.0)
            })?;
            probe_audio(&copied, format, |s| {
                this.import_progress(&who, 0.5 + s / 2.0)
            })
        })
        .await
        .map_err(|e| CoreError::internal(format!("the track import stopped ({e})")));
        let made = checked.and_then(|c| c).map(|duration| GuidedTrack {
            id: id.clone(),
            title,
            kind: input.kind,
            language,
            format,
            bytes: u32::try_from(bytes).unwrap_or(u32::MAX),
            duration_ms: u32::try_from(duration.as_millis())
                .unwrap_or(u32::MAX)
                .max(1),
            position_ms: 0,
            favourite: false,
            created_at: now_rfc3339(),
            played_at: None,
        });
        self.keep_track(&profile, &id, format, made).await
    }

    /// Where a new track's file is written before it is kept.
    pub(super) fn part_path(
        &self,
        profile: &ProfileId,
        id: &GuidedTrackId,
        format: AudioFormat,
    ) -> PathBuf {
        self.tracks_dir(profile)
            .join(format!("{id}.{}.part", format.as_str()))
    }

    /// Moves a new track's checked file (at [`Self::part_path`]) into place and saves the track;
    /// when that or `made` (what wrote the file) failed, removes the file, so nothing is left behind.
    pub(super) async fn keep_track(
        &self,
        profile: &ProfileId,
        id: &GuidedTrackId,
        format: AudioFormat,
        made: Result<GuidedTrack>,
    ) -> Result<GuidedTrack> {
        let part = self.part_path(profile, id, format);
        let done = self
            .tracks_dir(profile)
            .join(format!("{id}.{}", format.as_str()));
        let result = async {
            let track = made?;
            std::fs::rename(&part, &done).map_err(file_error(&done))?;
            self.insert_track(profile, &track).await?;
            Ok(track)
        }
        .await;
        if result.is_err() {
            let _ = std::fs::remove_file(&part);
            let _ = std::fs::remove_file(&done);
        } else {
            tracing::info!(profile = %profile, track = %id, "guided track saved");
        }
        result
    }

    /// Saves a new track whose file is in place.
    async fn insert_track(&self, profile: &ProfileId, track: &GuidedTrack) -> Result<()> {
        let mut tx = self.db.begin_write().await?;
        sqlx::query(
            "INSERT INTO guided_tracks (id, profile_id, title, kind, language, format, bytes,
                 duration_ms, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&track.id)
        .bind(profile)
        .bind(&track.title)
        .bind(track.kind.as_str())
        .bind(&track.language)
        .bind(track.format.as_str())
        .bind(i64::from(track.bytes))
        .bind(i64::from(track.duration_ms))
        .bind(&track.created_at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// A profile's guided tracks, newest first.
    pub async fn tracks(&self, profile_id: &ProfileId) -> Result<Vec<GuidedTrack>> {
        let profile = self.profiles.require_profile(profile_id).await?;
        let rows: Vec<Row> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM guided_tracks WHERE profile_id = ?
             ORDER BY created_at DESC, id DESC"
        ))
        .bind(&profile)
        .fetch_all(self.db.reader())
        .await?;
        rows.into_iter().map(GuidedTrack::try_from).collect()
    }

    /// One guided track of a profile.
    pub async fn track(
        &self,
        profile_id: &ProfileId,
        track_id: &GuidedTrackId,
    ) -> Result<GuidedTrack> {
        let profile = self.profiles.require_profile(profile_id).await?;
        let row = self
            .db
            .owned_row(
                "guided_tracks",
                COLUMNS,
                Subject::GuidedTrack,
                track_id,
                &profile,
            )
            .await?;
        Row::from_row(&row)?.try_into()
    }

    /// Renames, retypes or (un)favourites a track.
    pub async fn update_track(
        &self,
        profile_id: &ProfileId,
        track_id: &GuidedTrackId,
        changes: TrackChanges,
    ) -> Result<GuidedTrack> {
        let mut track = self.track(profile_id, track_id).await?;
        if let Some(title) = &changes.title {
            track.title = checked_title(title)?;
        }
        if let Some(language) = &changes.language {
            track.language = checked_language(language)?;
        }
        if let Some(kind) = changes.kind {
            track.kind = kind;
        }
        if let Some(favourite) = changes.favourite {
            track.favourite = favourite;
        }
        let mut tx = self.db.begin_write().await?;
        sqlx::query(
            "UPDATE guided_tracks SET title = ?, kind = ?, language = ?, favourite = ?
             WHERE id = ? AND profile_id = ?",
        )
        .bind(&track.title)
        .bind(track.kind.as_str())
        .bind(&track.language)
        .bind(track.favourite)
        .bind(track_id)
        .bind(profile_id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(track)
    }

    /// Deletes a track and its file (stopping it first when it is the one playing).
    pub async fn delete_track(
        &self,
        profile_id: &ProfileId,
        track_id: &GuidedTrackId,
    ) -> Result<()> {
        let track = self.track(profile_id, track_id).await?;
        {
            let mut player = slot(&self.player);
            if player.as_ref().is_some_and(|p| &p.track == track_id) {
                self.silence(player.take().as_ref());
            }
        }
        let mut tx = self.db.begin_write().await?;
        sqlx::query("DELETE FROM guided_tracks WHERE id = ? AND profile_id = ?")
            .bind(track_id)
            .bind(profile_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        for path in [
            self.track_path(profile_id, &track),
            self.script_path(profile_id, track_id),
        ] {
            if let Err(e) = std::fs::remove_file(&path) {
                if e.kind() != std::io::ErrorKind::NotFound {
                    tracing::warn!(error = %e, "a deleted track's file stayed");
                }
            }
        }
        Ok(())
    }

    /// Removes a deleted profile's track files (its rows went with it).
    pub(crate) fn profile_deleted(&self, profile: &ProfileId) {
        {
            let mut player = slot(&self.player);
            if player.as_ref().is_some_and(|p| &p.profile == profile) {
                self.silence(player.take().as_ref());
            }
        }
        let dir = self.tracks_dir(profile);
        if let Err(e) = std::fs::remove_dir_all(&dir) {
            if e.kind() != std::io::ErrorKind::NotFound {
                tracing::warn!(error = %e, "a deleted profile's tracks stayed");
            }
        }
    }

    fn silence(&self, player: Option<&Player>) {
        if let Some(player) = player {
            if let Some(engine) = self.audio.engine_if_open() {
                engine.stop_track();
                if player.ambient {
                    engine.stop_ambient();
                }
            }
        }
    }

    async fn save_position(
        &self,
        profile: &ProfileId,
        track: &GuidedTrackId,
        position_ms: u32,
    ) -> Result<()> {
        let mut tx = self.db.begin_write().await?;
        sqlx::query(
            "UPDATE guided_tracks SET position_ms = min(?, duration_ms), played_at = ?
             WHERE id = ? AND profile_id = ?",
        )
        .bind(i64::from(position_ms))
        .bind(now_rfc3339())
        .bind(track)
        .bind(profile)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Saves where a track paused or stopped; one played to its end starts over next time, and
    /// when that end is `finished` now (not seen before), it is a listen and the series day it
    /// was spoken for is done.
    async fn save_place(
        &self,
        profile: &ProfileId,
        state: &TrackPlayback,
        finished: bool,
    ) -> Result<()> {
        if state.ended {
            self.save_position(profile, &state.track_id, 0).await?;
            if finished {
                self.track_finished(profile, &state.track_id).await?;
            }
            Ok(())
        } else {
            self.save_position(profile, &state.track_id, state.position_ms)
                .await
        }
    }

    /// Plays a track from `from_ms` (where it last stopped when absent), with a bed when given;
    /// whatever track played before stops where it was and keeps that place.
    pub async fn play_track(
        &self,
        profile_id: &ProfileId,
        track_id: &GuidedTrackId,
        from_ms: Option<u32>,
        ambient: Option<AmbientKind>,
    ) -> Result<TrackPlayback> {
        let track = self.track(profile_id, track_id).await?;
        let from_ms = from_ms.unwrap_or(track.position_ms);
        if from_ms >= track.duration_ms {
            return Err(past_the_end(track.duration_ms, from_ms));
        }
        // One track plays at a time, whoever's it is: the one loaded keeps its place.
        self.save_playing_track().await;
        let engine = self.audio.opened().await?;
        let rate = engine.with_mix(|m| m.rate());
        let path = self.track_path(profile_id, &track);
        let format = track.format;
        let voice = tokio::task::spawn_blocking(move || open_voice(&path, format, from_ms, rate))
            .await
            .map_err(|e| CoreError::internal(format!("the track did not open ({e})")))??;
        let player = Player {
            profile: profile_id.clone(),
            track: track.id.clone(),
            duration_ms: track.duration_ms,
            from_ms,
            played: Some(voice.played.clone()),
            ended: voice.ended.clone(),
            counted: false,
            rate,
            ambient: ambient.is_some(),
        };
        if let Some(kind) = ambient {
            engine.start_ambient(kind);
        }
        engine.start_track(Box::new(voice));
        let state = player.state();
        *slot(&self.player) = Some(player);
        self.save_position(profile_id, track_id, from_ms).await?;
        Ok(state)
    }

    /// The profile's track playing or paused now, if any; a track that has played to its end is
    /// put back to its start.
    pub async fn track_playback(&self, profile_id: &ProfileId) -> Result<Option<TrackPlayback>> {
        let profile = self.profiles.require_profile(profile_id).await?;
        let loaded = {
            let mut player = slot(&self.player);
            player
                .as_mut()
                .filter(|p| p.profile == profile)
                .map(|p| (p.state(), p.count_end()))
        };
        if let Some((state, finished)) = loaded.as_ref().filter(|(s, _)| s.ended) {
            self.save_place(&profile, state, *finished).await?;
        }
        Ok(loaded.map(|(state, _)| state))
    }

    /// Pauses the profile's track, keeping its place.
    pub async fn pause_track(&self, profile_id: &ProfileId) -> Result<TrackPlayback> {
        let profile = self.profiles.require_profile(profile_id).await?;
        let state = {
            let mut guard = slot(&self.player);
            let player = guard
                .as_mut()
                .filter(|p| p.profile == profile)
                .ok_or_else(|| {
                    CoreError::new(Reason::NothingPlaying).subject(Subject::GuidedTrack)
                })?;
            let position = player.position_ms();
            if player.played.take().is_some() {
                player.from_ms = position;
                self.silence(Some(player));
            }
            (player.state(), player.count_end())
        };
        self.save_place(&profile, &state.0, state.1).await?;
        Ok(state.0)
    }

    /// Moves the profile's track to `position_ms`, playing on from there if it was playing.
    pub async fn seek_track(
        &self,
        profile_id: &ProfileId,
        position_ms: u32,
    ) -> Result<TrackPlayback> {
        let profile = self.profiles.require_profile(profile_id).await?;
        let (track, playing) = {
            let guard = slot(&self.player);
            let player = guard
                .as_ref()
                .filter(|p| p.profile == profile)
                .ok_or_else(|| {
                    CoreError::new(Reason::NothingPlaying).subject(Subject::GuidedTrack)
                })?;
            if position_ms >= player.duration_ms {
                return Err(past_the_end(player.duration_ms, position_ms));
            }
            (player.track.clone(), player.state().playing)
        };
        if playing {
            let engine = self.audio.opened().await?;
            let mut track_row = self.track(&profile, &track).await?;
            track_row.position_ms = position_ms;
            let path = self.track_path(&profile, &track_row);
            let rate = engine.with_mix(|m| m.rate());
            let format = track_row.format;
            let voice =
                tokio::task::spawn_blocking(move || open_voice(&path, format, position_ms, rate))
                    .await
                    .map_err(|e| CoreError::internal(format!("the track did not open ({e})")))??;
            let mut guard = slot(&self.player);
            if let Some(player) = guard.as_mut().filter(|p| p.track == track) {
                player.from_ms = position_ms;
                player.played = Some(voice.played.clone());
                player.ended = voice.ended.clone();
                player.counted = false;
                engine.start_track(Box::new(voice));
            }
        } else {
            let mut guard = slot(&self.player);
            if let Some(player) = guard.as_mut().filter(|p| p.track == track) {
                player.from_ms = position_ms;
                player.ended = Arc::new(AtomicBool::new(false));
                player.counted = false;
            }
        }
        self.save_position(&profile, &track, position_ms).await?;
        self.track_playback(&profile)
            .await?
            .ok_or_else(|| CoreError::new(Reason::NothingPlaying).subject(Subject::GuidedTrack))
    }

    /// Stops the profile's track (if one plays), saving where it stopped; its bed fades out.
    pub async fn stop_track(&self, profile_id: &ProfileId) -> Result<Option<TrackPlayback>> {
        let profile = self.profiles.require_profile(profile_id).await?;
        let stopped = {
            let mut guard = slot(&self.player);
            if guard.as_ref().is_some_and(|p| p.profile == profile) {
                let mut player = guard.take();
                self.silence(player.as_ref());
                player.as_mut().map(|p| (p.state(), p.count_end()))
            } else {
                None
            }
        };
        if let Some((state, finished)) = &stopped {
            self.save_place(&profile, state, *finished).await?;
        }
        Ok(stopped.map(|(state, _)| state))
    }

    /// Stops whatever track is loaded, of any profile, saving its place (another starts, or the
    /// app is closing).
    pub async fn save_playing_track(&self) {
        let profile = slot(&self.player).as_ref().map(|p| p.profile.clone());
        if let Some(profile) = profile {
            if let Err(err) = self.stop_track(&profile).await {
                tracing::warn!(error = %err, "a track's place was not saved on close");
            }
        }
    }

    /// Sets the guided tracks' volume, 0–100.
    pub async fn set_track_volume(&self, volume: u8) -> Result<()> {
        if volume > 100 {
            return Err(
                CoreError::out_of_range(Subject::Volume, 0.0, 100.0).actual(f64::from(volume))
            );
        }
        let engine = self.audio.opened().await?;
        engine.set_volume(LayerId::Voice, f32::from(volume) / 100.0)
    }
}

/// Opens a track's file at `from_ms`, converted to the mix's rate and to stereo.
fn open_voice(path: &Path, format: AudioFormat, from_ms: u32, rate: u32) -> Result<TrackVoice> {
    let mut source = decoder(path, format)?;
    if from_ms > 0 {
        source
            .try_seek(Duration::from_millis(u64::from(from_ms)))
            .map_err(|e| not_audio(format!("seek: {e}")))?;
    }
    let channels = NonZero::new(2).unwrap_or(NonZero::<u16>::MIN);
    let rate = NonZero::new(rate).unwrap_or(NonZero::<u32>::MIN);
    Ok(TrackVoice {
        samples: rodio::source::UniformSourceIterator::new(source, channels, rate),
        played: Arc::new(AtomicU64::new(0)),
        ended: Arc::new(AtomicBool::new(false)),
    })
}
