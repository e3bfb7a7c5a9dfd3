//! The real-time runner, briefly, on tokio: order of events, commands, saving the outcome.
//! Timing precision is measured by the jitter bench, not asserted here.

use std::sync::{Arc, Mutex};

use wbot_core::audio::{AudioEngine, PlannedCue};
use wbot_core::breathing::{
    NewBreathingSession, Pattern, Phase, Session, SessionConfig, SessionEvent, WimHofSettings,
};
use wbot_core::profile::{NewProfile, OnboardingAnswers};
use wbot_core::runner::{CueSink, SessionRunner};
use wbot_core::{Core, ErrorCode};

fn quick(cycles: u32) -> SessionConfig {
    SessionConfig::Custom(Pattern {
        inhale_s: 0.04,
        hold_s: 0.0,
        exhale_s: 0.04,
        hold_after_s: 0.0,
        cycles,
    })
}

fn collector() -> (
    Arc<Mutex<Vec<SessionEvent>>>,
    impl FnMut(SessionEvent) + Send + 'static,
) {
    let events = Arc::new(Mutex::new(Vec::new()));
    let sink = events.clone();
    (events, move |e| sink.lock().expect("lock").push(e))
}

#[derive(Default)]
struct RecordingSink(Mutex<Vec<String>>);

impl CueSink for RecordingSink {
    fn session_started(&self, _origin: std::time::Instant) {
        self.0.lock().expect("lock").push("started".into());
    }
    fn plan(&self, cues: &[PlannedCue]) {
        self.0
            .lock()
            .expect("lock")
            .push(format!("plan {}", cues.len()));
    }
    fn session_ended(&self) {
        self.0.lock().expect("lock").push("ended".into());
    }
}

#[tokio::test]
async fn a_short_session_runs_to_completion_and_saves() {
    let (events, on_event) = collector();
    let cues = Arc::new(RecordingSink::default());
    let runner = SessionRunner::start(
        Session::new(quick(3), std::time::Duration::ZERO).expect("valid config"),
        on_event,
        Some(cues.clone()),
    )
    .expect("start");
    let outcome = runner.finish().await.expect("finish");
    let events = events.lock().expect("lock").clone();
    let phases: Vec<Phase> = events
        .iter()
        .filter_map(|e| match e {
            SessionEvent::PhaseChanged(c) => Some(c.phase),
            _ => None,
        })
        .collect();
    assert_eq!(phases, [Phase::Inhale, Phase::Exhale].repeat(3));
    let completed = events
        .iter()
        .filter(|e| matches!(e, SessionEvent::Completed(_)))
        .count();
    assert_eq!(completed, 1);
    assert!(matches!(events.last(), Some(SessionEvent::Completed(_))));
    assert!(outcome.summary.completed);
    assert_eq!(outcome.summary.duration_ms, 240);
    let log = cues.0.lock().expect("lock").clone();
    assert_eq!(log.first().map(String::as_str), Some("started"));
    assert_eq!(
        log.get(1).map(String::as_str),
        Some("plan 5"),
        "every cue but the first phase's"
    );
    assert_eq!(log.last().map(String::as_str), Some("ended"));

    let dir = tempfile::tempdir().expect("tempdir");
    let core = Core::open(dir.path()).await.expect("open");
    let profile = core
        .profiles()
        .create_profile(NewProfile {
            display_name: "Ada".into(),
            onboarding: OnboardingAnswers::neutral(),
        })
        .await
        .expect("profile");
    let saved = core
        .breathing()
        .save_breathing_session(
            &profile.id,
            NewBreathingSession::from_outcome(outcome, Some(3), Some(4)),
        )
        .await
        .expect("save");
    assert!(saved.completed);
    assert_eq!(saved.rounds.len(), 3);
    core.close().await;
}

#[tokio::test]
async fn commands_pause_resume_and_stop() {
    let (events, on_event) = collector();
    let engine: Arc<dyn CueSink> = Arc::new(AudioEngine::silent("tests"));
    let runner = SessionRunner::start(
        Session::new(SessionConfig::Box, std::time::Duration::ZERO).expect("valid config"),
        on_event,
        Some(engine),
    )
    .expect("start");
    runner.pause().await.expect("pause");
    runner.resume().await.expect("resume");
    let err = runner
        .tap()
        .await
        .expect_err("no manual breath in box breathing");
    assert_eq!(err.code(), ErrorCode::Conflict);
    runner.stop().await.expect("stop");
    let outcome = runner.finish().await.expect("finish");
    assert!(!outcome.summary.completed);
    let stop = outcome.summary.stopped_at.expect("stopped");
    assert_eq!((stop.phase, stop.cycle), (Phase::Inhale, Some(1)));
    let events = events.lock().expect("lock").clone();
    assert!(events.iter().any(|e| matches!(e, SessionEvent::Paused(_))));
    assert!(events.iter().any(|e| matches!(e, SessionEvent::Resumed(_))));
    assert_eq!(
        events
            .iter()
            .filter(|e| matches!(e, SessionEvent::Stopped(_)))
            .count(),
        1
    );
}

#[tokio::test]
async fn manual_wim_hof_is_driven_by_taps_and_release() {
    let (events, on_event) = collector();
    let config = SessionConfig::WimHof(WimHofSettings {
        rounds: 1,
        breaths: 10,
        manual_pacing: true,
        recovery_hold_s: 5,
        ..WimHofSettings::default()
    });
    let runner = SessionRunner::start(
        Session::new(config, std::time::Duration::ZERO).expect("valid config"),
        on_event,
        None,
    )
    .expect("start");
    for _ in 0..10 {
        runner.tap().await.expect("tap");
    }
    runner.release().await.expect("release");
    runner.stop().await.expect("stop during the recovery hold");
    let outcome = runner.finish().await.expect("finish");
    assert_eq!(outcome.summary.rounds[0].breaths, Some(10));
    assert!(outcome.summary.rounds[0].retention_ms.is_some());
    assert_eq!(
        outcome.summary.stopped_at.map(|s| s.phase),
        Some(Phase::RecoveryHold)
    );
    let ticks = events
        .lock()
        .expect("lock")
        .iter()
        .filter(|e| matches!(e, SessionEvent::Tick(_)))
        .count();
    assert!(ticks >= 1);
}

#[tokio::test]
async fn dropping_the_runner_stops_the_session() {
    let (events, on_event) = collector();
    let runner = SessionRunner::start(
        Session::new(SessionConfig::Box, std::time::Duration::ZERO).expect("valid config"),
        on_event,
        None,
    )
    .expect("start");
    drop(runner);
    for _ in 0..100 {
        if events
            .lock()
            .expect("lock")
            .iter()
            .any(|e| matches!(e, SessionEvent::Stopped(_)))
        {
            return;
        }
        tokio::task::yield_now().await;
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    panic!("the session kept running without an owner");
}

#[test]
fn starting_outside_a_runtime_is_an_error_not_a_panic() {
    let err = SessionRunner::start(
        Session::new(SessionConfig::Box, std::time::Duration::ZERO).expect("valid config"),
        |_| {},
        None,
    )
    .expect_err("no runtime");
    assert_eq!(err.code(), ErrorCode::Internal);
}
