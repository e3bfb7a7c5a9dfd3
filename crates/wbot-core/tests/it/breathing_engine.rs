//! The session state machine under a virtual clock: sequences, pauses, stops, Wim Hof, drift.

use std::time::Duration;

use wbot_core::audio::ChimeKind;
use wbot_core::breathing::{
    Clock, Pattern, Phase, PhaseChange, Session, SessionConfig, SessionEvent, VirtualClock,
    WimHofSettings,
};
use wbot_core::ErrorCode;

fn ms(v: u64) -> Duration {
    Duration::from_millis(v)
}

fn changes(events: &[SessionEvent]) -> Vec<PhaseChange> {
    events
        .iter()
        .filter_map(|e| match e {
            SessionEvent::PhaseChanged(c) => Some(c.clone()),
            _ => None,
        })
        .collect()
}

fn completions(events: &[SessionEvent]) -> usize {
    events
        .iter()
        .filter(|e| matches!(e, SessionEvent::Completed(_)))
        .count()
}

/// Runs a session to its end, advancing every 250 ms of virtual time, and returns all events.
fn run_to_end(config: SessionConfig) -> Vec<SessionEvent> {
    let clock = VirtualClock::new();
    let mut session = Session::new(config, clock.now()).expect("valid config");
    let mut events = session.advance(clock.now());
    for _ in 0..100_000 {
        clock.advance(ms(250));
        events.extend(session.advance(clock.now()));
        if session.is_finished() {
            break;
        }
    }
    // Nothing more, ever.
    clock.advance(Duration::from_secs(3600));
    assert!(session.advance(clock.now()).is_empty());
    assert!(session.stop(clock.now()).is_empty());
    events
}

fn check_continuous(config: SessionConfig, phases: &[(Phase, u32)], cycles: u32) {
    let events = run_to_end(config);
    let got = changes(&events);
    assert_eq!(got.len(), phases.len() * cycles as usize, "{config:?}");
    let mut t = 0.0;
    for (i, change) in got.iter().enumerate() {
        let (phase, duration) = phases[i % phases.len()];
        assert_eq!(change.phase, phase, "phase {i} of {config:?}");
        assert_eq!(change.duration_ms, Some(f64::from(duration)));
        assert_eq!(change.cycle, Some((i / phases.len()) as u32 + 1));
        assert_eq!(change.round, None);
        assert!(
            (change.started_at_ms - t).abs() < 1e-6,
            "start of phase {i}"
        );
        t += f64::from(duration);
    }
    assert_eq!(completions(&events), 1);
    let Some(SessionEvent::Completed(done)) = events.last() else {
        panic!("the last event must be the completion");
    };
    assert!((done.stats.active_ms - t).abs() < 1e-6);
    assert_eq!(done.stats.cycles_completed, cycles);
}

#[test]
fn box_breathing_is_four_equal_phases_four_times() {
    use Phase::*;
    check_continuous(
        SessionConfig::Box,
        &[
            (Inhale, 4000),
            (Hold, 4000),
            (Exhale, 4000),
            (HoldAfter, 4000),
        ],
        4,
    );
}

#[test]
fn relaxing_478_skips_the_empty_hold_after() {
    use Phase::*;
    check_continuous(
        SessionConfig::Relaxing478,
        &[(Inhale, 4000), (Hold, 7000), (Exhale, 8000)],
        4,
    );
}

#[test]
fn coherent_is_inhale_exhale_six_times() {
    use Phase::*;
    check_continuous(
        SessionConfig::Coherent,
        &[(Inhale, 6000), (Exhale, 6000)],
        6,
    );
}

#[test]
fn deep_calm_is_five_two_seven_two_five_times() {
    use Phase::*;
    check_continuous(
        SessionConfig::DeepCalm,
        &[
            (Inhale, 5000),
            (Hold, 2000),
            (Exhale, 7000),
            (HoldAfter, 2000),
        ],
        5,
    );
}

#[test]
fn custom_pattern_skips_zero_phases_and_keeps_fractions() {
    use Phase::*;
    let pattern = Pattern {
        inhale_s: 0.0,
        hold_s: 2.5,
        exhale_s: 3.0,
        hold_after_s: 0.0,
        cycles: 3,
    };
    check_continuous(
        SessionConfig::Custom(pattern),
        &[(Hold, 2500), (Exhale, 3000)],
        3,
    );
}

#[test]
fn invalid_settings_are_rejected_with_messages() {
    let p = |inhale_s, cycles| {
        SessionConfig::Custom(Pattern {
            inhale_s,
            hold_s: 0.0,
            exhale_s: 0.0,
            hold_after_s: 0.0,
            cycles,
        })
    };
    let w = |f: fn(&mut WimHofSettings)| {
        let mut s = WimHofSettings::default();
        f(&mut s);
        SessionConfig::WimHof(s)
    };
    let cases = [
        (
            p(31.0, 4),
            "out_of_range breathing_phase min=0 max=30 actual=31 value=\"inhale\"",
        ),
        (
            p(-1.0, 4),
            "out_of_range breathing_phase min=0 max=30 actual=-1 value=\"inhale\"",
        ),
        (
            p(f64::NAN, 4),
            "out_of_range breathing_phase min=0 max=30 value=\"inhale\"",
        ),
        (p(4.0, 0), "out_of_range cycles min=1 max=50 actual=0"),
        (p(4.0, 51), "out_of_range cycles min=1 max=50 actual=51"),
        (p(0.0, 4), "no_breathing_phase"),
        (
            w(|s| s.rounds = 0),
            "out_of_range rounds min=1 max=10 actual=0",
        ),
        (
            w(|s| s.rounds = 11),
            "out_of_range rounds min=1 max=10 actual=11",
        ),
        (
            w(|s| s.breaths = 9),
            "out_of_range breaths min=10 max=60 actual=9",
        ),
        (
            w(|s| s.breaths = 61),
            "out_of_range breaths min=10 max=60 actual=61",
        ),
        (
            w(|s| s.tempo_s = 0.9),
            "out_of_range breath_tempo min=1 max=3 actual=0.9",
        ),
        (
            w(|s| s.tempo_s = 3.1),
            "out_of_range breath_tempo min=1 max=3 actual=3.1",
        ),
        (
            w(|s| s.retention_target_s = 10),
            "out_of_range retention_hold min=30 max=300 actual=10",
        ),
        (
            w(|s| s.recovery_hold_s = 60),
            "out_of_range recovery_hold min=5 max=30 actual=60",
        ),
        (
            w(|s| s.recovery_pause_s = 121),
            "out_of_range recovery_pause min=0 max=120 actual=121",
        ),
    ];
    for (config, expected) in cases {
        let err = Session::new(config, Duration::ZERO).expect_err("must be rejected");
        assert_eq!(err.code(), ErrorCode::Validation);
        assert!(
            err.to_string().contains(expected),
            "{err} should mention {expected}"
        );
    }
    // Edges are accepted.
    for config in [
        p(30.0, 1),
        p(0.001, 50),
        w(|s| {
            s.rounds = 10;
            s.breaths = 60;
            s.tempo_s = 3.0;
            s.recovery_pause_s = 0;
        }),
        w(|s| {
            s.rounds = 1;
            s.breaths = 10;
            s.tempo_s = 1.0;
        }),
    ] {
        Session::new(config, Duration::ZERO).expect("edge values are valid");
    }
}

#[test]
fn settings_round_trip_as_json_with_defaults() {
    let config: SessionConfig = serde_json::from_str(r#"{"technique":"wim_hof","rounds":5}"#)
        .expect("partial Wim Hof settings");
    let SessionConfig::WimHof(w) = config else {
        panic!("expected Wim Hof");
    };
    assert_eq!(
        (w.rounds, w.breaths, w.tempo_s, w.retention_target_s),
        (5, 30, 1.5, 90)
    );
    assert_eq!((w.recovery_hold_s, w.recovery_pause_s), (15, 15));
    let json = serde_json::to_string(&SessionConfig::Relaxing478).expect("serialise");
    assert_eq!(json, r#"{"technique":"relaxing_478"}"#);
    let custom: SessionConfig = serde_json::from_str(
        r#"{"technique":"custom","inhaleS":4,"holdS":0,"exhaleS":6,"holdAfterS":0,"cycles":3}"#,
    )
    .expect("custom");
    assert_eq!(custom.pattern().map(|p| p.cycles), Some(3));
}

#[test]
fn pause_and_resume_shift_the_schedule() {
    let clock = VirtualClock::new();
    clock.set(Duration::from_secs(1000)); // the origin need not be zero
    let start = clock.now();
    let mut s = Session::new(SessionConfig::Box, start).expect("box");
    assert_eq!(changes(&s.advance(clock.now())).len(), 1);
    clock.advance(ms(5000));
    let paused = s.pause(clock.now());
    assert_eq!(changes(&paused)[0].phase, Phase::Hold);
    assert!(matches!(paused.last(), Some(SessionEvent::Paused(p)) if p.at_ms == 5000.0));
    assert_eq!(s.next_deadline(), None);
    clock.advance(ms(100_000));
    assert!(
        s.advance(clock.now()).is_empty(),
        "no phase passes while paused"
    );
    let Some(SessionEvent::Tick(tick)) = s.tick(clock.now()) else {
        panic!("tick");
    };
    assert!(tick.paused);
    assert_eq!(
        tick.elapsed_ms, 1000.0,
        "the countdown is frozen while paused"
    );
    assert_eq!(tick.remaining_ms, Some(3000.0));
    let resumed = s.resume(clock.now());
    assert!(matches!(resumed[0], SessionEvent::Resumed(ref r) if r.paused_ms == 100_000.0));
    // Hold started at 4 s; it ends at 8 s of breathing = 108 s of session time.
    assert_eq!(s.next_deadline(), Some(start + ms(108_000)));
    clock.set(start + ms(107_999));
    assert!(s.advance(clock.now()).is_empty());
    clock.set(start + ms(108_000));
    let next = changes(&s.advance(clock.now()));
    assert_eq!(next.len(), 1);
    assert_eq!(next[0].phase, Phase::Exhale);
    assert_eq!(next[0].started_at_ms, 108_000.0);
    // A second pause/resume shifts again; resume without pause is a no-op.
    assert!(s.resume(clock.now()).is_empty());
    clock.advance(ms(1000));
    s.pause(clock.now());
    clock.advance(ms(2500));
    s.resume(clock.now());
    assert_eq!(s.next_deadline(), Some(start + ms(114_500)));
    clock.set(start + ms(1_000_000));
    let rest = s.advance(clock.now());
    let last_change = changes(&rest).pop().expect("changes");
    assert_eq!(last_change.started_at_ms, 60_000.0 + 102_500.0);
    let Some(SessionEvent::Completed(done)) = rest.last() else {
        panic!("completed");
    };
    assert_eq!(done.stats.active_ms, 64_000.0);
    assert_eq!(done.stats.total_ms, 64_000.0 + 102_500.0);
}

#[test]
fn stopping_early_records_cycle_and_phase() {
    let mut s = Session::new(SessionConfig::Box, Duration::ZERO).expect("box");
    s.advance(Duration::ZERO);
    let events = s.stop(ms(21_500));
    // The phases passed since the last advance are announced first, then the stop.
    assert_eq!(changes(&events).len(), 5);
    let Some(SessionEvent::Stopped(stop)) = events.last() else {
        panic!("stopped");
    };
    assert_eq!(stop.at.phase, Phase::Hold);
    assert_eq!(stop.at.cycle, Some(2));
    assert_eq!(stop.at.round, None);
    assert_eq!(stop.at.phase_elapsed_ms, 1500.0);
    assert_eq!(stop.stats.cycles_completed, 1);
    assert!(s.stop(ms(30_000)).is_empty(), "stopped once");
    assert!(s.advance(ms(100_000)).is_empty());
    let summary = s.summary();
    assert!(!summary.completed);
    assert_eq!(summary.stopped_at.as_ref(), Some(&stop.at));
    assert_eq!(summary.duration_ms, 21_500);
    assert_eq!(summary.rounds.len(), 2);
    assert!(summary.rounds[0].completed && !summary.rounds[1].completed);
    assert_eq!(summary.rounds[0].duration_ms, 16_000);
    assert_eq!(summary.rounds[1].duration_ms, 5_500);
}

#[test]
fn stopping_while_paused_uses_the_pause_time() {
    let mut s = Session::new(SessionConfig::Coherent, Duration::ZERO).expect("coherent");
    s.advance(Duration::ZERO);
    s.pause(ms(7000));
    let events = s.stop(ms(50_000));
    let Some(SessionEvent::Stopped(stop)) = events.last() else {
        panic!("stopped");
    };
    assert_eq!(stop.at.phase, Phase::Exhale);
    assert_eq!(stop.at.phase_elapsed_ms, 1000.0);
    assert_eq!(stop.stats.active_ms, 7000.0);
}

#[test]
fn a_very_late_advance_announces_every_phase_at_its_scheduled_time_and_completes_once() {
    let mut s = Session::new(SessionConfig::DeepCalm, Duration::ZERO).expect("deep calm");
    let events = s.advance(Duration::from_secs(10_000));
    let got = changes(&events);
    assert_eq!(got.len(), 20);
    assert_eq!(got[19].started_at_ms, 64_000.0 + 14_000.0);
    assert_eq!(completions(&events), 1);
    assert!(s.advance(Duration::from_secs(20_000)).is_empty());
}

fn wim(f: impl FnOnce(&mut WimHofSettings)) -> SessionConfig {
    let mut w = WimHofSettings {
        rounds: 2,
        breaths: 10,
        // One whole breath of 2 s: 1 s in and 1 s out.
        tempo_s: 2.0,
        ..WimHofSettings::default()
    };
    f(&mut w);
    SessionConfig::WimHof(w)
}

#[test]
fn wim_hof_auto_pacing_retention_recovery_and_pause() {
    let mut s = Session::new(wim(|_| {}), Duration::ZERO).expect("wim hof");
    let mut events = s.advance(Duration::ZERO);
    // 10 paced breaths of 1 s in + 1 s out, then the retention waits for the user.
    events.extend(s.advance(ms(60_000)));
    let got = changes(&events);
    assert_eq!(got.len(), 21);
    for (i, c) in got[..20].iter().enumerate() {
        let expected = if i % 2 == 0 {
            Phase::Inhale
        } else {
            Phase::Exhale
        };
        assert_eq!(c.phase, expected);
        assert_eq!(c.breath, Some(i as u32 / 2 + 1));
        assert_eq!(c.round, Some(1));
        assert_eq!(c.started_at_ms, i as f64 * 1000.0);
    }
    assert_eq!(got[20].phase, Phase::Retention);
    assert_eq!(got[20].duration_ms, None);
    assert_eq!(got[20].target_ms, Some(90_000.0));
    assert_eq!(s.next_deadline(), None, "the retention is open-ended");
    let Some(SessionEvent::Tick(t)) = s.tick(ms(60_000)) else {
        panic!("tick");
    };
    assert_eq!(
        (t.phase, t.elapsed_ms, t.remaining_ms),
        (Phase::Retention, 40_000.0, None)
    );
    // Tapping is for manual pacing only.
    assert_eq!(
        s.breath_tap(ms(60_000)).expect_err("no tap").code(),
        ErrorCode::Conflict
    );
    let released = changes(&s.release(ms(95_000)).expect("release"));
    assert_eq!(released[0].phase, Phase::RecoveryHold);
    assert_eq!(released[0].duration_ms, Some(15_000.0));
    assert_eq!(released[0].started_at_ms, 95_000.0);
    assert_eq!(s.next_deadline(), Some(ms(110_000)));
    let pause = changes(&s.advance(ms(110_000)));
    assert_eq!(pause[0].phase, Phase::RecoveryPause);
    assert_eq!(pause[0].duration_ms, Some(15_000.0));
    let round2 = changes(&s.advance(ms(125_000)));
    assert_eq!(round2[0].phase, Phase::Inhale);
    assert_eq!((round2[0].round, round2[0].breath), (Some(2), Some(1)));
    assert_eq!(round2[0].started_at_ms, 125_000.0);
    s.advance(ms(145_000));
    assert_eq!(s.phase(), Phase::Retention);
    s.release(ms(205_000)).expect("release");
    let end = s.advance(ms(220_000));
    // No recovery pause after the last round.
    assert!(changes(&end).is_empty());
    let Some(SessionEvent::Completed(done)) = end.last() else {
        panic!("completed");
    };
    assert_eq!(done.stats.retentions_ms, vec![75_000.0, 60_000.0]);
    assert_eq!(done.stats.average_retention_ms, Some(67_500.0));
    assert_eq!(done.stats.best_retention_ms, Some(75_000.0));
    assert_eq!((done.stats.rounds_completed, done.stats.breaths), (2, 20));
    assert_eq!(done.stats.active_ms, 220_000.0);
    let summary = s.summary();
    assert!(summary.completed);
    assert_eq!(summary.rounds[0].retention_ms, Some(75_000));
    assert_eq!(summary.rounds[1].breaths, Some(10));
    assert_eq!(summary.rounds[0].duration_ms, 125_000);
    assert!(s.release(ms(230_000)).is_err());
}

#[test]
fn wim_hof_tempo_is_one_whole_breath() {
    // The defaults: 30 breaths at 1.5 s a breath (0.75 s in, 0.75 s out) take 45 s.
    let mut s = Session::new(
        SessionConfig::WimHof(WimHofSettings::default()),
        Duration::ZERO,
    )
    .expect("wim hof");
    let got = changes(&s.advance(ms(45_000)));
    assert_eq!(got.len(), 61);
    assert_eq!(
        (got[0].phase, got[0].duration_ms),
        (Phase::Inhale, Some(750.0))
    );
    assert_eq!((got[1].phase, got[1].started_at_ms), (Phase::Exhale, 750.0));
    assert_eq!(
        (got[59].breath, got[59].started_at_ms),
        (Some(30), 44_250.0)
    );
    assert_eq!(
        (got[60].phase, got[60].started_at_ms),
        (Phase::Retention, 45_000.0)
    );
}

#[test]
fn wim_hof_manual_pacing_follows_taps() {
    let mut s = Session::new(
        wim(|w| {
            w.rounds = 1;
            w.manual_pacing = true;
        }),
        Duration::ZERO,
    )
    .expect("manual");
    let first = changes(&s.advance(Duration::ZERO));
    assert_eq!((first[0].phase, first[0].breath), (Phase::Breath, Some(1)));
    assert_eq!(s.next_deadline(), None, "a manual breath waits for the tap");
    assert!(s.advance(ms(60_000)).is_empty());
    assert!(s.release(ms(60_000)).is_err(), "no retention yet");
    let mut t = 60_000;
    for breath in 2..=10 {
        t += 2300;
        let c = changes(&s.breath_tap(ms(t)).expect("tap"));
        assert_eq!((c[0].phase, c[0].breath), (Phase::Breath, Some(breath)));
        assert_eq!(c[0].started_at_ms, t as f64);
    }
    t += 2000;
    let c = changes(&s.breath_tap(ms(t)).expect("tap"));
    assert_eq!(c[0].phase, Phase::Retention);
    s.pause(ms(t + 10_000));
    assert_eq!(
        s.release(ms(t + 20_000)).expect_err("paused").code(),
        ErrorCode::Conflict
    );
    s.resume(ms(t + 40_000));
    let c = changes(&s.release(ms(t + 70_000)).expect("release"));
    assert_eq!(c[0].phase, Phase::RecoveryHold);
    // Retention counts breathing time only: 70 s − 30 s paused.
    let done = s.advance(ms(t + 85_000));
    let Some(SessionEvent::Completed(done)) = done.last() else {
        panic!("completed");
    };
    assert_eq!(done.stats.retentions_ms, vec![40_000.0]);
    assert_eq!(done.stats.breaths, 10);
}

#[test]
fn wim_hof_without_recovery_pause_goes_straight_to_the_next_round() {
    let mut s = Session::new(wim(|w| w.recovery_pause_s = 0), Duration::ZERO).expect("wim");
    s.advance(ms(20_000));
    s.release(ms(50_000)).expect("release");
    let next = changes(&s.advance(ms(65_000)));
    assert_eq!((next[0].phase, next[0].round), (Phase::Inhale, Some(2)));
    assert_eq!(next[0].started_at_ms, 65_000.0);
}

#[test]
fn wim_hof_stop_during_retention_keeps_the_partial_hold() {
    let mut s = Session::new(wim(|_| {}), Duration::ZERO).expect("wim");
    s.advance(ms(20_000));
    let stop = s.stop(ms(52_000));
    let Some(SessionEvent::Stopped(stop)) = stop.last() else {
        panic!("stopped");
    };
    assert_eq!((stop.at.phase, stop.at.round), (Phase::Retention, Some(1)));
    assert_eq!(stop.stats.retentions_ms, vec![32_000.0]);
    let summary = s.summary();
    assert_eq!(summary.rounds[0].retention_ms, Some(32_000));
    assert!(!summary.rounds[0].completed);
    assert_eq!(summary.rounds[0].breaths, Some(10));
}

#[test]
fn thirty_minutes_at_irregular_times_stays_on_the_ideal_schedule() {
    // 12.5 + 5.25 + 12.5 + 5.75 = 36 s a cycle, 50 cycles = 30 minutes.
    let pattern = Pattern {
        inhale_s: 12.5,
        hold_s: 5.25,
        exhale_s: 12.5,
        hold_after_s: 5.75,
        cycles: 50,
    };
    let durations = [12_500u64, 5_250, 12_500, 5_750];
    let clock = VirtualClock::new();
    clock.set(Duration::from_nanos(123_456_789));
    let origin = clock.now();
    let mut s = Session::new(SessionConfig::Custom(pattern), origin).expect("custom");
    let mut seen: Vec<(Duration, SessionEvent)> = Vec::new();
    let mut rng = 0x2545_F491u64;
    let mut paused_total = 0u64;
    let mut calls = 0;
    while !s.is_finished() {
        // Irregular steps from 1 µs to ~1.3 s, and now and then a pause.
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        clock.advance(Duration::from_micros(1 + rng % 1_300_000));
        calls += 1;
        if calls % 97 == 0 {
            for e in s.pause(clock.now()) {
                seen.push((clock.now(), e));
            }
            let p = 1 + rng % 20_000;
            clock.advance(ms(p));
            paused_total += p;
            for e in s.resume(clock.now()) {
                seen.push((clock.now(), e));
            }
        }
        for e in s.advance(clock.now()) {
            seen.push((clock.now(), e));
        }
    }
    let mut ideal_active = 0u64;
    let mut paused_before = 0.0;
    let mut index = 0;
    let mut max_error: f64 = 0.0;
    for (emitted_at, event) in &seen {
        match event {
            SessionEvent::Resumed(r) => paused_before += r.paused_ms,
            SessionEvent::PhaseChanged(c) => {
                // Ideal: the pattern's own sum, shifted by the pauses taken before it.
                let ideal = ideal_active as f64 + paused_before;
                max_error = max_error.max((c.started_at_ms - ideal).abs());
                let emitted = (*emitted_at - origin).as_secs_f64() * 1000.0;
                assert!(
                    emitted + 1e-6 >= c.started_at_ms,
                    "phase {index} announced early"
                );
                ideal_active += durations[index % 4];
                index += 1;
            }
            _ => {}
        }
    }
    assert_eq!(index, 200);
    assert!(max_error <= 1.0, "max error {max_error} ms");
    assert_eq!(ideal_active, 1_800_000);
    assert!(paused_total > 0);
    let summary = s.summary();
    assert!(summary.completed);
    assert_eq!(summary.duration_ms, 1_800_000);
    assert!((summary.stats.total_ms - (1_800_000.0 + paused_total as f64)).abs() < 1e-6);
}

#[test]
fn planned_cues_follow_the_schedule_and_skip_the_first_phase() {
    let mut s = Session::new(SessionConfig::Box, Duration::ZERO).expect("box");
    s.advance(Duration::ZERO);
    let cues = s.planned_cues();
    assert_eq!(cues.len(), 15, "no cue on the first phase");
    assert_eq!((cues[0].chime, cues[0].at_ms), (ChimeKind::Hold, 4000.0));
    assert_eq!((cues[1].chime, cues[1].at_ms), (ChimeKind::Exhale, 8000.0));
    assert_eq!((cues[2].chime, cues[2].at_ms), (ChimeKind::Hold, 12_000.0));
    assert_eq!(
        (cues[3].chime, cues[3].at_ms),
        (ChimeKind::Inhale, 16_000.0)
    );
    s.pause(ms(5000));
    assert!(s.planned_cues().is_empty(), "nothing rings while paused");
    s.resume(ms(65_000));
    let cues = s.planned_cues();
    assert_eq!(
        (cues[0].chime, cues[0].at_ms),
        (ChimeKind::Hold, 4000.0),
        "current phase"
    );
    assert_eq!(
        (cues[1].chime, cues[1].at_ms),
        (ChimeKind::Exhale, 68_000.0)
    );
}
