//! Meditation series (issue 10 item 6) with the real voice, a real SQLite file and the engine's
//! mix: the days open in order; a day is spoken on its first play into a guided track and the
//! same track plays after; it is done when that track plays to its end, which counts as
//! meditation in Progress; a series whose days are all done earns its badge; bad input is
//! refused with its reason and leaves nothing behind; each profile has its own days.

use std::time::Duration;

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::ConnectOptions;

use crate::memory_support::{config, profile, resources};
use wbot_core::events::CoreEvent;
use wbot_core::meditation::{GuidedKind, MeditationSeries, SeriesId, VoicePaths, VOICE_JOB};
use wbot_core::memory::EnvPaths;
use wbot_core::mood::MoodActivity;
use wbot_core::progress::BadgeCode;
use wbot_core::{Core, ErrorCode, ProfileId, Reason, Subject};

async fn series(core: &Core, who: &ProfileId, id: SeriesId) -> MeditationSeries {
    let all = core
        .meditation()
        .meditation_series(who)
        .await
        .expect("series");
    all.into_iter().find(|s| s.id == id).expect("the series")
}

fn open_days(series: &MeditationSeries) -> Vec<u8> {
    series
        .days
        .iter()
        .filter(|d| d.open)
        .map(|d| d.day)
        .collect()
}

#[tokio::test]
async fn a_series_opens_day_by_day_each_day_spoken_once_and_done_when_heard_to_its_end() {
    let dir = tempfile::tempdir().expect("dir");
    let core = Core::open(dir.path()).await.expect("open");
    let ada = profile(&core, "Ada").await;
    let bea = profile(&core, "Bea").await;
    let med = core.meditation();
    med.configure_voice(VoicePaths::resolve(
        None,
        Some(&resources()),
        &EnvPaths::default(),
        config().runtime_path,
    ));

    let all = med.meditation_series(&ada).await.expect("series");
    let shape: Vec<(SeriesId, usize)> = all.iter().map(|s| (s.id, s.days.len())).collect();
    assert_eq!(
        shape,
        [(SeriesId::SevenDayCalm, 7), (SeriesId::SleepBetter, 5)]
    );
    for s in &all {
        assert_eq!(open_days(s), [1], "only the first day is open");
        assert!(s.completed_on.is_none());
        assert!(s.days.iter().all(|d| d.track_id.is_none()));
    }
    assert!(all[1].days.iter().all(|d| d.kind == GuidedKind::Sleep));

    // Bad input: a later day, days outside the series, a series there is not.
    let err = med
        .series_day_track(&ada, "seven_day_calm", 2, "Day 2")
        .await
        .expect_err("day 2 waits for day 1");
    assert_eq!(
        (err.reason, err.reason.code(), err.params.subject),
        (
            Reason::SeriesDayLocked,
            ErrorCode::Conflict,
            Some(Subject::SeriesDay)
        )
    );
    assert_eq!((err.params.actual, err.params.max), (Some(2.0), Some(1.0)));
    for day in [0, 6, 300] {
        let err = med
            .series_day_track(&ada, "sleep_better", day, "Night")
            .await
            .expect_err("not a day of it");
        assert_eq!(
            (err.reason, err.params.subject, err.params.max),
            (Reason::OutOfRange, Some(Subject::SeriesDay), Some(5.0))
        );
    }
    let err = med
        .series_day_track(&ada, "seven_days_calm", 1, "Day 1")
        .await
        .expect_err("no such series");
    assert_eq!(
        (err.reason, err.params.subject),
        (Reason::InvalidValue, Some(Subject::MeditationSeries))
    );
    let err = med
        .series_day_track(&ada, "seven_day_calm", 1, "  ")
        .await
        .expect_err("a track needs a title");
    assert_eq!(err.reason, Reason::Empty);
    assert!(med.tracks(&ada).await.expect("tracks").is_empty());

    // The first play speaks the day, with progress; the next one reuses it.
    let mut events = core.events().subscribe();
    let track = med
        .series_day_track(&ada, "seven_day_calm", 1, "7 Day Calm, day 1")
        .await
        .expect("spoken");
    assert_eq!(track.kind, GuidedKind::BreathingFocus);
    assert!(
        (240_000..420_000).contains(&track.duration_ms),
        "about five minutes: {} ms",
        track.duration_ms
    );
    let mut progress = 0;
    while let Ok(event) = events.try_recv() {
        if let CoreEvent::Progress(p) = event {
            assert_eq!(p.job, VOICE_JOB);
            progress += 1;
        }
    }
    assert!(progress > 10, "{progress} progress notices");
    let again = med
        .series_day_track(&ada, "seven_day_calm", 1, "another title")
        .await
        .expect("the same track");
    assert_eq!(again, track);
    assert!(
        !std::iter::from_fn(|| events.try_recv().ok()).any(|e| matches!(e, CoreEvent::Progress(_))),
        "not spoken again"
    );
    let script = med
        .track_script(&ada, &track.id)
        .await
        .expect("script")
        .expect("kept");
    assert!(script.starts_with("Welcome to day one"), "{script:.40}");

    // Stopping before the end does not complete the day.
    med.play_track(&ada, &track.id, Some(60_000), None)
        .await
        .expect("play");
    core.breathing()
        .audio()
        .with_mix(|m| m.render_for(Duration::from_millis(200)));
    med.stop_track(&ada).await.expect("stop");
    let calm = series(&core, &ada, SeriesId::SevenDayCalm).await;
    assert!(calm.days[0].completed_on.is_none());
    assert_eq!(calm.days[0].track_id.as_ref(), Some(&track.id));

    // Heard to its end, the day is done today and the next one opens.
    med.play_track(&ada, &track.id, Some(track.duration_ms - 300), None)
        .await
        .expect("play the end");
    core.breathing()
        .audio()
        .with_mix(|m| m.render_for(Duration::from_secs(1)));
    let ended = med
        .track_playback(&ada)
        .await
        .expect("state")
        .expect("loaded");
    assert!(ended.ended, "{ended:?}");
    let today = core
        .progress()
        .progress(&ada, None)
        .await
        .expect("progress")
        .today;
    let calm = series(&core, &ada, SeriesId::SevenDayCalm).await;
    assert_eq!(calm.days[0].completed_on.as_deref(), Some(today.as_str()));
    assert_eq!(open_days(&calm), [1, 2]);
    assert!(calm.completed_on.is_none());
    let overview = core
        .progress()
        .progress(&ada, None)
        .await
        .expect("progress");
    let meditated = overview
        .totals
        .iter()
        .find(|t| t.activity == MoodActivity::Meditation)
        .expect("meditation")
        .completed;
    assert_eq!(meditated, 1, "a day done is a meditation done");
    assert_eq!(overview.active_days, std::slice::from_ref(&today));
    let badge = |o: &wbot_core::progress::ProgressOverview| {
        o.badges
            .as_ref()
            .expect("badges on")
            .iter()
            .find(|b| b.code == BadgeCode::SeriesCompleted)
            .cloned()
            .expect("the series badge")
    };
    assert_eq!(badge(&overview).earned_on, None);

    // Deleting the track forgets it; the day stays done.
    med.delete_track(&ada, &track.id).await.expect("delete");
    let calm = series(&core, &ada, SeriesId::SevenDayCalm).await;
    assert_eq!(calm.days[0].track_id, None);
    assert_eq!(calm.days[0].completed_on.as_deref(), Some(today.as_str()));

    // The other profile has done nothing.
    let theirs = series(&core, &bea, SeriesId::SevenDayCalm).await;
    assert_eq!(open_days(&theirs), [1]);
    assert!(theirs.days[0].completed_on.is_none());

    // Every night of Sleep Better heard (saved as the app saves a day heard to its end, on
    // earlier days): the series is complete on its last day and its badge is earned then.
    let mut conn = SqliteConnectOptions::new()
        .filename(dir.path().join(wbot_core::db::DB_FILE))
        .connect()
        .await
        .expect("the database");
    for day in 1..=5 {
        for sql in [
            "INSERT INTO meditation_series_days
               (profile_id, series, day, kind, completed_at, local_date)
             VALUES (?1, 'sleep_better', ?2, 'sleep', ?3, ?4)",
            "INSERT INTO guided_listens (id, profile_id, kind, duration_ms, ended_at, local_date)
             VALUES ('night-' || ?2, ?1, 'sleep', 480000, ?3, ?4)",
        ] {
            sqlx::query(sql)
                .bind(ada.as_str())
                .bind(day)
                .bind(format!("2026-10-0{day}T21:00:00Z"))
                .bind(format!("2026-10-0{day}"))
                .execute(&mut conn)
                .await
                .expect("a night heard");
        }
    }
    let sleep = series(&core, &ada, SeriesId::SleepBetter).await;
    assert_eq!(sleep.completed_on.as_deref(), Some("2026-10-05"));
    let overview = core
        .progress()
        .progress(&ada, None)
        .await
        .expect("progress");
    let earned = badge(&overview);
    assert_eq!(
        (earned.earned_on.as_deref(), earned.progress, earned.target),
        (Some("2026-10-05"), 1, 1)
    );
    assert_eq!(overview.active_days.len(), 6);
    let bea_badge = badge(
        &core
            .progress()
            .progress(&bea, None)
            .await
            .expect("progress"),
    );
    assert_eq!(
        bea_badge.earned_on, None,
        "another profile's series is not theirs"
    );
}
