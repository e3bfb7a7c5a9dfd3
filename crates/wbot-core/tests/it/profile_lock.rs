//! The optional profile lock (issue 13 item 9) on a real database: a PIN kept as an Argon2id hash; in a
//! new run a locked profile's data is refused by every service until the PIN is given; wrong PINs are
//! counted across restarts and, after five, each try waits longer; bad PINs get typed errors; an
//! archive carries no PIN.
#![allow(clippy::unwrap_used)]

use wbot_core::db::Page;
use wbot_core::journal::{JournalFilter, NewJournalEntry};
use wbot_core::memory::{NewMemory, SearchOptions};
use wbot_core::profile::{wait_after, FIRST_WAIT_S, FREE_ATTEMPTS, MAX_WAIT_S};
use wbot_core::{Core, CoreError, ProfileId, Reason, Subject};

use crate::memory_support;

const PIN: &str = "482913";

fn reason<T: std::fmt::Debug>(result: Result<T, CoreError>) -> Reason {
    result.unwrap_err().reason
}

/// Moves the profile's "no try before" time to the past, as if the wait had been waited.
async fn wait_over(core: &Core, profile: &ProfileId) {
    let mut tx = core.db().begin_write().await.unwrap();
    sqlx::query("UPDATE profiles SET pin_retry_at = '2000-01-01T00:00:00Z' WHERE id = ?")
        .bind(profile.as_str())
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

/// A profile with a PIN, a journal entry and a memory, closed: the next `open` is a new run.
async fn locked_profile(dir: &std::path::Path) -> ProfileId {
    let core = memory_support::open(dir).await;
    let ana = memory_support::profile(&core, "Ana").await;
    core.journal()
        .save_journal_entry(
            &ana,
            NewJournalEntry {
                category: None,
                prompt: None,
                text: "Nobody else should read this".into(),
                writing_ms: 1_000,
                mood_before: None,
                mood_after: None,
            },
        )
        .await
        .unwrap();
    core.memory()
        .add_memory(&ana, NewMemory::note("My sister Lucía lives in Sevilla"))
        .await
        .unwrap();
    let profile = core.profiles().set_pin(&ana, PIN, None).await.unwrap();
    assert!(
        profile.has_pin && !profile.locked,
        "set in this run: still open"
    );
    let hash: String = sqlx::query_scalar("SELECT pin_hash FROM profiles WHERE id = ?")
        .bind(ana.as_str())
        .fetch_one(core.db().reader())
        .await
        .unwrap();
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert!(!hash.contains(PIN));
    core.close().await;
    ana
}

#[tokio::test]
async fn a_locked_profile_gives_nothing_until_its_pin_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let ana = locked_profile(dir.path()).await;
    let core = memory_support::open(dir.path()).await;
    let profile = core.profiles().profile(&ana).await.unwrap();
    assert!(profile.has_pin && profile.locked);
    assert!(core.profiles().list_profiles().await.unwrap()[0].locked);

    // Every domain refuses it; its name, theme and language (for the lock screen) and switching stay open.
    let refused = [
        reason(
            core.journal()
                .list_journal_entries(&ana, JournalFilter::default(), Page::default())
                .await,
        ),
        reason(
            core.memory()
                .search_memories(&ana, "sister", SearchOptions::default())
                .await,
        ),
        reason(core.memory().list_memories(&ana, Page::default()).await),
        reason(core.mood().list_checkins(&ana, Page::default()).await),
        reason(core.chat().list_conversations(&ana, Page::default()).await),
        reason(core.profiles().onboarding(&ana).await),
        reason(core.profiles().rename_profile(&ana, "Bo").await),
        reason(core.delete_profile(&ana).await),
        reason(
            core.archive()
                .export_profile(&ana, &dir.path().join("a.zip"))
                .await,
        ),
    ];
    assert!(
        refused.iter().all(|r| *r == Reason::ProfileLocked),
        "{refused:?}"
    );
    let settings = core.profiles().settings(&ana).await.unwrap();
    assert!(core.update_settings(&ana, settings).await.is_err());
    core.profiles().switch_profile(&ana).await.unwrap();
    assert!(!dir.path().join("a.zip").exists());

    let wrong = core
        .profiles()
        .unlock_profile(&ana, "000000")
        .await
        .unwrap_err();
    assert_eq!(wrong.reason, Reason::WrongPin);
    assert_eq!(wrong.params.actual, Some(f64::from(FREE_ATTEMPTS - 1)));
    let open = core.profiles().unlock_profile(&ana, PIN).await.unwrap();
    assert!(!open.locked);
    let entries = core
        .journal()
        .list_journal_entries(&ana, JournalFilter::default(), Page::default())
        .await
        .unwrap();
    assert_eq!(entries[0].entry.text, "Nobody else should read this");

    // Locked again by hand; the PIN changed (with the current one) and then taken off.
    assert!(core.profiles().lock_profile(&ana).await.unwrap().locked);
    assert_eq!(
        reason(core.memory().list_memories(&ana, Page::default()).await),
        Reason::ProfileLocked
    );
    assert_eq!(
        reason(core.profiles().set_pin(&ana, "1234", None).await),
        Reason::WrongPin,
        "a new PIN needs the current one"
    );
    core.profiles()
        .set_pin(&ana, "1234", Some(PIN))
        .await
        .unwrap();
    assert_eq!(
        reason(core.profiles().remove_pin(&ana, PIN).await),
        Reason::WrongPin
    );
    let free = core.profiles().remove_pin(&ana, "1234").await.unwrap();
    assert!(!free.has_pin && !free.locked);
    core.close().await;
    let core = memory_support::open(dir.path()).await;
    assert!(!core.profiles().profile(&ana).await.unwrap().locked);
}

#[tokio::test]
async fn wrong_pins_make_each_try_wait_longer_even_after_a_restart() {
    assert_eq!(
        (1..=FREE_ATTEMPTS + 2).map(wait_after).collect::<Vec<_>>(),
        [0, 0, 0, 0, FIRST_WAIT_S, 2 * FIRST_WAIT_S, 4 * FIRST_WAIT_S]
    );
    assert_eq!(wait_after(40), MAX_WAIT_S);

    let dir = tempfile::tempdir().unwrap();
    let ana = locked_profile(dir.path()).await;
    let core = memory_support::open(dir.path()).await;
    for left in (0..FREE_ATTEMPTS).rev() {
        let err = core
            .profiles()
            .unlock_profile(&ana, "111111")
            .await
            .unwrap_err();
        assert_eq!(
            (err.reason, err.params.actual),
            (Reason::WrongPin, Some(f64::from(left)))
        );
    }
    // Now even the right PIN waits, across a restart.
    core.close().await;
    let core = memory_support::open(dir.path()).await;
    let err = core.profiles().unlock_profile(&ana, PIN).await.unwrap_err();
    assert_eq!(err.reason, Reason::TooManyAttempts);
    let wait = err.params.actual.unwrap();
    assert!(
        wait > (FIRST_WAIT_S - 10) as f64 && wait <= FIRST_WAIT_S as f64,
        "{wait}"
    );
    // Waited: one more wrong PIN doubles the wait.
    wait_over(&core, &ana).await;
    assert_eq!(
        reason(core.profiles().unlock_profile(&ana, "111111").await),
        Reason::WrongPin
    );
    let err = core.profiles().unlock_profile(&ana, PIN).await.unwrap_err();
    assert!(err.params.actual.unwrap() > FIRST_WAIT_S as f64);
    // Waited again: the right PIN opens it and forgets the count.
    wait_over(&core, &ana).await;
    core.profiles().unlock_profile(&ana, PIN).await.unwrap();
    core.profiles().lock_profile(&ana).await.unwrap();
    let err = core
        .profiles()
        .unlock_profile(&ana, "111111")
        .await
        .unwrap_err();
    assert_eq!(err.params.actual, Some(f64::from(FREE_ATTEMPTS - 1)));
}

#[tokio::test]
async fn bad_pins_are_refused_and_archives_carry_none() {
    let dir = tempfile::tempdir().unwrap();
    let core = memory_support::open(dir.path()).await;
    let ana = memory_support::profile(&core, "Ana").await;
    for bad in ["", "123", "123456789", "12a4", " 1234", "１２３４"] {
        let err = core.profiles().set_pin(&ana, bad, None).await.unwrap_err();
        assert_eq!(
            (err.reason, err.params.subject),
            (Reason::InvalidFormat, Some(Subject::Pin)),
            "{bad:?}"
        );
    }
    assert!(!core.profiles().profile(&ana).await.unwrap().has_pin);
    assert_eq!(
        reason(core.profiles().unlock_profile(&ProfileId::new(), PIN).await),
        Reason::NotFound
    );
    // A profile without a PIN opens with anything: there is nothing to check.
    core.profiles().unlock_profile(&ana, "").await.unwrap();

    core.profiles().set_pin(&ana, PIN, None).await.unwrap();
    let archive = dir.path().join("ana.zip");
    core.archive().export_profile(&ana, &archive).await.unwrap();
    let imported = core
        .archive()
        .import_profile(std::fs::File::open(&archive).unwrap())
        .await
        .unwrap();
    assert!(!imported.profile.has_pin && !imported.profile.locked);
}
