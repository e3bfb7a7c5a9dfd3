//! `wbot voice speak` end to end: the real binary speaks a script from standard input into a WAV
//! file with the real voice and reports its speed, and refuses a script with no words.

use crate::support::{failure, ok};

#[test]
fn a_script_is_spoken_into_a_wav_and_an_empty_one_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let out = d.join("spoken.wav");
    let out_arg = out.to_string_lossy().into_owned();
    let lines = ok(
        d,
        &["voice", "speak", "--script", "-", "--out", &out_arg],
        "Breathe in. [PAUSE 2s] And out.",
    );
    let report = &lines[0];
    assert_eq!(report["pauses"], 1);
    let audio_ms = report["audioMs"].as_u64().expect("audioMs");
    assert!(audio_ms > 2_000, "{report}");
    assert!(report["realTimeFactor"].as_f64().expect("rtf") > 0.0);
    assert!(
        report["firstMinuteMs"].is_null(),
        "less than a minute was spoken"
    );
    let wav = hound::WavReader::open(&out).expect("a WAV file");
    assert_eq!(
        u64::from(wav.duration()) * 1000 / u64::from(wav.spec().sample_rate),
        audio_ms
    );

    let err = failure(
        d,
        &["voice", "speak", "--script", "-", "--out", &out_arg],
        "[PAUSE 3s]",
    );
    assert_eq!(
        (err["reason"].as_str(), err["params"]["subject"].as_str()),
        (Some("empty"), Some("script"))
    );
}
