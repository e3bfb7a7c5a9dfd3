//! The meditation timer held by the core: started with its bells, bed and binaural beats, steered
//! by run id, finished into a saved session; bad settings, moods and other profiles' run ids get
//! typed errors; a whole timer in tokio's paused time rings every bell and completes; sessions
//! and settings saved before migration 0016 survive it.
#![allow(clippy::unwrap_used)]

use std::borrow::Cow;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::memory_support::profile;
use sqlx::migrate::Migrator;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::ConnectOptions;
use tokio::sync::mpsc;
use wbot_core::audio::{AmbientKind, BinauralBand, ChimeKind, PlannedCue};
use wbot_core::db::{Page, MIGRATOR};
use wbot_core::meditation::{BellKind, StartMeditation, Timer, TimerConfig, TimerEvent};
use wbot_core::runner::{CueSink, RunnerCommand, SessionRunner};
use wbot_core::{Core, ErrorCode, MeditationRunId, ProfileId, Reason, Subject};

fn config(minutes: u32) -> TimerConfig {
    TimerConfig {
        planned_ms: minutes * 60_000,
        interval_ms: Some(60_000),
        ambient: Some(AmbientKind::Rain),
        binaural: Some(BinauralBand::Theta),
    }
}

type Seen = Arc<Mutex<Vec<TimerEvent>>>;

fn events() -> (
    Seen,
    mpsc::UnboundedReceiver<()>,
    impl FnMut(TimerEvent) + Send + 'static,
) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let (tx, rx) = mpsc::unbounded_channel();
    let sink = seen.clone();
    let on_event = move |e: TimerEvent| {
        let first = matches!(e, TimerEvent::Bell { .. });
        sink.lock().unwrap().push(e);
        if first {
            let _ = tx.send(());
        }
    };
    (seen, rx, on_event)
}

fn sounds(core: &Core) -> (Option<AmbientKind>, Option<BinauralBand>) {
    core.breathing()
        .audio()
        .with_mix(|m| (m.ambient(), m.binaural()))
}

#[tokio::test]
async fn a_timer_runs_pauses_ends_early_and_is_saved_with_its_settings() {
    let dir = tempfile::tempdir().unwrap();
    let core = Core::open(dir.path()).await.unwrap();
    let ada = profile(&core, "Ada").await;
    let bo = profile(&core, "Bo").await;
    let (seen, mut rang, on_event) = events();
    let live = core
        .meditation()
        .start_meditation(
            &ada,
            StartMeditation {
                config: config(3),
                mood_before: Some(2),
            },
            on_event,
        )
        .await
        .unwrap();
    let kinds: Vec<BellKind> = live.bells.iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        [
            BellKind::Start,
            BellKind::Interval,
            BellKind::Interval,
            BellKind::End
        ]
    );
    rang.recv().await.unwrap();
    assert_eq!(
        sounds(&core),
        (Some(AmbientKind::Rain), Some(BinauralBand::Theta)),
        "the chosen bed and beats play"
    );

    // Another profile cannot steer or finish it.
    let err = core
        .meditation()
        .control_meditation(&bo, &live.run_id, RunnerCommand::Pause)
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
    let err = core
        .meditation()
        .finish_meditation(&bo, &live.run_id, None)
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
    // Breathing's commands mean nothing to a timer.
    let err = core
        .meditation()
        .control_meditation(&ada, &live.run_id, RunnerCommand::Tap)
        .await
        .unwrap_err();
    assert_eq!(err.reason, Reason::InvalidValue);

    for command in [
        RunnerCommand::Pause,
        RunnerCommand::Resume,
        RunnerCommand::Stop,
    ] {
        core.meditation()
            .control_meditation(&ada, &live.run_id, command)
            .await
            .unwrap();
    }
    let err = core
        .meditation()
        .finish_meditation(&ada, &live.run_id, Some(6))
        .await
        .unwrap_err();
    assert_eq!(err.params.subject, Some(Subject::MoodAfter));
    let saved = core
        .meditation()
        .finish_meditation(&ada, &live.run_id, Some(4))
        .await
        .unwrap();
    assert!(!saved.completed);
    assert!(saved.duration_ms < 60_000);
    assert_eq!(saved.config.planned_ms, 180_000);
    assert_eq!(saved.config.interval_ms, Some(60_000));
    assert_eq!(saved.config.ambient, Some(AmbientKind::Rain));
    assert_eq!(saved.config.binaural, Some(BinauralBand::Theta));
    assert_eq!((saved.mood_before, saved.mood_after), (Some(2), Some(4)));
    assert_eq!(sounds(&core), (None, None), "the bed and beats end with it");
    let names: Vec<&'static str> = seen
        .lock()
        .unwrap()
        .iter()
        .map(|e| match e {
            TimerEvent::Bell { .. } => "bell",
            TimerEvent::Tick { .. } => "tick",
            TimerEvent::Paused { .. } => "paused",
            TimerEvent::Resumed { .. } => "resumed",
            TimerEvent::Completed { .. } => "completed",
            TimerEvent::Stopped { .. } => "stopped",
        })
        .filter(|&n| n != "tick")
        .collect();
    assert_eq!(names, ["bell", "paused", "resumed", "stopped"]);

    // Finished means gone; the session is in the history.
    let err = core
        .meditation()
        .finish_meditation(&ada, &live.run_id, None)
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
    let list = core
        .meditation()
        .meditation_history(&ada, Page::default())
        .await
        .unwrap()
        .items;
    assert_eq!(list, vec![saved]);
    assert!(core
        .meditation()
        .meditation_history(&bo, Page::default())
        .await
        .unwrap()
        .items
        .is_empty());
}

#[tokio::test]
async fn bad_settings_and_unknown_runs_are_refused_and_start_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let core = Core::open(dir.path()).await.unwrap();
    let ada = profile(&core, "Ada").await;
    let start = |config: TimerConfig, mood_before: Option<u8>| {
        core.meditation().start_meditation(
            &ada,
            StartMeditation {
                config,
                mood_before,
            },
            |_| {},
        )
    };
    let mut long = config(181);
    long.interval_ms = None;
    let err = start(long, None).await.unwrap_err();
    assert_eq!(err.reason, Reason::OutOfRange);
    assert_eq!(err.params.subject, Some(Subject::MeditationLength));
    assert_eq!(err.params.max, Some(180.0));
    let mut fast = config(10);
    fast.interval_ms = Some(59_000);
    let err = start(fast, None).await.unwrap_err();
    assert_eq!(err.params.subject, Some(Subject::BellInterval));
    let err = start(config(10), Some(0)).await.unwrap_err();
    assert_eq!(err.params.subject, Some(Subject::MoodBefore));
    let err = core
        .meditation()
        .start_meditation(
            &ProfileId::new(),
            StartMeditation {
                config: config(10),
                mood_before: None,
            },
            |_| {},
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
    assert_eq!(sounds(&core), (None, None), "nothing started");
    let err = core
        .meditation()
        .control_meditation(&ada, &MeditationRunId::new(), RunnerCommand::Pause)
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
    assert!(core
        .meditation()
        .meditation_history(&ada, Page::default())
        .await
        .unwrap()
        .items
        .is_empty());
}

/// Records the cues a session plans.
#[derive(Default)]
struct Cues(Mutex<Vec<Vec<PlannedCue>>>);

impl CueSink for Cues {
    fn session_started(&self, _origin: std::time::Instant) {}
    fn plan(&self, cues: &[PlannedCue]) {
        self.0.lock().unwrap().push(cues.to_vec());
    }
    fn session_ended(&self) {}
}

#[tokio::test(start_paused = true)]
async fn a_whole_timer_rings_each_bell_once_and_completes_on_time() {
    let seen: Seen = Arc::default();
    let sink = seen.clone();
    let cues = Arc::new(Cues::default());
    let mut c = config(3);
    c.ambient = None;
    c.binaural = None;
    let runner = SessionRunner::start(
        Timer::new(c).unwrap(),
        move |e| sink.lock().unwrap().push(e),
        Some(cues.clone()),
    )
    .unwrap();
    tokio::time::sleep(Duration::from_secs(30)).await;
    runner.pause().await.unwrap();
    tokio::time::sleep(Duration::from_secs(20)).await;
    runner.resume().await.unwrap();
    let outcome = runner.finish().await.unwrap();
    assert!(outcome.summary.completed);
    assert_eq!(outcome.summary.duration_ms, 180_000);
    let seen = seen.lock().unwrap();
    let bells: Vec<(BellKind, u32)> = seen
        .iter()
        .filter_map(|e| match e {
            TimerEvent::Bell { bell } => Some((bell.kind, bell.at_ms)),
            _ => None,
        })
        .collect();
    assert_eq!(
        bells,
        [
            (BellKind::Start, 0),
            (BellKind::Interval, 60_000),
            (BellKind::Interval, 120_000),
            (BellKind::End, 180_000)
        ]
    );
    assert_eq!(
        seen.last(),
        Some(&TimerEvent::Completed {
            duration_ms: 180_000
        })
    );
    // Ticks count time meditated: never past the plan, never back.
    let ticks: Vec<u32> = seen
        .iter()
        .filter_map(|e| match e {
            TimerEvent::Tick { elapsed_ms, .. } => Some(*elapsed_ms),
            _ => None,
        })
        .collect();
    assert!(ticks.windows(2).all(|w| w[0] <= w[1]));
    assert!(ticks.iter().all(|&t| t <= 180_000));
    // The bells handed to the audio engine: the start at 0, then, after the 20 s pause, the
    // rest shifted by it; while paused, none.
    let plans = cues.0.lock().unwrap();
    let first: Vec<f64> = plans[0].iter().map(|c| c.at_ms).collect();
    assert_eq!(first, [0.0, 60_000.0, 120_000.0, 180_000.0]);
    assert!(plans.iter().any(Vec::is_empty), "a pause clears the bells");
    let last: Vec<f64> = plans
        .iter()
        .rev()
        .find(|p| !p.is_empty())
        .unwrap()
        .iter()
        .map(|c| c.at_ms)
        .collect();
    assert_eq!(last, [80_000.0, 140_000.0, 200_000.0]);
    assert!(plans.iter().flatten().all(|c| c.chime == ChimeKind::Bell));
}

#[tokio::test]
async fn sessions_and_settings_from_before_migration_0016_survive_it() {
    let dir = tempfile::tempdir().unwrap();
    let before = Migrator {
        migrations: Cow::Owned(MIGRATOR.migrations[..15].to_vec()),
        ..Migrator::DEFAULT
    };
    let mut conn = SqliteConnectOptions::new()
        .filename(dir.path().join(wbot_core::db::DB_FILE))
        .create_if_missing(true)
        .connect()
        .await
        .unwrap();
    before.run(&mut conn).await.unwrap();
    let profile = "6f9619ff-8b86-4011-b42d-00c04fc964ff";
    for sql in [
        format!(
            "INSERT INTO profiles (id, display_name, created_at)
             VALUES ('{profile}', 'Ana', '2026-01-01T00:00:00Z')"
        ),
        format!(
            "INSERT INTO settings (profile_id, ambient_volume, ambient_on, ambient_sound, weekly_goal_days,
               updated_at)
             VALUES ('{profile}', 35, 1, 'brown', 4, '2026-01-01T00:00:00Z')"
        ),
        format!(
            "INSERT INTO meditation_sessions (id, profile_id, kind, planned_ms, duration_ms, completed,
               started_at, ended_at, local_date)
             VALUES ('m1', '{profile}', 'silent', 600000, 600000, 1, '2026-01-03T10:00:00Z',
               '2026-01-03T10:10:00Z', '2026-01-03')"
        ),
        format!(
            "INSERT INTO mood_checkins (id, profile_id, mood, activity, activity_id, moment, created_at)
             VALUES ('c1', '{profile}', 4, 'meditation', 'm1', 'after', '2026-01-03T10:10:00Z')"
        ),
    ] {
        sqlx::query(&sql).execute(&mut conn).await.unwrap();
    }
    drop(conn);

    let core = Core::open(dir.path()).await.unwrap();
    let ana = ProfileId::parse(profile).unwrap();
    let settings = core.profiles().settings(&ana).await.unwrap();
    assert_eq!(
        (
            settings.ambient_volume,
            settings.ambient_on,
            settings.ambient_sound,
            settings.weekly_goal_days
        ),
        (35, true, AmbientKind::Brown, 4)
    );
    let mut changed = settings.clone();
    changed.ambient_sound = AmbientKind::Forest;
    let saved = core.update_settings(&ana, changed).await.unwrap();
    assert_eq!(
        saved.ambient_sound,
        AmbientKind::Forest,
        "the new beds can be chosen"
    );

    let list = core
        .meditation()
        .meditation_history(&ana, Page::default())
        .await
        .unwrap()
        .items;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].config.planned_ms, 600_000);
    assert_eq!(list[0].config.interval_ms, None);
    assert_eq!(
        list[0].mood_after,
        Some(4),
        "its check-in still belongs to it"
    );
    // Deleting the session still deletes its check-ins (the trigger was rebuilt with the table).
    let mut tx = core.db().begin_write().await.unwrap();
    sqlx::query("DELETE FROM meditation_sessions WHERE id = 'm1'")
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let left: (i64,) = sqlx::query_as("SELECT count(*) FROM mood_checkins")
        .fetch_one(core.db().reader())
        .await
        .unwrap();
    assert_eq!(left.0, 0);
}

#[tokio::test]
async fn a_breathing_session_started_meanwhile_takes_the_engine_and_the_beats_fade() {
    let dir = tempfile::tempdir().unwrap();
    let core = Core::open(dir.path()).await.unwrap();
    let ada = profile(&core, "Ada").await;
    let (_seen, mut rang, on_event) = events();
    let live = core
        .meditation()
        .start_meditation(
            &ada,
            StartMeditation {
                config: config(5),
                mood_before: None,
            },
            on_event,
        )
        .await
        .unwrap();
    rang.recv().await.unwrap();
    assert_eq!(sounds(&core).1, Some(BinauralBand::Theta));
    let breathing = core
        .breathing()
        .start_breathing(
            &ada,
            wbot_core::breathing::StartBreathing {
                config: wbot_core::breathing::SessionConfig::Box,
                mood_before: None,
            },
            |_| {},
        )
        .await
        .unwrap();
    assert_eq!(sounds(&core).1, None, "breathing plays no beats");
    // Both still run, and both are saved.
    core.breathing()
        .finish_breathing(&ada, &breathing.run_id, None)
        .await
        .unwrap();
    let saved = core
        .meditation()
        .finish_meditation(&ada, &live.run_id, None)
        .await
        .unwrap();
    assert!(!saved.completed);
}
