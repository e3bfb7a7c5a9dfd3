//! Guided tracks (issue 10 item 4) on a real SQLite file, real files and the real decoders: wav,
//! mp3, ogg and flac (made by sox) import with their length and are copied into the profile's
//! folder; anything else, a file that is not audio, one cut short or over 500 MB is refused with
//! its reason and leaves nothing behind; a track plays on the engine's mix (rendered here, so
//! what plays is the file's own samples), seeks, pauses, stops and resumes where it stopped; its
//! files go with the profile.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::memory_support::profile;
use wbot_core::audio::write_wav;
use wbot_core::events::CoreEvent;
use wbot_core::meditation::{
    GuidedKind, GuidedTrack, TrackChanges, TrackImport, MAX_TRACK_BYTES, TRACK_IMPORT_JOB,
};
use wbot_core::mood::MoodActivity;
use wbot_core::{Core, ErrorCode, ProfileId, Reason, Subject};

const RATE: u32 = 48_000;

/// A stereo WAV of `secs` seconds at 48 kHz: a slow ramp on the left, its negation on the right,
/// so every frame is different and each channel can be told apart.
fn ramp_wav(path: &Path, secs: f64) -> Vec<f32> {
    let frames = (secs * f64::from(RATE)) as usize;
    let samples: Vec<f32> = (0..frames)
        .flat_map(|i| {
            let v = ((i % 4800) as f32 / 4800.0 - 0.5) * 0.8;
            [v, -v]
        })
        .collect();
    write_wav(path, &samples, RATE).expect("wav written");
    samples
}

/// A 3 s tone in `format`, encoded by sox.
fn sox_tone(dir: &Path, format: &str) -> PathBuf {
    let path = dir.join(format!("tone.{format}"));
    let status = Command::new("sox")
        .args(["-n", "-r", "44100", "-c", "2"])
        .arg(&path)
        .args(["synth", "3", "sine", "440", "vol", "0.5"])
        .status()
        .expect("sox runs (scripts/setup installs it)");
    assert!(status.success(), "sox made {format}");
    path
}

/// The length in bytes of the MPEG-1 Layer III frame whose header starts `bytes`.
fn mp3_frame_len(bytes: &[u8]) -> usize {
    const KBPS: [usize; 15] = [
        0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320,
    ];
    const HZ: [usize; 3] = [44_100, 48_000, 32_000];
    assert_eq!(
        (bytes[0], bytes[1] & 0xfe),
        (0xff, 0xfa),
        "an MPEG-1 Layer III frame"
    );
    let kbps = KBPS[usize::from(bytes[2] >> 4)];
    let hz = HZ[usize::from((bytes[2] >> 2) & 3)];
    144 * kbps * 1000 / hz + usize::from((bytes[2] >> 1) & 1)
}

/// sox's mp3 with the Xing "Info" frame LAME puts first in most files, which announces how many
/// frames follow (sox writes none): the header a cut-short mp3 is caught by.
fn mp3_with_info_tag(dir: &Path) -> PathBuf {
    let audio = std::fs::read(sox_tone(dir, "mp3")).expect("mp3");
    let mut frames = 0u32;
    let mut at = 0;
    while at + 4 <= audio.len() {
        at += mp3_frame_len(&audio[at..]);
        frames += 1;
    }
    let mut info = audio[..4].to_vec();
    info[2] &= !0x02; // no padding byte
    info.resize(mp3_frame_len(&info), 0);
    // After the header and a stereo frame's 32 bytes of side information.
    info[36..40].copy_from_slice(b"Info");
    info[40..44].copy_from_slice(&1u32.to_be_bytes()); // the frame count is present
    info[44..48].copy_from_slice(&frames.to_be_bytes());
    let path = dir.join("tagged.mp3");
    std::fs::write(&path, [info, audio].concat()).expect("tagged mp3");
    path
}

fn import(path: &Path) -> TrackImport {
    TrackImport {
        path: path.to_string_lossy().into_owned(),
        title: None,
        kind: GuidedKind::BodyScan,
        language: "en".into(),
    }
}

fn files_in(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

fn tracks_dir(core: &Core, profile: &ProfileId) -> PathBuf {
    core.data_dir().join("tracks").join(profile.as_str())
}

async fn only_track(core: &Core, profile: &ProfileId) -> GuidedTrack {
    let tracks = core.meditation().tracks(profile).await.expect("tracks");
    assert_eq!(tracks.len(), 1);
    tracks.into_iter().next().expect("one track")
}

/// Renders `d` of the engine's mix (no device plays in tests: the mix moves only when rendered).
fn render(core: &Core, d: Duration) -> Vec<f32> {
    core.breathing().audio().with_mix(|m| m.render_for(d))
}

#[tokio::test]
async fn a_wav_imports_with_its_length_as_a_private_copy_with_progress() {
    let dir = tempfile::tempdir().expect("dir");
    let core = Core::open(dir.path().join("data")).await.expect("open");
    let ada = profile(&core, "Ada").await;
    let source = dir.path().join("Evening body scan.wav");
    ramp_wav(&source, 2.5);
    let mut events = core.events().subscribe();

    let track = core
        .meditation()
        .import_track(&ada, import(&source))
        .await
        .expect("imported");

    assert_eq!(
        track.title, "Evening body scan",
        "the file's name without its extension"
    );
    assert_eq!(track.duration_ms, 2_500);
    assert_eq!(track.position_ms, 0);
    assert_eq!(
        u64::from(track.bytes),
        std::fs::metadata(&source).expect("source").len()
    );
    let copy = tracks_dir(&core, &ada).join(format!("{}.wav", track.id));
    assert_eq!(
        std::fs::read(&copy).expect("the copy"),
        std::fs::read(&source).expect("the source")
    );
    assert_eq!(only_track(&core, &ada).await, track);
    let mut last = None;
    while let Ok(event) = events.try_recv() {
        if let CoreEvent::Progress(p) = event {
            assert_eq!(p.job, TRACK_IMPORT_JOB);
            assert_eq!(p.profile_id.as_ref(), Some(&ada));
            last = Some((p.done, p.total));
        }
    }
    assert_eq!(last, Some((100, 100)), "progress ends at its total");
}

#[tokio::test]
async fn mp3_ogg_and_flac_import_with_the_length_they_decode_to() {
    let dir = tempfile::tempdir().expect("dir");
    let core = Core::open(dir.path().join("data")).await.expect("open");
    let ada = profile(&core, "Ada").await;
    for format in ["mp3", "ogg", "flac"] {
        let path = sox_tone(dir.path(), format);
        let track = core
            .meditation()
            .import_track(&ada, import(&path))
            .await
            .unwrap_or_else(|e| panic!("{format} imported: {e}"));
        assert_eq!(track.format.as_str(), format);
        // mp3 frames pad the end a little.
        assert!(
            (2_990..=3_100).contains(&track.duration_ms),
            "{format}: {} ms",
            track.duration_ms
        );
    }
    let tagged = core
        .meditation()
        .import_track(&ada, import(&mp3_with_info_tag(dir.path())))
        .await
        .expect("a whole mp3 with its length announced");
    assert!((2_990..=3_100).contains(&tagged.duration_ms), "{tagged:?}");
    assert_eq!(
        core.meditation().tracks(&ada).await.expect("tracks").len(),
        4
    );
}

#[tokio::test]
async fn bad_files_are_refused_with_their_reason_and_leave_nothing_behind() {
    let dir = tempfile::tempdir().expect("dir");
    let core = Core::open(dir.path().join("data")).await.expect("open");
    let ada = profile(&core, "Ada").await;

    let text = dir.path().join("notes.mp3");
    std::fs::write(&text, "these are words, not sound\n".repeat(200)).expect("text");
    let wrong_kind = dir.path().join("notes.txt");
    std::fs::write(&wrong_kind, "words").expect("txt");
    let empty = dir.path().join("empty.wav");
    std::fs::write(&empty, b"").expect("empty");
    let mp3 = mp3_with_info_tag(dir.path());
    let cut_mp3 = dir.path().join("cut.mp3");
    let bytes = std::fs::read(&mp3).expect("mp3");
    std::fs::write(&cut_mp3, &bytes[..bytes.len() / 2]).expect("cut mp3");
    let wav = dir.path().join("whole.wav");
    ramp_wav(&wav, 2.0);
    let cut_wav = dir.path().join("cut.wav");
    let bytes = std::fs::read(&wav).expect("wav");
    std::fs::write(&cut_wav, &bytes[..bytes.len() / 3]).expect("cut wav");
    let huge = dir.path().join("huge.flac");
    std::fs::File::create(&huge)
        .and_then(|f| f.set_len(MAX_TRACK_BYTES + 1))
        .expect("sparse file");

    let cases: [(&Path, Reason); 7] = [
        (&text, Reason::NotAudio),
        (&wrong_kind, Reason::UnsupportedAudio),
        (&empty, Reason::NotAudio),
        (&cut_mp3, Reason::AudioIncomplete),
        (&cut_wav, Reason::AudioIncomplete),
        (&huge, Reason::OutOfRange),
        (&dir.path().join("missing.ogg"), Reason::FileAccess),
    ];
    for (path, reason) in cases {
        let err = core
            .meditation()
            .import_track(&ada, import(path))
            .await
            .expect_err("refused");
        assert_eq!(err.reason, reason, "{}: {err}", path.display());
        assert_eq!(err.params.subject, Some(Subject::TrackFile), "{err}");
        assert!(
            files_in(&tracks_dir(&core, &ada)).is_empty(),
            "{}: nothing half-imported",
            path.display()
        );
    }
    let err = core
        .meditation()
        .import_track(&ada, import(&wrong_kind))
        .await
        .expect_err("txt");
    assert_eq!(err.params.value.as_deref(), Some("txt"));
    assert_eq!(err.code(), ErrorCode::Validation);
    assert!(core
        .meditation()
        .tracks(&ada)
        .await
        .expect("tracks")
        .is_empty());

    let mut bad_language = import(&wav);
    bad_language.language = "english".into();
    let err = core
        .meditation()
        .import_track(&ada, bad_language)
        .await
        .expect_err("language");
    assert_eq!(
        (err.reason, err.params.subject),
        (Reason::InvalidFormat, Some(Subject::TrackLanguage))
    );
    let mut blank = import(&wav);
    blank.title = Some("   ".into());
    let err = core
        .meditation()
        .import_track(&ada, blank)
        .await
        .expect_err("title");
    assert_eq!(
        (err.reason, err.params.subject),
        (Reason::Empty, Some(Subject::Title))
    );
    assert!(files_in(&tracks_dir(&core, &ada)).is_empty());
}

#[tokio::test]
async fn a_track_plays_its_own_samples_seeks_pauses_and_resumes_where_it_stopped() {
    let dir = tempfile::tempdir().expect("dir");
    let core = Core::open(dir.path().join("data")).await.expect("open");
    let ada = profile(&core, "Ada").await;
    let source = dir.path().join("ramp.wav");
    let samples = ramp_wav(&source, 4.0);
    let track = core
        .meditation()
        .import_track(&ada, import(&source))
        .await
        .expect("imported");
    let med = core.meditation();

    let state = med
        .play_track(&ada, &track.id, None, None)
        .await
        .expect("play");
    assert!(state.playing);
    assert_eq!(state.position_ms, 0);
    let heard = render(&core, Duration::from_secs(1));
    // After the 20 ms fade-in the mix is the file itself, frame for frame.
    let after_fade = 2 * (RATE as usize / 50);
    for (i, (got, want)) in heard.iter().zip(&samples).enumerate().skip(after_fade) {
        assert!((got - want).abs() < 1e-4, "sample {i}: {got} vs {want}");
    }
    let now = med
        .track_playback(&ada)
        .await
        .expect("state")
        .expect("loaded");
    assert!((1_000..1_100).contains(&now.position_ms), "{now:?}");

    let sought = med.seek_track(&ada, 2_000).await.expect("seek");
    assert_eq!(sought.position_ms, 2_000);
    render(&core, Duration::from_millis(500));
    let paused = med.pause_track(&ada).await.expect("pause");
    assert!(!paused.playing);
    assert!((2_500..2_600).contains(&paused.position_ms), "{paused:?}");
    render(&core, Duration::from_millis(500));
    assert_eq!(
        med.track_playback(&ada)
            .await
            .expect("state")
            .expect("loaded")
            .position_ms,
        paused.position_ms,
        "a paused track keeps its place"
    );
    assert_eq!(
        only_track(&core, &ada).await.position_ms,
        paused.position_ms
    );

    let stopped = med
        .stop_track(&ada)
        .await
        .expect("stop")
        .expect("it played");
    assert_eq!(stopped.position_ms, paused.position_ms);
    assert!(med.track_playback(&ada).await.expect("state").is_none());
    let resumed = med
        .play_track(&ada, &track.id, None, None)
        .await
        .expect("resume");
    assert_eq!(
        resumed.position_ms, paused.position_ms,
        "resumes where it stopped"
    );
    let heard = render(&core, Duration::from_millis(100));
    let from = (paused.position_ms as usize * RATE as usize / 1000) * 2;
    let (got, want) = (heard[heard.len() - 2], samples[from + heard.len() - 2]);
    assert!(
        (got - want).abs() < 1e-4,
        "the resumed sound is the file's from there"
    );

    render(&core, Duration::from_secs(2));
    let ended = med
        .track_playback(&ada)
        .await
        .expect("state")
        .expect("loaded");
    assert!(ended.ended && !ended.playing, "{ended:?}");
    assert_eq!(ended.position_ms, track.duration_ms);
    assert_eq!(
        only_track(&core, &ada).await.position_ms,
        0,
        "a finished track starts over"
    );

    // Heard to its end, it is a meditation of its type, counted once however often it is asked.
    med.track_playback(&ada).await.expect("asked again");
    med.stop_track(&ada).await.expect("stop");
    let listened: Vec<(MoodActivity, String, u32)> = core
        .progress()
        .effectiveness(&ada)
        .await
        .expect("effectiveness")
        .into_iter()
        .map(|e| (e.activity, e.kind, e.completed))
        .collect();
    assert_eq!(
        listened,
        [(MoodActivity::Meditation, track.kind.as_str().to_string(), 1)]
    );
}

#[tokio::test]
async fn playing_refuses_bad_places_and_volumes() {
    let dir = tempfile::tempdir().expect("dir");
    let core = Core::open(dir.path().join("data")).await.expect("open");
    let ada = profile(&core, "Ada").await;
    let med = core.meditation();
    let err = med.pause_track(&ada).await.expect_err("nothing to pause");
    assert_eq!(
        (err.reason, err.code()),
        (Reason::NothingPlaying, ErrorCode::Conflict)
    );
    let err = med.seek_track(&ada, 10).await.expect_err("nothing to seek");
    assert_eq!(err.reason, Reason::NothingPlaying);
    assert!(med.stop_track(&ada).await.expect("stop").is_none());
    let err = med.set_track_volume(101).await.expect_err("volume");
    assert_eq!(
        (err.reason, err.params.subject),
        (Reason::OutOfRange, Some(Subject::Volume))
    );

    let source = dir.path().join("ramp.wav");
    ramp_wav(&source, 1.0);
    let track = med
        .import_track(&ada, import(&source))
        .await
        .expect("imported");
    let err = med
        .play_track(&ada, &track.id, Some(1_000), None)
        .await
        .expect_err("past the end");
    assert_eq!(
        (err.reason, err.params.subject),
        (Reason::OutOfRange, Some(Subject::TrackPosition))
    );
    med.play_track(&ada, &track.id, Some(0), None)
        .await
        .expect("play");
    let err = med.seek_track(&ada, 5_000).await.expect_err("past the end");
    assert_eq!(err.params.max, Some(999.0));
    med.stop_track(&ada).await.expect("stop");
}

#[tokio::test]
async fn tracks_are_each_profiles_own_and_go_with_it() {
    let dir = tempfile::tempdir().expect("dir");
    let core = Core::open(dir.path().join("data")).await.expect("open");
    let ada = profile(&core, "Ada").await;
    let ben = profile(&core, "Ben").await;
    let source = dir.path().join("ramp.wav");
    ramp_wav(&source, 1.0);
    let med = core.meditation();
    let track = med
        .import_track(&ada, import(&source))
        .await
        .expect("imported");

    assert!(med.tracks(&ben).await.expect("ben's").is_empty());
    for err in [
        med.play_track(&ben, &track.id, None, None)
            .await
            .expect_err("play"),
        med.delete_track(&ben, &track.id).await.expect_err("delete"),
        med.update_track(&ben, &track.id, TrackChanges::default())
            .await
            .expect_err("update"),
    ] {
        assert_eq!(
            (err.reason, err.params.subject),
            (Reason::NotFound, Some(Subject::GuidedTrack))
        );
    }

    let changed = med
        .update_track(
            &ada,
            &track.id,
            TrackChanges {
                title: Some("Morning".into()),
                kind: Some(GuidedKind::Sleep),
                language: Some("ES".into()),
                favourite: Some(true),
            },
        )
        .await
        .expect("update");
    assert_eq!(
        (
            changed.title.as_str(),
            changed.kind,
            changed.language.as_str(),
            changed.favourite
        ),
        ("Morning", GuidedKind::Sleep, "es", true)
    );
    assert_eq!(only_track(&core, &ada).await, changed);

    med.play_track(&ada, &track.id, None, None)
        .await
        .expect("play");
    core.delete_profile(&ada).await.expect("delete Ada");
    assert!(
        !tracks_dir(&core, &ada).exists(),
        "her tracks went with her"
    );
    assert!(med.track_playback(&ben).await.expect("ben").is_none());

    let track = med
        .import_track(&ben, import(&source))
        .await
        .expect("imported");
    med.delete_track(&ben, &track.id).await.expect("delete");
    assert!(
        files_in(&tracks_dir(&core, &ben)).is_empty(),
        "the file went with the track"
    );
}

#[tokio::test]
async fn one_track_plays_at_a_time_and_the_one_it_replaces_keeps_its_place() {
    let dir = tempfile::tempdir().expect("dir");
    let core = Core::open(dir.path().join("data")).await.expect("open");
    let ada = profile(&core, "Ada").await;
    let ben = profile(&core, "Ben").await;
    let source = dir.path().join("ramp.wav");
    ramp_wav(&source, 3.0);
    let med = core.meditation();
    let hers = med.import_track(&ada, import(&source)).await.expect("hers");
    let his = med.import_track(&ben, import(&source)).await.expect("his");

    med.play_track(&ada, &hers.id, None, None)
        .await
        .expect("she plays");
    render(&core, Duration::from_millis(700));
    med.play_track(&ben, &his.id, None, None)
        .await
        .expect("he plays");
    assert!(
        med.track_playback(&ada).await.expect("hers").is_none(),
        "hers stopped"
    );
    let kept = only_track(&core, &ada).await.position_ms;
    assert!((700..800).contains(&kept), "hers kept its place: {kept} ms");
    assert!(med
        .track_playback(&ben)
        .await
        .expect("his")
        .is_some_and(|p| p.playing));
    med.stop_track(&ben).await.expect("stop");
}
