//! Running sessions held by the core: start, steer by run id, finish into a saved session; ids of
//! another profile, unknown or malformed ids, bad settings and moods are refused with typed errors.

use std::sync::{Arc, Mutex};

use crate::memory_support::profile;
use tokio::sync::mpsc;
use wbot_core::breathing::{
    techniques, Pattern, Phase, SessionConfig, SessionEvent, StartBreathing, Technique,
    WimHofSettings,
};
use wbot_core::db::Page;
use wbot_core::runner::RunnerCommand;
use wbot_core::{BreathingRunId, Core, ErrorCode, ProfileId};

async fn core_with(dir: &std::path::Path, names: &[&str]) -> (Core, Vec<ProfileId>) {
    let core = Core::open(dir).await.expect("open");
    let mut ids = Vec::new();
    for name in names {
        ids.push(profile(&core, name).await);
    }
    (core, ids)
}

fn quick(cycles: u32) -> SessionConfig {
    SessionConfig::Custom(Pattern {
        inhale_s: 0.03,
        hold_s: 0.0,
        exhale_s: 0.03,
        hold_after_s: 0.0,
        cycles,
    })
}

fn start(config: SessionConfig, mood_before: Option<u8>) -> StartBreathing {
    StartBreathing {
        config,
        mood_before,
    }
}

type Seen = Arc<Mutex<Vec<SessionEvent>>>;

/// Events as they arrive, and a way to wait for the end without a clock.
fn events() -> (
    Seen,
    mpsc::UnboundedReceiver<()>,
    impl FnMut(SessionEvent) + Send + 'static,
) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let (done_tx, done_rx) = mpsc::unbounded_channel();
    let sink = seen.clone();
    let on_event = move |e: SessionEvent| {
        let end = matches!(e, SessionEvent::Completed(_) | SessionEvent::Stopped(_));
        sink.lock().expect("lock").push(e);
        if end {
            let _ = done_tx.send(());
        }
    };
    (seen, done_rx, on_event)
}

#[test]
fn every_technique_is_offered_with_its_pattern_or_defaults() {
    let all = techniques();
    assert_eq!(all.len(), Technique::ALL.len());
    let boxed = all
        .iter()
        .find(|t| t.technique == Technique::Box)
        .expect("box");
    assert_eq!(boxed.pattern.map(|p| p.cycles), Some(4));
    let wim = all
        .iter()
        .find(|t| t.technique == Technique::WimHof)
        .expect("wim hof");
    // The SPEC's defaults, written out (not `WimHofSettings::default()`, which is what is under test).
    let defaults = wim.wim_hof.expect("Wim Hof settings");
    assert_eq!((defaults.rounds, defaults.breaths), (3, 30));
    assert_eq!(defaults.tempo_s, 1.5);
    assert!(!defaults.manual_pacing);
    assert_eq!(defaults.retention_target_s, 90);
    assert_eq!(
        (defaults.recovery_hold_s, defaults.recovery_pause_s),
        (15, 15)
    );
    assert!(wim.pattern.is_none());
}

#[tokio::test]
async fn a_session_runs_then_finishes_into_history_with_both_moods() {
    let dir = tempfile::tempdir().expect("dir");
    let (core, ids) = core_with(dir.path(), &["Ada"]).await;
    let (seen, mut done, on_event) = events();
    let live = core
        .breathing()
        .start_breathing(&ids[0], start(quick(2), Some(2)), on_event)
        .await
        .expect("start");
    assert_eq!(live.pattern.map(|p| p.cycles), Some(2));
    done.recv().await.expect("the session ends");
    let saved = core
        .breathing()
        .finish_breathing(&ids[0], &live.run_id, Some(4))
        .await
        .expect("finish");
    assert!(saved.completed);
    assert_eq!((saved.mood_before, saved.mood_after), (Some(2), Some(4)));
    assert_eq!(saved.rounds.len(), 2);
    let phases: Vec<Phase> = seen
        .lock()
        .expect("lock")
        .iter()
        .filter_map(|e| match e {
            SessionEvent::PhaseChanged(p) => Some(p.phase),
            _ => None,
        })
        .collect();
    assert_eq!(
        phases,
        [Phase::Inhale, Phase::Exhale, Phase::Inhale, Phase::Exhale]
    );
    let history = core
        .breathing()
        .breathing_history(&ids[0], Page::new(10, 0))
        .await
        .expect("history");
    assert_eq!(history.total, 1);
    assert_eq!(history.items[0].id, saved.id);
    assert_eq!(core.breathing().running_breathing_sessions(), 0);
    // The run id is spent once finished.
    let again = core
        .breathing()
        .finish_breathing(&ids[0], &live.run_id, None)
        .await;
    assert_eq!(again.expect_err("gone").code(), ErrorCode::NotFound);
}

#[tokio::test]
async fn pause_stop_and_finish_record_where_it_stopped() {
    let dir = tempfile::tempdir().expect("dir");
    let (core, ids) = core_with(dir.path(), &["Ada"]).await;
    let (seen, _done, on_event) = events();
    let live = core
        .breathing()
        .start_breathing(&ids[0], start(SessionConfig::Box, None), on_event)
        .await
        .expect("start");
    let run = &live.run_id;
    core.breathing()
        .control_breathing(&ids[0], run, RunnerCommand::Pause)
        .await
        .expect("pause");
    core.breathing()
        .control_breathing(&ids[0], run, RunnerCommand::Resume)
        .await
        .expect("resume");
    // Taps belong to manual Wim Hof: a conflict, and the session goes on.
    let tap = core
        .breathing()
        .control_breathing(&ids[0], run, RunnerCommand::Tap)
        .await;
    assert_eq!(tap.expect_err("no tap").code(), ErrorCode::Conflict);
    core.breathing()
        .control_breathing(&ids[0], run, RunnerCommand::Stop)
        .await
        .expect("stop");
    let saved = core
        .breathing()
        .finish_breathing(&ids[0], run, None)
        .await
        .expect("finish");
    assert!(!saved.completed);
    let at = saved.stopped_at.expect("stop point");
    assert_eq!((at.phase, at.cycle), (Phase::Inhale, Some(1)));
    let kinds: Vec<&'static str> = seen
        .lock()
        .expect("lock")
        .iter()
        .filter_map(|e| match e {
            SessionEvent::Paused(_) => Some("paused"),
            SessionEvent::Resumed(_) => Some("resumed"),
            SessionEvent::Stopped(_) => Some("stopped"),
            _ => None,
        })
        .collect();
    assert_eq!(kinds, ["paused", "resumed", "stopped"]);
}

#[tokio::test]
async fn finishing_a_running_session_stops_and_saves_it() {
    let dir = tempfile::tempdir().expect("dir");
    let (core, ids) = core_with(dir.path(), &["Ada"]).await;
    let (_seen, _done, on_event) = events();
    let live = core
        .breathing()
        .start_breathing(&ids[0], start(SessionConfig::Coherent, Some(3)), on_event)
        .await
        .expect("start");
    let saved = core
        .breathing()
        .finish_breathing(&ids[0], &live.run_id, None)
        .await
        .expect("finish");
    assert!(!saved.completed);
    assert!(saved.stopped_at.is_some());
    assert_eq!(saved.technique, Technique::Coherent);
}

#[tokio::test]
async fn closing_the_core_saves_a_session_still_running() {
    let dir = tempfile::tempdir().expect("dir");
    let (core, ids) = core_with(dir.path(), &["Ada"]).await;
    let (_seen, _done, on_event) = events();
    core.breathing()
        .start_breathing(&ids[0], start(SessionConfig::Box, Some(2)), on_event)
        .await
        .expect("start");
    core.close().await;
    assert_eq!(core.breathing().running_breathing_sessions(), 0);

    let core = Core::open(dir.path()).await.expect("reopen");
    let history = core
        .breathing()
        .breathing_history(&ids[0], Page::new(10, 0))
        .await
        .expect("history");
    assert_eq!(history.total, 1);
    let saved = &history.items[0];
    assert_eq!(saved.technique, Technique::Box);
    assert!(!saved.completed);
    assert!(saved.stopped_at.is_some());
    assert_eq!(saved.mood_before, Some(2));
}

#[tokio::test]
async fn manual_wim_hof_taps_release_and_saves_the_retention() {
    let dir = tempfile::tempdir().expect("dir");
    let (core, ids) = core_with(dir.path(), &["Ada"]).await;
    let (_seen, mut done, on_event) = events();
    let settings = WimHofSettings {
        rounds: 1,
        breaths: 10,
        manual_pacing: true,
        recovery_hold_s: 5,
        ..WimHofSettings::default()
    };
    let live = core
        .breathing()
        .start_breathing(
            &ids[0],
            start(SessionConfig::WimHof(settings), None),
            on_event,
        )
        .await
        .expect("start");
    let run = &live.run_id;
    // Release before the breaths are done is refused: there is no retention yet.
    let early = core
        .breathing()
        .control_breathing(&ids[0], run, RunnerCommand::Release)
        .await;
    assert_eq!(early.expect_err("too early").code(), ErrorCode::Conflict);
    for _ in 0..10 {
        core.breathing()
            .control_breathing(&ids[0], run, RunnerCommand::Tap)
            .await
            .expect("tap");
    }
    core.breathing()
        .control_breathing(&ids[0], run, RunnerCommand::Release)
        .await
        .expect("release");
    // Ending it during the recovery hold keeps the retention.
    core.breathing()
        .control_breathing(&ids[0], run, RunnerCommand::Stop)
        .await
        .expect("stop");
    done.recv().await.expect("ended");
    let saved = core
        .breathing()
        .finish_breathing(&ids[0], run, Some(5))
        .await
        .expect("finish");
    let result = saved.wim_hof.expect("wim hof result");
    assert_eq!(result.retentions_ms.len(), 1);
    assert_eq!(saved.rounds[0].breaths, Some(10));
}

#[tokio::test]
async fn bad_settings_moods_and_ids_get_typed_errors() {
    let dir = tempfile::tempdir().expect("dir");
    let (core, ids) = core_with(dir.path(), &["Ada", "Ben"]).await;
    let bad_pattern = SessionConfig::Custom(Pattern {
        inhale_s: 31.0,
        hold_s: 0.0,
        exhale_s: 4.0,
        hold_after_s: 0.0,
        cycles: 2,
    });
    let err = core
        .breathing()
        .start_breathing(&ids[0], start(bad_pattern, None), |_| {})
        .await
        .expect_err("too long");
    assert_eq!(err.code(), ErrorCode::Validation);
    let err = core
        .breathing()
        .start_breathing(&ids[0], start(SessionConfig::Box, Some(6)), |_| {})
        .await
        .expect_err("mood");
    assert_eq!(err.code(), ErrorCode::Validation);
    assert_eq!(core.breathing().running_breathing_sessions(), 0);

    let live = core
        .breathing()
        .start_breathing(&ids[0], start(SessionConfig::Box, None), |_| {})
        .await
        .expect("start");
    let run = &live.run_id;
    // Ben cannot see or steer Ada's session.
    let err = core
        .breathing()
        .control_breathing(&ids[1], run, RunnerCommand::Pause)
        .await
        .expect_err("other profile");
    assert_eq!(err.code(), ErrorCode::NotFound);
    let err = core
        .breathing()
        .finish_breathing(&ids[1], run, None)
        .await
        .expect_err("other profile");
    assert_eq!(err.code(), ErrorCode::NotFound);
    let err = core
        .breathing()
        .control_breathing(&ids[0], &BreathingRunId::new(), RunnerCommand::Stop)
        .await
        .expect_err("unknown");
    assert_eq!(err.code(), ErrorCode::NotFound);
    let err = BreathingRunId::parse("nope").expect_err("malformed");
    assert_eq!(err.code(), ErrorCode::Validation);
    let err = core
        .breathing()
        .finish_breathing(&ids[0], run, Some(0))
        .await
        .expect_err("mood after");
    assert_eq!(err.code(), ErrorCode::Validation);
    // Still Ada's and still running after all that.
    core.breathing()
        .control_breathing(&ids[0], run, RunnerCommand::Pause)
        .await
        .expect("pause");
    core.breathing()
        .finish_breathing(&ids[0], run, None)
        .await
        .expect("finish");
}

#[tokio::test]
async fn audio_state_reports_sound_and_the_profiles_switches() {
    let dir = tempfile::tempdir().expect("dir");
    let (core, ids) = core_with(dir.path(), &["Ada"]).await;
    let state = core.breathing().audio_state(&ids[0]).await.expect("state");
    if !state.status.available {
        assert!(state
            .status
            .reason
            .as_deref()
            .is_some_and(|r| r.starts_with("Sound is off")));
    }
    assert!(!state.muted && !state.ambient_on);
    let muted = core
        .breathing()
        .set_audio_muted(&ids[0], true)
        .await
        .expect("mute");
    assert!(muted.muted);
    let err = core
        .breathing()
        .audio_state(&ProfileId::new())
        .await
        .expect_err("unknown");
    assert_eq!(err.code(), ErrorCode::NotFound);
}
