//! The local voice (issue 10, ADR 0021) with the real Piper model on the real ONNX Runtime and
//! espeak-ng: a script is spoken, and the rendered sound has speech where the words are and a
//! silence of the marker's length at each `[PAUSE Ns]`; the WAV file holds the same samples; a
//! voice that cannot load or phonemize says why; a written meditation becomes a guided track.

use std::path::Path;
use std::time::Duration;

use crate::memory_support::{config, resources};
use wbot_core::events::CoreEvent;
use wbot_core::meditation::{GuidedKind, VoicePaths, VOICE_JOB};
use wbot_core::memory::EnvPaths;
use wbot_core::voice::{LocalVoice, Script, SENTENCE_SILENCE};
use wbot_core::{ErrorCode, Reason, Subject};

fn voice() -> LocalVoice {
    LocalVoice::load(&config().runtime_path, &LocalVoice::dir_in(&resources()))
        .expect("the voice loads (scripts/fetch-assets puts it in src-tauri/resources)")
}

/// The loudness of each 10 ms window.
fn window_rms(samples: &[f32], rate: u32) -> Vec<f32> {
    let n = (rate / 100) as usize;
    samples
        .chunks(n)
        .map(|w| (w.iter().map(|s| s * s).sum::<f32>() / w.len() as f32).sqrt())
        .collect()
}

/// The quiet stretches (every 10 ms window under -40 dBFS) of at least `min`, as (start, length) in seconds.
fn quiet_runs(samples: &[f32], rate: u32, min: Duration) -> Vec<(f64, f64)> {
    let rms = window_rms(samples, rate);
    let mut runs = Vec::new();
    let mut start = None;
    for (i, r) in rms.iter().chain([1.0f32].iter()).enumerate() {
        match (start, *r < 0.01) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let len = (i - s) as f64 / 100.0;
                if len >= min.as_secs_f64() {
                    runs.push((s as f64 / 100.0, len));
                }
                start = None;
            }
            _ => {}
        }
    }
    runs
}

#[test]
fn a_script_is_spoken_with_a_silence_of_the_markers_length_at_each_pause() {
    let mut voice = voice();
    let script = Script::parse(
        "Settle into your seat, and let your shoulders drop. [PAUSE 3s] \
         Breathe in slowly. Now let it go. [PAUSE 1.5s] Welcome back.",
    )
    .expect("script");
    let mut steps = Vec::new();
    let spoken = voice
        .speak(&script, |_, done, total| {
            steps.push((done, total));
            true
        })
        .expect("spoken");
    assert_eq!(spoken.sample_rate, 22_050);
    assert_eq!(
        steps.last(),
        Some(&(6, 6)),
        "4 sentences and 2 pauses, each reported"
    );

    let rate = spoken.sample_rate;
    // The quiet stretch around each marker: the pause, with the sentence silence and the model's
    // own quiet edges around it, and no more.
    let quiet = quiet_runs(&spoken.samples, rate, Duration::from_millis(400));
    let mut runs = Vec::new();
    for (want, (at, len)) in [3.0, 1.5].into_iter().zip(spoken.pauses.iter().copied()) {
        assert_eq!(
            len,
            (want * f64::from(rate)) as usize,
            "the pause is {want} s of samples"
        );
        let marker_at = at as f64 / f64::from(rate);
        let &(start, run) = quiet
            .iter()
            .find(|(s, l)| *s <= marker_at + 0.01 && marker_at < s + l)
            .unwrap_or_else(|| panic!("no silence at the marker ({marker_at:.2} s): {quiet:?}"));
        let most = want + SENTENCE_SILENCE.as_secs_f64() + 0.8;
        assert!(
            run >= want - 0.02 && run <= most,
            "a [PAUSE {want}s] is {run:.2} s of silence (at most {most:.2} s)"
        );
        runs.push((start, run));
    }
    // Speech on both sides of each pause, and at the end.
    let rms = window_rms(&spoken.samples, rate);
    let loud = |from: f64, to: f64| {
        let (a, b) = (
            (from * 100.0) as usize,
            ((to * 100.0) as usize).min(rms.len()),
        );
        rms[a..b].iter().any(|r| *r > 0.05)
    };
    assert!(loud(0.0, runs[0].0), "speech before the first pause");
    assert!(
        loud(runs[0].0 + runs[0].1, runs[1].0),
        "speech between the pauses"
    );
    assert!(
        loud(runs[1].0 + runs[1].1, rms.len() as f64 / 100.0),
        "speech after the last"
    );

    let dir = tempfile::tempdir().expect("dir");
    let wav = dir.path().join("spoken.wav");
    spoken.write_wav(&wav).expect("written");
    let mut reader = hound::WavReader::open(&wav).expect("wav");
    assert_eq!(
        (reader.spec().channels, reader.spec().sample_rate),
        (1, 22_050)
    );
    let read: Vec<i16> = reader
        .samples::<i16>()
        .map(|s| s.expect("sample"))
        .collect();
    assert_eq!(read.len(), spoken.samples.len());
    let (p, len) = spoken.pauses[0];
    assert!(
        read[p..p + len].iter().all(|s| *s == 0),
        "a pause is digital silence"
    );
}

#[test]
fn phonemes_are_the_ids_piper_phonemize_makes() {
    // From piper-phonemize 1.1.0 (PyPI) for the same text and voice.
    let reference: [&[i64]; 2] = [
        &[
            1, 0, 15, 0, 88, 0, 120, 0, 21, 0, 122, 0, 41, 0, 3, 0, 74, 0, 26, 0, 3, 0, 31, 0, 24,
            0, 120, 0, 27, 0, 100, 0, 24, 0, 21, 0, 10, 0, 2,
        ],
        &[
            1, 0, 26, 0, 120, 0, 14, 0, 100, 0, 3, 0, 20, 0, 120, 0, 27, 0, 100, 0, 24, 0, 17, 0,
            10, 0, 2,
        ],
    ];
    let ids = voice()
        .phoneme_ids("Breathe in slowly. Now hold.")
        .expect("phonemes");
    assert_eq!(ids, reference);
}

#[test]
fn a_voice_that_cannot_load_or_phonemize_says_why() {
    let dir = tempfile::tempdir().expect("dir");
    let err = LocalVoice::load(&config().runtime_path, dir.path()).expect_err("no voice there");
    assert_eq!(
        (
            err.code(),
            err.reason,
            err.params.subject,
            err.params.value.as_deref()
        ),
        (
            ErrorCode::Unavailable,
            Reason::VoiceUnavailable,
            Some(Subject::Voice),
            Some("model_missing")
        )
    );
    std::fs::write(dir.path().join("config.json"), "{not json").expect("config");
    let err = LocalVoice::load(&config().runtime_path, dir.path()).expect_err("bad config");
    assert_eq!(err.params.value.as_deref(), Some("model_unusable"));

    let mut voice = voice().with_espeak(Path::new("/nonexistent/espeak-ng"));
    let script = Script::parse("Breathe in.").expect("script");
    let err = voice
        .speak(&script, |_, _, _| true)
        .expect_err("no phonemizer");
    assert_eq!(err.params.value.as_deref(), Some("phonemizer_missing"));

    let mut voice = self::voice();
    let script = Script::parse("One. [PAUSE 1s] Two.").expect("script");
    let err = voice
        .speak(&script, |_, done, _| done < 2)
        .expect_err("stopped");
    assert_eq!(err.params.value.as_deref(), Some("cancelled"));
}

#[tokio::test]
async fn a_written_meditation_is_spoken_into_a_guided_track_with_progress() {
    let dir = tempfile::tempdir().expect("dir");
    let core = wbot_core::Core::open(dir.path()).await.expect("open");
    let ada = crate::memory_support::profile(&core, "Ada").await;
    let med = core.meditation();
    let tracks = dir.path().join("tracks").join(ada.as_str());

    // Before the voice is configured, and with a voice folder that holds nothing.
    let err = med
        .speak_written_meditation(&ada, "breathing-focus-3", "Three minutes")
        .await
        .expect_err("no voice yet");
    assert_eq!(err.reason, Reason::VoiceUnavailable);
    med.configure_voice(VoicePaths {
        runtime: config().runtime_path,
        voice_dir: dir.path().join("no-voice"),
    });
    let err = med
        .speak_written_meditation(&ada, "breathing-focus-3", "Three minutes")
        .await
        .expect_err("no voice there");
    assert_eq!(err.params.value.as_deref(), Some("model_missing"));
    let err = med
        .speak_written_meditation(&ada, "no-such-script", "Three minutes")
        .await
        .expect_err("unknown");
    assert_eq!(
        (err.reason, err.params.subject),
        (Reason::NotFound, Some(Subject::Script))
    );
    assert!(
        std::fs::read_dir(&tracks).map_or(true, |d| d.count() == 0),
        "nothing left behind"
    );

    med.configure_voice(VoicePaths::resolve(
        None,
        Some(&resources()),
        &EnvPaths::default(),
        config().runtime_path,
    ));
    let written = med.written_meditations().expect("written");
    assert_eq!(written[0].id, "breathing-focus-3", "shortest first");
    let mut events = core.events().subscribe();
    let track = med
        .speak_written_meditation(&ada, "breathing-focus-3", "Three minutes")
        .await
        .expect("spoken");
    assert_eq!(
        (track.kind, track.format.as_str()),
        (GuidedKind::BreathingFocus, "wav")
    );
    assert!(
        (150_000..260_000).contains(&track.duration_ms),
        "about three minutes: {} ms",
        track.duration_ms
    );
    let file = tracks.join(format!("{}.wav", track.id));
    assert_eq!(
        std::fs::metadata(&file).expect("the file").len(),
        u64::from(track.bytes)
    );
    let mut last = None;
    while let Ok(event) = events.try_recv() {
        if let CoreEvent::Progress(p) = event {
            assert_eq!(p.job, VOICE_JOB);
            last = Some((p.done, p.total));
        }
    }
    let (done, total) = last.expect("progress");
    assert_eq!(done, total);
    assert_eq!(med.tracks(&ada).await.expect("tracks"), [track]);
}
