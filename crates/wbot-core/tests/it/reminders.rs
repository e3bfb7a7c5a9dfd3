//! Daily reminders on a real database: kept per profile and checked; delivered for the active profile
//! when their time comes, once a day, and announced on the event bus.
#![allow(clippy::unwrap_used)]

use time::macros::datetime;
use wbot_core::events::CoreEvent;
use wbot_core::reminders::{ReminderInput, ReminderKind, Weekday, MAX_REMINDERS};
use wbot_core::{Core, ErrorCode, ReminderId};

use crate::memory_support;

fn input(time: &str, days: &[Weekday]) -> ReminderInput {
    ReminderInput {
        id: None,
        kind: ReminderKind::Checkin,
        time: time.into(),
        days: days.to_vec(),
        enabled: true,
    }
}

#[tokio::test]
async fn reminders_are_kept_changed_and_deleted_per_profile() {
    let dir = tempfile::tempdir().unwrap();
    let core = Core::open(dir.path()).await.unwrap();
    let ana = memory_support::profile(&core, "Ana").await;
    let ben = memory_support::profile(&core, "Ben").await;
    let reminders = core.reminders();
    let saved = reminders
        .save_reminder(&ana, input("08:30", &[Weekday::Sun, Weekday::Mon]))
        .await
        .unwrap();
    assert_eq!(saved.days, [Weekday::Mon, Weekday::Sun], "Monday first");
    let changed = reminders
        .save_reminder(
            &ana,
            ReminderInput {
                id: Some(saved.id.clone()),
                kind: ReminderKind::Practice,
                enabled: false,
                ..input("21:15", &[Weekday::Wed])
            },
        )
        .await
        .unwrap();
    assert_eq!(
        reminders.list_reminders(&ana).await.unwrap(),
        std::slice::from_ref(&changed)
    );
    assert!(reminders.list_reminders(&ben).await.unwrap().is_empty());

    // Another profile's reminder is not found, whatever it asks.
    let err = reminders
        .delete_reminder(&ben, &saved.id)
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
    let err = reminders
        .save_reminder(
            &ben,
            ReminderInput {
                id: Some(saved.id.clone()),
                ..input("07:00", &[Weekday::Mon])
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
    assert_eq!(reminders.list_reminders(&ana).await.unwrap(), [changed]);

    // Bad input, and a limit.
    let err = reminders
        .save_reminder(&ana, input("25:00", &[Weekday::Mon]))
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid_format reminder_time value=\"25:00\""
    );
    let err = reminders
        .save_reminder(&ana, input("07:00", &[]))
        .await
        .unwrap_err();
    assert_eq!(err.to_string(), "empty reminder_days");
    for _ in 1..MAX_REMINDERS {
        reminders
            .save_reminder(&ana, input("07:00", &[Weekday::Mon]))
            .await
            .unwrap();
    }
    let err = reminders
        .save_reminder(&ana, input("07:00", &[Weekday::Mon]))
        .await
        .unwrap_err();
    assert_eq!(err.to_string(), "too_many_reminders max=10");

    reminders.delete_reminder(&ana, &saved.id).await.unwrap();
    assert_eq!(
        reminders.list_reminders(&ana).await.unwrap().len(),
        MAX_REMINDERS - 1
    );
    let err = reminders
        .delete_reminder(&ana, &ReminderId::new())
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
    core.delete_profile(&ana).await.unwrap();
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM reminders")
        .fetch_one(core.db().reader())
        .await
        .unwrap();
    assert_eq!(left, 0, "a deleted profile's reminders go with it");
}

#[tokio::test]
async fn a_due_reminder_of_the_active_profile_fires_once_that_day() {
    let dir = tempfile::tempdir().unwrap();
    let core = Core::open(dir.path()).await.unwrap();
    let ana = memory_support::profile(&core, "Ana").await;
    let ben = memory_support::profile(&core, "Ben").await;
    core.profiles().switch_profile(&ana).await.unwrap();
    let reminders = core.reminders();
    // 2026-11-27 is a Friday.
    let friday = reminders
        .save_reminder(&ana, input("09:00", &[Weekday::Fri]))
        .await
        .unwrap();
    reminders
        .save_reminder(&ana, input("09:00", &[Weekday::Sat]))
        .await
        .unwrap();
    reminders
        .save_reminder(
            &ana,
            ReminderInput {
                enabled: false,
                ..input("09:00", &[Weekday::Fri])
            },
        )
        .await
        .unwrap();
    reminders
        .save_reminder(&ben, input("09:00", &[Weekday::Fri]))
        .await
        .unwrap();
    let mut events = core.events().subscribe();

    let before = datetime!(2026-11-27 08:59:58 +01:00);
    let at = datetime!(2026-11-27 09:00:03 +01:00);
    assert!(reminders.fire_due(before, before).await.unwrap().is_empty());
    let fired = reminders.fire_due(before, at).await.unwrap();
    assert_eq!(fired.len(), 1, "Friday's, enabled, Ana's: {fired:?}");
    assert_eq!(
        (&fired[0].reminder_id, &fired[0].profile_id),
        (&friday.id, &ana)
    );
    match events.recv().await.unwrap() {
        CoreEvent::ReminderDue(due) => assert_eq!(due, fired[0]),
        other => panic!("expected a reminder, got {other:?}"),
    }
    // Not twice that day, even if the scheduler looks at the same span again after a restart.
    core.close().await;
    let core = Core::open(dir.path()).await.unwrap();
    assert!(core
        .reminders()
        .fire_due(before, at)
        .await
        .unwrap()
        .is_empty());

    // Ben's fires when he is the one using the app.
    core.profiles().switch_profile(&ben).await.unwrap();
    let fired = core.reminders().fire_due(before, at).await.unwrap();
    assert_eq!(fired.len(), 1);
    assert_eq!(fired[0].profile_id, ben);
}
