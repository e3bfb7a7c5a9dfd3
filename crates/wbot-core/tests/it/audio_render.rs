//! The mix rendered offline and measured: chime pitch and onset, fades, loop seams, layers.

use std::sync::Arc;
use std::time::Duration;

use wbot_core::audio::{
    write_wav, AmbientKind, AmbientLoop, AudioEngine, BinauralBand, ChimeKind, LayerId, Mix,
    BELL_DECAY_S, BINAURAL_CARRIER_HZ, DEFAULT_RATE,
};
use wbot_core::breathing::{Session, SessionConfig};
use wbot_core::meditation::{Timer, TimerConfig};
use wbot_core::runner::CueSink;
use wbot_core::runner::Timed;

const RATE: u32 = DEFAULT_RATE;

fn left(stereo: &[f32]) -> Vec<f32> {
    stereo.iter().step_by(2).copied().collect()
}

/// Power of `x` at `freq` (Goertzel).
fn goertzel(x: &[f32], freq: f64) -> f64 {
    goertzel_at(x, freq, RATE)
}

/// Power of `x`, sampled at `rate`, at `freq`.
fn goertzel_at(x: &[f32], freq: f64, rate: u32) -> f64 {
    let w = std::f64::consts::TAU * freq / f64::from(rate);
    let coeff = 2.0 * w.cos();
    let (mut s1, mut s2) = (0.0f64, 0.0f64);
    for &v in x {
        let s0 = f64::from(v) + coeff * s1 - s2;
        s2 = s1;
        s1 = s0;
    }
    s1 * s1 + s2 * s2 - coeff * s1 * s2
}

/// The strongest frequency between 300 and 700 Hz, to 0.05 Hz.
fn dominant_frequency(x: &[f32]) -> f64 {
    strongest(x, 300.0, 700.0, RATE)
}

/// The strongest frequency of `x` (sampled at `rate`) between `low` and `high` Hz, to 0.05 Hz.
fn strongest(x: &[f32], low: f64, high: f64, rate: u32) -> f64 {
    let goertzel = |x: &[f32], f: f64| goertzel_at(x, f, rate);
    let mut best = (0.0, 0.0);
    let mut f = low;
    while f <= high {
        let p = goertzel(x, f);
        if p > best.1 {
            best = (f, p);
        }
        f += 1.0;
    }
    let coarse = best.0;
    let mut f = coarse - 1.0;
    while f <= coarse + 1.0 {
        let p = goertzel(x, f);
        if p > best.1 {
            best = (f, p);
        }
        f += 0.05;
    }
    best.0
}

/// Sample indices where sound starts after at least `gap` silent samples.
fn onsets(x: &[f32], gap: usize) -> Vec<usize> {
    let mut found = Vec::new();
    let mut silent = gap;
    for (i, v) in x.iter().enumerate() {
        if v.abs() > 1e-7 {
            if silent >= gap {
                found.push(i);
            }
            silent = 0;
        } else {
            silent += 1;
        }
    }
    found
}

#[test]
fn each_chime_has_its_pitch_within_one_hertz() {
    for kind in [ChimeKind::Inhale, ChimeKind::Hold, ChimeKind::Exhale] {
        let mut mix = Mix::new(RATE);
        mix.schedule_chime(kind, 4800);
        let out = left(&mix.render_for(Duration::from_millis(1200)));
        let chime = &out[4800..4800 + 24_000];
        let f = dominant_frequency(chime);
        assert!(
            (f - kind.frequency_hz()).abs() <= 1.0,
            "{kind:?}: measured {f} Hz, expected {}",
            kind.frequency_hz()
        );
        // Zero crossings agree, within their coarser resolution.
        let crossings = chime
            .windows(2)
            .filter(|w| (w[0] < 0.0) != (w[1] < 0.0))
            .count();
        let zc = crossings as f64 / 2.0 / 0.5;
        assert!(
            (zc - kind.frequency_hz()).abs() <= 2.0,
            "{kind:?}: {zc} Hz by crossings"
        );
        // Soft attack: no jump at the start, peak about 15 ms in, decayed well before 1 s.
        let attack_peak = out[4800..4800 + 48]
            .iter()
            .fold(0.0f32, |m, v| m.max(v.abs()));
        assert!(attack_peak < 0.01, "attack is soft");
        let peak_at = chime
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.abs().total_cmp(&b.1.abs()))
            .map(|(i, _)| i)
            .unwrap_or(0);
        assert!((400..=1400).contains(&peak_at), "peak at sample {peak_at}");
        let tail = out[4800 + 38_400..4800 + 43_200]
            .iter()
            .fold(0.0f32, |m, v| m.max(v.abs()));
        assert!(tail < 0.02, "decayed by 0.8 s (tail {tail})");
        assert_eq!(*out.last().unwrap_or(&1.0), 0.0, "ends in silence");
    }
}

#[test]
fn session_cues_start_on_their_phase_boundaries_and_not_on_the_first_phase() {
    let mut session = Session::new(SessionConfig::Relaxing478, Duration::ZERO).expect("4-7-8");
    session.advance(Duration::ZERO);
    let plan = session.planned_cues();
    let mut mix = Mix::new(RATE);
    let origin = 9600; // the session starts 200 ms into the mix
    mix.render_for(Duration::from_millis(200));
    mix.schedule_session_cues(origin, &plan);
    let out = left(&mix.render_for(Duration::from_secs(40)));
    let found = onsets(&out, 4800);
    // Rendering started at frame 9600; the output buffer's index 0 is that frame.
    let expected = [
        (4000, 396.0),
        (11_000, 417.0),
        (19_000, 528.0),
        (23_000, 396.0),
        (30_000, 417.0),
        (38_000, 528.0),
    ];
    assert_eq!(found.len(), expected.len(), "onsets at {found:?}");
    assert!(
        found[0] > 4 * RATE as usize - 100,
        "no chime on the first phase"
    );
    for (onset, (at_ms, freq)) in found.iter().zip(expected) {
        let ideal = at_ms * RATE as usize / 1000;
        // The first non-zero sample is sample 1 of the chime (sample 0 is sin 0 = 0).
        let error_ms = (*onset as f64 - 1.0 - ideal as f64).abs() * 1000.0 / f64::from(RATE);
        assert!(error_ms <= 1.0, "onset {onset} vs {ideal}: {error_ms} ms");
        let f = dominant_frequency(&out[*onset..*onset + 24_000]);
        assert!(
            (f - freq).abs() <= 1.0,
            "chime at {at_ms} ms: {f} Hz, expected {freq}"
        );
    }
}

#[test]
fn replanning_never_rings_a_cue_twice() {
    let mut session = Session::new(SessionConfig::Box, Duration::ZERO).expect("box");
    session.advance(Duration::ZERO);
    let mut mix = Mix::new(RATE);
    mix.schedule_session_cues(0, &session.planned_cues());
    let mut out = left(&mix.render_for(Duration::from_millis(4500)));
    // Pause 4.5 s in, resume at 10 s: the plan now includes the current phase's (rung) cue.
    session.advance(Duration::from_millis(4500));
    session.pause(Duration::from_millis(4500));
    mix.schedule_session_cues(0, &session.planned_cues());
    out.extend(left(&mix.render_for(Duration::from_millis(5500))));
    session.resume(Duration::from_secs(10));
    mix.schedule_session_cues(0, &session.planned_cues());
    out.extend(left(&mix.render_for(Duration::from_secs(5))));
    let found = onsets(&out, 4800);
    // 4 s (hold), then the exhale at 8 s of breathing = 13.5 s of session time.
    assert_eq!(found.len(), 2, "{found:?}");
    assert!((found[1] as i64 - 1 - 13_500 * 48).abs() <= 48);
}

#[test]
fn a_cue_the_device_has_not_reached_yet_survives_the_next_phases_replan() {
    // The device fell behind: the session is at 4 s (hold), the mix has rendered 3.5 s.
    let mut session = Session::new(SessionConfig::Box, Duration::ZERO).expect("box");
    session.advance(Duration::ZERO);
    let mut mix = Mix::new(RATE);
    mix.schedule_session_cues(0, &session.planned_cues());
    let mut out = left(&mix.render_for(Duration::from_millis(3500)));
    session.advance(Duration::from_secs(4));
    mix.schedule_session_cues(0, &session.planned_cues());
    out.extend(left(&mix.render_for(Duration::from_millis(1000))));
    let found = onsets(&out, 4800);
    assert_eq!(found.len(), 1, "the hold chime still rings: {found:?}");
    assert!((found[0] as i64 - 1 - 4_000 * 48).abs() <= 48);
}

#[test]
fn the_output_clock_says_which_frame_is_heard_when() {
    let mut mix = Mix::new(RATE);
    mix.render_for(Duration::from_secs(1));
    let now = std::time::Instant::now();
    assert_eq!(
        mix.frame_heard_at(now),
        48_000,
        "without a device, rendered is heard"
    );
    // The device asks for frame 48 000 and says it will be heard 66 ms from now.
    mix.set_output_clock(48_000, now + Duration::from_millis(66));
    assert_eq!(mix.frame_heard_at(now), 48_000 - 66 * 48);
    assert_eq!(
        mix.frame_heard_at(now + Duration::from_secs(2)),
        48_000 + 2 * 48_000 - 66 * 48
    );
    mix.clear_output_clock();
    assert_eq!(mix.frame_heard_at(now), 48_000);
}

fn ratio_envelope(with: &[f32], reference: &[f32]) -> Vec<(usize, f32)> {
    with.iter()
        .zip(reference)
        .enumerate()
        .filter(|(_, (_, r))| r.abs() > 1e-3)
        .map(|(i, (w, r))| (i, w / r))
        .collect()
}

#[test]
fn ambient_fades_in_over_two_seconds_and_out_over_one() {
    let sound = Arc::new(AmbientLoop::generate(AmbientKind::Ocean, RATE));
    let mut faded = Mix::new(RATE);
    let mut plain = Mix::new(RATE);
    faded.start_ambient(sound.clone(), Duration::from_secs(2));
    plain.start_ambient(sound, Duration::ZERO);
    let a = faded.render_for(Duration::from_secs(3));
    let b = plain.render_for(Duration::from_secs(3));
    let env = ratio_envelope(&a, &b);
    let mut last = -1.0f32;
    for (i, g) in &env {
        assert!(
            *g >= last - 1e-4,
            "fade-in not monotonic at sample {i}: {g} after {last}"
        );
        last = *g;
    }
    let gain_at = |t: f64| {
        env.iter()
            .find(|(i, _)| *i >= (t * f64::from(RATE) * 2.0) as usize)
            .map(|(_, g)| *g)
            .unwrap_or(f32::NAN)
    };
    assert!(gain_at(0.0) < 0.01);
    assert!(
        (gain_at(1.0) - 0.5).abs() < 0.02,
        "halfway at 1 s: {}",
        gain_at(1.0)
    );
    assert!((gain_at(2.0) - 1.0).abs() < 1e-3 && (gain_at(2.9) - 1.0).abs() < 1e-3);

    faded.stop_ambient(Duration::from_secs(1));
    let a = faded.render_for(Duration::from_millis(1500));
    let b = plain.render_for(Duration::from_millis(1500));
    let env = ratio_envelope(&a, &b);
    let mut last = 2.0f32;
    for (i, g) in &env {
        assert!(*g <= last + 1e-4, "fade-out not monotonic at sample {i}");
        last = *g;
    }
    assert!(env.first().is_some_and(|(_, g)| *g > 0.99));
    let after = &a[(RATE as usize * 2)..];
    assert!(after.iter().all(|v| *v == 0.0), "silent after the fade-out");
    assert!(!faded.ambient_playing(), "the stopped bed is dropped");
}

fn jumps(channel: &[f32]) -> Vec<f32> {
    channel.windows(2).map(|w| (w[1] - w[0]).abs()).collect()
}

fn percentile(mut v: Vec<f32>, p: f64) -> f32 {
    let k = ((v.len() - 1) as f64 * p) as usize;
    *v.select_nth_unstable_by(k, f32::total_cmp).1
}

#[test]
fn ambient_loops_have_no_click_at_the_seam() {
    for &kind in AmbientKind::ALL {
        let sound = AmbientLoop::generate(kind, RATE);
        let frames = sound.frames();
        for ch in 0..2 {
            let x: Vec<f32> = sound
                .samples()
                .iter()
                .skip(ch)
                .step_by(2)
                .copied()
                .collect();
            let seam = (x[0] - x[frames - 1]).abs();
            let p999 = percentile(jumps(&x), 0.999);
            assert!(
                seam <= p999,
                "{kind:?} ch{ch}: seam jump {seam} vs p99.9 {p999}"
            );
        }
        // Played through the mix, the seam is as smooth as the file.
        let mut mix = Mix::new(RATE);
        mix.start_ambient(Arc::new(sound.clone()), Duration::ZERO);
        let out = left(&mix.render_for(Duration::from_secs_f64(
            frames as f64 / f64::from(RATE) + 0.1,
        )));
        let across = (out[frames] - out[frames - 1]).abs();
        let p999 = percentile(jumps(&out), 0.999);
        assert!(across <= p999, "{kind:?}: rendered seam {across} vs {p999}");
    }
    // The check can fail: cutting the same noise without the crossfade clicks.
    let raw = AmbientLoop::generate(AmbientKind::Brown, RATE);
    let x: Vec<f32> = raw.samples().iter().step_by(2).copied().collect();
    let cut = &x[24_000..]; // starts mid-way, so its ends don't meet
    let seam = (cut[0] - cut[cut.len() - 1]).abs();
    assert!(
        seam > percentile(jumps(cut), 0.999),
        "a naive seam must be detected ({seam})"
    );
}

#[test]
fn layer_volume_and_mute_apply_per_layer() {
    let peak = |v: &[f32]| v.iter().fold(0.0f32, |m, x| m.max(x.abs()));
    let render = |setup: &dyn Fn(&mut Mix)| {
        let mut mix = Mix::new(RATE);
        setup(&mut mix);
        mix.schedule_chime(ChimeKind::Inhale, 4800);
        left(&mix.render_for(Duration::from_millis(1500)))
    };
    let full = peak(&render(&|_| {}));
    let half = peak(&render(&|m| {
        m.set_volume(LayerId::Cue, 0.5).expect("volume")
    }));
    assert!(
        (half / full - 0.5).abs() < 0.005,
        "half volume: {half} vs {full}"
    );
    let muted = render(&|m| m.set_muted(LayerId::Cue, true));
    assert_eq!(peak(&muted), 0.0, "a muted cue layer is silent");
    let other_muted = peak(&render(&|m| m.set_muted(LayerId::Ambient, true)));
    assert_eq!(
        other_muted, full,
        "muting the ambient layer leaves cues alone"
    );
    let mut mix = Mix::new(RATE);
    assert!(mix.set_volume(LayerId::Cue, 1.5).is_err());
    assert!(mix.set_volume(LayerId::Cue, f32::NAN).is_err());

    // Ambient and cue mixed; muting the ambient leaves exactly the cue.
    let sound = Arc::new(AmbientLoop::generate(AmbientKind::Pink, RATE));
    let mut both = Mix::new(RATE);
    both.start_ambient(sound, Duration::ZERO);
    both.set_muted(LayerId::Ambient, true);
    both.schedule_chime(ChimeKind::Hold, 4800);
    let out = both.render_for(Duration::from_millis(1500));
    let cue_only = {
        let mut m = Mix::new(RATE);
        m.schedule_chime(ChimeKind::Hold, 4800);
        m.render_for(Duration::from_millis(1500))
    };
    // After the 20 ms mute ramp, only the chime remains.
    assert_eq!(&out[2 * 960..], &cue_only[2 * 960..]);
}

#[test]
fn the_mix_renders_to_a_wav_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("mix.wav");
    let mut mix = Mix::new(RATE);
    mix.start_ambient(
        Arc::new(AmbientLoop::generate(AmbientKind::Brown, RATE)),
        Duration::from_secs(2),
    );
    mix.schedule_chime(ChimeKind::Exhale, 24_000);
    let mut samples = mix.render_for(Duration::from_secs(3));
    samples.push(0.25); // half a frame: must not reach the file
    write_wav(&path, &samples, RATE).expect("write");
    let mut reader = hound::WavReader::open(&path).expect("read");
    assert_eq!(reader.spec().channels, 2);
    assert_eq!(reader.spec().sample_rate, RATE);
    let read: Vec<f32> = reader
        .samples::<f32>()
        .map(|s| s.expect("sample"))
        .collect();
    assert_eq!(read.len(), samples.len() - 1);
    assert_eq!(&read[..], &samples[..read.len()]);
}

#[test]
fn without_a_device_the_engine_reports_unavailable_and_never_panics() {
    let started = std::time::Instant::now();
    let engine = AudioEngine::start();
    let status = engine.status();
    assert!(started.elapsed() < Duration::from_secs(6));
    if !status.available {
        assert!(status
            .reason
            .as_deref()
            .is_some_and(|r| r.contains("silently")));
    }
    // Every control works either way.
    engine.set_volume(LayerId::Cue, 0.3).expect("volume");
    engine.set_muted(LayerId::Ambient, true);
    engine.start_ambient(AmbientKind::Pink);
    engine.session_started(std::time::Instant::now());
    engine.plan(&[wbot_core::audio::PlannedCue {
        chime: ChimeKind::Hold,
        at_ms: 4000.0,
        word: None,
        breath: None,
    }]);
    engine.session_ended();
    engine.stop_ambient();
    drop(engine);

    let silent = AudioEngine::silent("tests");
    let status = silent.status();
    assert!(!status.available);
    assert_eq!(
        status.reason.as_deref(),
        Some("Sound is off: tests. Sessions run silently.")
    );
    silent.session_started(std::time::Instant::now());
    silent.plan(&[]);
}

#[test]
fn the_meditation_bell_sounds_its_bowl_and_dies_away_over_five_seconds() {
    let mut mix = Mix::new(RATE);
    mix.schedule_chime(ChimeKind::Bell, 4800);
    let out = left(&mix.render_for(Duration::from_secs(6)));
    let bell = &out[4800..];
    let f = strongest(&bell[..24_000], 200.0, 320.0, RATE);
    assert!(
        (f - ChimeKind::Bell.frequency_hz()).abs() <= 1.0,
        "fundamental {f} Hz"
    );
    // A bowl's inharmonic partial at 2.71 × sounds too; a sine would have nothing there.
    let fundamental = goertzel(&bell[..24_000], 256.0);
    assert!(goertzel(&bell[..24_000], 256.0 * 2.71) > fundamental * 0.01);
    assert!(goertzel(&bell[..24_000], 256.0 * 2.0) < fundamental * 0.001);
    let peak = |from_s: f64, to_s: f64| {
        bell[(from_s * 48_000.0) as usize..(to_s * 48_000.0) as usize]
            .iter()
            .fold(0.0f32, |m, v| m.max(v.abs()))
    };
    assert!(peak(2.0, 2.1) > 0.02, "still ringing at 2 s");
    assert!(
        peak(BELL_DECAY_S, BELL_DECAY_S + 0.1) < 0.01,
        "faded by 5 s"
    );
    assert_eq!(*out.last().unwrap_or(&1.0), 0.0, "ends in silence");
}

#[test]
fn binaural_beats_differ_between_the_ears_by_the_band() {
    const SLOW: u32 = 8_000;
    for &band in BinauralBand::ALL {
        let mut mix = Mix::new(SLOW);
        mix.start_binaural(band, Duration::ZERO);
        let out = mix.render_for(Duration::from_secs(4));
        let ear = |ch: usize| -> Vec<f32> { out.iter().skip(ch).step_by(2).copied().collect() };
        let l = strongest(&ear(0), 180.0, 240.0, SLOW);
        let r = strongest(&ear(1), 180.0, 240.0, SLOW);
        assert!(
            (l - BINAURAL_CARRIER_HZ).abs() <= 0.1,
            "{band:?}: left {l} Hz"
        );
        assert!(
            ((r - l) - band.beat_hz()).abs() <= 0.1,
            "{band:?}: right {r} Hz, left {l} Hz"
        );
        mix.stop_binaural(Duration::from_millis(100));
        let after = mix.render_for(Duration::from_millis(300));
        assert!(
            after[after.len() / 2..].iter().all(|v| *v == 0.0),
            "stopped"
        );
        assert_eq!(mix.binaural(), None);
    }
}

#[test]
fn over_a_thirty_minute_timer_every_bell_lands_on_its_sample() {
    const SLOW: u32 = 8_000;
    let config = TimerConfig {
        planned_ms: 30 * 60_000,
        interval_ms: Some(5 * 60_000),
        ambient: None,
        binaural: None,
    };
    let mut timer = Timer::new(config).expect("timer");
    timer.advance(Duration::ZERO);
    let mut mix = Mix::new(SLOW);
    let origin = 1_000;
    mix.schedule_session_cues(origin, &timer.planned_cues());
    // Rendered a second at a time, as a device would pull it; onsets kept as absolute frames.
    let mut found = Vec::new();
    let mut silent = u64::MAX;
    let mut frame = 0u64;
    let mut buffer = vec![0.0f32; SLOW as usize * 2];
    for _ in 0..(30 * 60 + 10) {
        mix.render(&mut buffer);
        for sample in buffer.iter().step_by(2) {
            if sample.abs() > 1e-7 {
                if silent >= u64::from(SLOW) {
                    found.push(frame);
                }
                silent = 0;
            } else {
                silent = silent.saturating_add(1);
            }
            frame += 1;
        }
    }
    // The first non-zero sample of a bell is its sample 1 (sample 0 is sin 0).
    let expected: Vec<u64> = config
        .bells()
        .iter()
        .map(|b| origin + u64::from(b.at_ms) * u64::from(SLOW) / 1000 + 1)
        .collect();
    assert_eq!(expected.len(), 7, "start, five intervals, end");
    assert_eq!(found, expected, "each bell on its exact sample");
}
