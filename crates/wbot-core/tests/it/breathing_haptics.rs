//! Which vibration each event of a real session (the state machine on virtual time) calls for on
//! mobile: phase 50 ms, new cycle or round 50-50-50-50-50, done 100-50-100-50-200 (SPEC §4).

use std::time::Duration;

use wbot_core::breathing::haptics::{Haptic, HapticCues};
use wbot_core::breathing::{Phase, Session, SessionConfig, SessionEvent, WimHofSettings};

fn label(event: &SessionEvent) -> String {
    match event {
        SessionEvent::PhaseChanged(c) => {
            format!("{:?}{}", c.phase, c.cycle.or(c.round).unwrap_or(0))
        }
        SessionEvent::Completed(_) => "completed".into(),
        SessionEvent::Stopped(_) => "stopped".into(),
        other => format!("{other:?}"),
    }
}

/// The events with the vibration each called for, leaving out those calling for none.
fn buzzes(events: &[SessionEvent]) -> Vec<(String, Haptic)> {
    let mut cues = HapticCues::new();
    events
        .iter()
        .filter_map(|e| cues.on_event(e).map(|h| (label(e), h)))
        .collect()
}

#[test]
fn box_buzzes_each_phase_each_cycle_and_the_end_but_not_the_start() {
    let mut session = Session::new(SessionConfig::Box, Duration::ZERO).expect("box");
    let mut events = session.advance(Duration::ZERO);
    events.extend(session.tick(Duration::from_millis(100)));
    events.extend(session.advance(Duration::from_secs(64)));
    let got = buzzes(&events);
    assert_eq!(got.len(), 16, "15 phase changes after the first, and done");
    assert_eq!(got[0], ("Hold1".into(), Haptic::Phase));
    assert_eq!(got[2], ("HoldAfter1".into(), Haptic::Phase));
    assert_eq!(got[3], ("Inhale2".into(), Haptic::Cycle));
    assert_eq!(got[7], ("Inhale3".into(), Haptic::Cycle));
    assert_eq!(got[11], ("Inhale4".into(), Haptic::Cycle));
    assert_eq!(got[15], ("completed".into(), Haptic::Done));
    let cycles = got.iter().filter(|(_, h)| *h == Haptic::Cycle).count();
    assert_eq!(cycles, 3);
}

#[test]
fn a_stop_pause_or_tick_buzzes_nothing() {
    let mut session = Session::new(SessionConfig::Box, Duration::ZERO).expect("box");
    let mut events = session.advance(Duration::ZERO);
    events.extend(session.pause(Duration::from_secs(1)));
    events.extend(session.resume(Duration::from_secs(2)));
    events.extend(session.tick(Duration::from_secs(2)));
    events.extend(session.stop(Duration::from_secs(3)));
    assert!(buzzes(&events).is_empty(), "{:?}", buzzes(&events));
}

fn wim_hof(manual_pacing: bool) -> Vec<SessionEvent> {
    let config = SessionConfig::WimHof(WimHofSettings {
        rounds: 2,
        breaths: 10,
        tempo_s: 1.0,
        manual_pacing,
        retention_target_s: 30,
        recovery_hold_s: 5,
        recovery_pause_s: 5,
    });
    let mut session = Session::new(config, Duration::ZERO).expect("wim hof");
    let mut now = Duration::ZERO;
    let mut events = session.advance(now);
    while !session.is_finished() {
        now += Duration::from_millis(500);
        events.extend(session.advance(now));
        match session.phase() {
            Phase::Breath => events.extend(session.breath_tap(now).expect("tap")),
            Phase::Retention => {
                now += Duration::from_secs(40);
                events.extend(session.release(now).expect("release"));
            }
            _ => {}
        }
    }
    events
}

#[test]
fn wim_hof_buzzes_the_turns_of_a_round_not_every_breath() {
    for manual in [false, true] {
        let got = buzzes(&wim_hof(manual));
        let expected = vec![
            ("Retention1".to_string(), Haptic::Phase),
            ("RecoveryHold1".into(), Haptic::Phase),
            ("RecoveryPause1".into(), Haptic::Phase),
            (
                if manual { "Breath2" } else { "Inhale2" }.into(),
                Haptic::Cycle,
            ),
            ("Retention2".into(), Haptic::Phase),
            ("RecoveryHold2".into(), Haptic::Phase),
            ("completed".into(), Haptic::Done),
        ];
        assert_eq!(got, expected, "manual pacing {manual}");
    }
}
