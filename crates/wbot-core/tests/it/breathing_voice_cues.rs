//! Breathing cues spoken and breathed (issue 10 item 7): each phase's word and breath sound land on
//! the phase's own sample, on their own layers, and go with the plan when it is dropped; the local
//! voice speaks the cues once (with progress) into the data folder and every later session reads
//! them back; the profile's settings turn each on and set its volume; bad volumes are refused.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use crate::memory_support::{config, profile, resources};
use wbot_core::audio::{CueClips, CueWord, LayerId, Mix, SessionSounds, DEFAULT_RATE};
use wbot_core::breathing::{Session, SessionConfig, SessionEvent, StartBreathing, VOICE_CUES_JOB};
use wbot_core::events::CoreEvent;
use wbot_core::meditation::VoicePaths;
use wbot_core::memory::EnvPaths;
use wbot_core::voice::cues::{cues_dir, CUES_DIR};
use wbot_core::{Core, Reason, Subject};

const RATE: u32 = DEFAULT_RATE;

fn left(stereo: &[f32]) -> Vec<f32> {
    stereo.iter().step_by(2).copied().collect()
}

fn rms(x: &[f32]) -> f32 {
    (x.iter().map(|v| v * v).sum::<f32>() / x.len().max(1) as f32).sqrt()
}

/// The left channel between `from` and `to` seconds of a render that started at frame 0.
fn span(out: &[f32], from: f64, to: f64) -> &[f32] {
    let at = |s: f64| ((s * f64::from(RATE)) as usize).min(out.len());
    &out[at(from)..at(to)]
}

/// A box-breathing plan (4 s phases) in a mix whose chimes are silent, with `sounds`.
fn box_mix(sounds: SessionSounds) -> Mix {
    let mut session = Session::new(SessionConfig::Box, Duration::ZERO).expect("box");
    session.advance(Duration::ZERO);
    let mut mix = Mix::new(RATE);
    mix.set_volume(LayerId::Cue, 0.0).expect("volume");
    mix.set_session_sounds(sounds);
    mix.schedule_session_cues(0, &session.planned_cues());
    mix
}

/// Clips that are each 100 ms of one level, told apart by it.
fn level_clips() -> CueClips {
    let level = |w: CueWord| match w {
        CueWord::In => 0.1,
        CueWord::Hold => 0.2,
        CueWord::Out => 0.3,
        _ => 0.9,
    };
    CueWord::ALL
        .iter()
        .map(|&w| (w, Arc::from(vec![level(w); 4_800])))
        .collect::<BTreeMap<_, _>>()
}

#[test]
fn each_phase_word_starts_on_the_phase_sample_on_its_own_layer() {
    let mut mix = box_mix(SessionSounds {
        words: Some(Arc::new(level_clips())),
        breaths: false,
    });
    let out = left(&mix.render_for(Duration::from_millis(16_500)));
    // The first phase has no cue; then hold at 4 s, exhale at 8 s, hold at 12 s, inhale at 16 s.
    for (at_s, level) in [(4.0, 0.2), (8.0, 0.3), (12.0, 0.2), (16.0, 0.1)] {
        let first = (at_s * f64::from(RATE)) as usize;
        assert_eq!(out[first - 1], 0.0, "nothing before {at_s} s");
        assert!(
            (out[first] - level).abs() < 1e-6,
            "{at_s} s: {}",
            out[first]
        );
        assert!((out[first + 4_799] - level).abs() < 1e-6);
        assert_eq!(out[first + 4_800], 0.0, "a clip plays once");
    }
    assert_eq!(rms(span(&out, 0.0, 3.99)), 0.0);

    // Its own layer: at volume 0 the words are gone too.
    let mut mix = box_mix(SessionSounds {
        words: Some(Arc::new(level_clips())),
        breaths: false,
    });
    mix.set_volume(LayerId::Spoken, 0.0).expect("volume");
    assert_eq!(rms(&left(&mix.render_for(Duration::from_secs(9)))), 0.0);

    // Without sounds, the plan brings chimes alone.
    let mut mix = box_mix(SessionSounds::default());
    assert_eq!(rms(&left(&mix.render_for(Duration::from_secs(9)))), 0.0);
}

#[test]
fn breath_sounds_fill_inhales_and_exhales_and_leave_holds_quiet() {
    let mut mix = box_mix(SessionSounds {
        words: None,
        breaths: true,
    });
    let out = left(&mix.render_for(Duration::from_secs(20)));
    // 8–12 s exhale, 16–20 s inhale (the first inhale has no cue); 4–8 s and 12–16 s hold.
    let exhale = span(&out, 8.0, 12.0);
    let inhale = span(&out, 16.0, 20.0);
    assert!(rms(exhale) > 0.01, "an exhale is heard: {}", rms(exhale));
    assert!(rms(inhale) > 0.01, "an inhale is heard: {}", rms(inhale));
    for (from, to) in [(0.0, 8.0), (12.0, 16.0)] {
        assert_eq!(rms(span(&out, from, to)), 0.0, "{from}–{to} s is quiet");
    }
    // An exhale is fullest early, an inhale late; both start and end in silence.
    let (e1, e2) = exhale.split_at(exhale.len() / 2);
    let (i1, i2) = inhale.split_at(inhale.len() / 2);
    assert!(rms(e1) > 2.0 * rms(e2), "{} vs {}", rms(e1), rms(e2));
    assert!(rms(i2) > 2.0 * rms(i1), "{} vs {}", rms(i2), rms(i1));
    assert!(exhale[0].abs() < 1e-3 && exhale[exhale.len() - 1].abs() < 1e-3);

    // A dropped plan (pause, stop) takes the words and breaths not yet begun with it.
    let mut mix = box_mix(SessionSounds {
        words: Some(Arc::new(level_clips())),
        breaths: true,
    });
    mix.render_for(Duration::from_secs(1));
    mix.schedule_session_cues(0, &[]);
    assert_eq!(rms(&left(&mix.render_for(Duration::from_secs(19)))), 0.0);
}

#[tokio::test]
async fn the_voice_speaks_the_cues_once_and_the_settings_turn_them_on() {
    let dir = tempfile::tempdir().expect("dir");
    let core = Core::open(dir.path()).await.expect("open");
    let ada = profile(&core, "Ada").await;
    let breathing = core.breathing();

    let err = breathing
        .prepare_voice_cues(&ada)
        .await
        .expect_err("no voice yet");
    assert_eq!(
        (err.reason, err.params.value.as_deref()),
        (Reason::VoiceUnavailable, Some("model_missing"))
    );
    let paths = VoicePaths::resolve(
        None,
        Some(&resources()),
        &EnvPaths::default(),
        config().runtime_path,
    );
    core.meditation().configure_voice(paths.clone());
    let mut events = core.events().subscribe();
    let cues = breathing.prepare_voice_cues(&ada).await.expect("spoken");
    assert_eq!(cues as usize, CueWord::ALL.len());
    let steps: Vec<(u32, u32)> = std::iter::from_fn(|| events.try_recv().ok())
        .filter_map(|e| match e {
            CoreEvent::Progress(p) if p.job == VOICE_CUES_JOB => Some((p.done, p.total)),
            _ => None,
        })
        .collect();
    assert_eq!(steps.len(), CueWord::ALL.len());
    assert_eq!(steps.last(), Some(&(7, 7)));

    let folder = cues_dir(dir.path(), &paths.voice_dir);
    assert!(folder.starts_with(dir.path().join(CUES_DIR)));
    let mut written = Vec::new();
    for word in CueWord::ALL {
        let file = folder.join(format!("{}.wav", word.as_str()));
        let mut reader = hound::WavReader::open(&file).expect("a cue's file");
        let samples: Vec<f32> = reader
            .samples::<i16>()
            .map(|s| f32::from(s.expect("sample")) / 32_768.0)
            .collect();
        let secs = samples.len() as f64 / f64::from(reader.spec().sample_rate);
        assert!((0.2..3.5).contains(&secs), "{word:?}: {secs} s");
        assert!(rms(&samples) > 0.02, "{word:?} is speech");
        written.push(
            std::fs::metadata(&file)
                .expect("meta")
                .modified()
                .expect("mtime"),
        );
    }
    // Spoken once: the next time reads them back.
    breathing.prepare_voice_cues(&ada).await.expect("again");
    assert!(
        !std::iter::from_fn(|| events.try_recv().ok()).any(|e| matches!(e, CoreEvent::Progress(_)))
    );
    for (word, before) in CueWord::ALL.iter().zip(written) {
        let file = folder.join(format!("{}.wav", word.as_str()));
        let now = std::fs::metadata(&file)
            .expect("meta")
            .modified()
            .expect("mtime");
        assert_eq!(now, before, "{word:?} was not spoken again");
    }

    // The settings: off by default, each with its volume; bad volumes refused.
    let settings = core.profiles().settings(&ada).await.expect("settings");
    assert!(!settings.voice_cues_on && !settings.breath_sounds_on);
    for (voice, breath, subject) in [
        (101, 50, Subject::VoiceCueVolume),
        (80, 250, Subject::BreathVolume),
    ] {
        let err = core
            .update_settings(
                &ada,
                wbot_core::profile::Settings {
                    voice_cue_volume: voice,
                    breath_volume: breath,
                    ..settings.clone()
                },
            )
            .await
            .expect_err("out of range");
        assert_eq!(
            (err.reason, err.params.subject),
            (Reason::OutOfRange, Some(subject))
        );
    }
    let on = core
        .update_settings(
            &ada,
            wbot_core::profile::Settings {
                voice_cues_on: true,
                voice_cue_volume: 100,
                breath_sounds_on: true,
                breath_volume: 30,
                cue_volume: 0,
                ..settings
            },
        )
        .await
        .expect("saved");
    assert_eq!(core.profiles().settings(&ada).await.expect("read"), on);

    // A session of that profile speaks its cues at their volume.
    let engine = breathing.audio();
    if engine.status().available {
        return; // a device pulls the mix: what the test renders would not be what is heard
    }
    let (events, mut heard) = tokio::sync::mpsc::unbounded_channel();
    let run = breathing
        .start_breathing(
            &ada,
            StartBreathing {
                config: SessionConfig::Box,
                mood_before: None,
            },
            move |e| {
                let _ = events.send(e);
            },
        )
        .await
        .expect("start");
    // The runner sends its first tick once the session's cues are planned.
    while let Some(event) = heard.recv().await {
        if matches!(event, SessionEvent::Tick(_)) {
            break;
        }
    }
    engine.with_mix(|m| {
        assert_eq!(m.volume(LayerId::Spoken), 1.0);
        assert!((m.volume(LayerId::Breath) - 0.3).abs() < 1e-6);
    });
    let out = left(&engine.with_mix(|m| m.render_for(Duration::from_millis(5_500))));
    assert!(
        rms(span(&out, 0.5, 3.9)) < 1e-4,
        "the first phase has no cue"
    );
    assert!(rms(span(&out, 4.0, 5.5)) > 0.02, "\"Hold.\" at 4 s");
    breathing
        .finish_breathing(&ada, &run.run_id, None)
        .await
        .expect("finish");
}
