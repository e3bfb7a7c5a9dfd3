//! The wellness profile on a real database (issue 12): learned from remembered conversations, shared
//! journal entries, check-ins and sessions; never from a "don't remember" conversation; removals that
//! stay, notes, pause and a reset that leaves nothing behind (checked in SQLite); the prompt carries it,
//! and a reply updates it afterwards; bad input.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use wbot_core::breathing::{NewBreathingSession, SessionConfig};
use wbot_core::ids::ConversationId;
use wbot_core::journal::NewJournalEntry;
use wbot_core::mood::NewCheckin;
use wbot_core::wellness::{WellnessKind, WellnessProfile, MAX_NOTE_CHARS};
use wbot_core::{Core, ProfileId, Reason, WellnessItemId};

use crate::chat_support::*;
use crate::turn_support::*;

/// RFC 3339 time `days` ago, at the same time of day.
fn days_ago(days: i64) -> String {
    (time::OffsetDateTime::now_utc() - time::Duration::days(days))
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap()
}

/// The person says `texts` in `conversation`, `days` ago.
async fn say(
    core: &Core,
    profile: &ProfileId,
    conversation: &ConversationId,
    days: i64,
    texts: &[&str],
) {
    for text in texts {
        let m = core
            .chat()
            .append_user_message(profile, conversation, text)
            .await
            .unwrap();
        backdate(core, "id", m.id.as_str(), days).await;
    }
}

/// Moves the messages whose `column` is `value` to `days` ago (the chat saves them at the time they are
/// sent, and the core takes no clock).
async fn backdate(core: &Core, column: &str, value: &str, days: i64) {
    let mut tx = core.db().begin_write().await.unwrap();
    sqlx::query(&format!(
        "UPDATE messages SET created_at = ? WHERE {column} = ?"
    ))
    .bind(days_ago(days))
    .bind(value)
    .execute(&mut *tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

async fn check_in(core: &Core, profile: &ProfileId, days: i64, mood: u8, emotions: &[&str]) {
    core.mood()
        .add_checkin(
            profile,
            NewCheckin {
                mood,
                emotions: emotions.iter().map(|e| (*e).to_string()).collect(),
                note: String::new(),
                at: Some(days_ago(days)),
            },
        )
        .await
        .unwrap();
}

async fn box_session(core: &Core, profile: &ProfileId, days: i64) {
    let start = days_ago(days);
    let started =
        time::OffsetDateTime::parse(&start, &time::format_description::well_known::Rfc3339)
            .unwrap();
    let ended = (started + time::Duration::minutes(2))
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
    core.breathing()
        .save_breathing_session(
            profile,
            NewBreathingSession {
                config: SessionConfig::Box,
                started_at: start,
                ended_at: ended,
                completed: true,
                stopped_at: None,
                rounds: Vec::new(),
                duration_ms: 120_000,
                mood_before: Some(2),
                mood_after: Some(4),
            },
        )
        .await
        .unwrap();
}

fn codes(profile: &WellnessProfile, kind: WellnessKind) -> Vec<&str> {
    profile
        .items
        .iter()
        .filter(|i| i.kind == kind)
        .map(|i| i.code.as_str())
        .collect()
}

/// A person with a few weeks of life in the app: work on low days, sleep, check-ins, box breathing.
async fn lived_in(h: &Harness) -> ConversationId {
    let (core, p) = (&h.core, &h.profile);
    let c = core.chat().create_conversation(p).await.unwrap().id;
    say(core, p, &c, 3, &["Work was awful", "my boss shouted again"]).await;
    say(core, p, &c, 2, &["the office is so loud", "I can't sleep"]).await;
    say(
        core,
        p,
        &c,
        1,
        &["ok", "thanks", "yes", "fine", "not sure", "maybe later"],
    )
    .await;
    for (days, mood) in [(3, 2), (2, 1), (1, 4)] {
        check_in(core, p, days, mood, &["anxious"]).await;
    }
    // On other days than the ones work came up, so that those days stay low.
    for days in 5..=7 {
        box_session(core, p, days).await;
    }
    c
}

#[tokio::test]
async fn learns_topics_triggers_baseline_what_helps_and_preferences() {
    let h = harness().await;
    lived_in(&h).await;
    assert!(h.core.wellness().learn(&h.profile).await.unwrap());
    let profile = h.core.wellness().profile(&h.profile).await.unwrap();
    assert!(profile.learning);
    assert_eq!(
        codes(&profile, WellnessKind::Topic),
        ["work"],
        "{profile:#?}"
    );
    assert_eq!(codes(&profile, WellnessKind::Trigger), ["work"]);
    let work = &profile.items[0];
    assert_eq!((work.value, work.sources.messages), (3.0, 3));
    // Sleep was said once: not recurring.
    assert!(profile.items.iter().all(|i| i.code != "sleep"));
    let baseline = codes(&profile, WellnessKind::Baseline);
    assert_eq!(baseline, ["anxious", "mood"]);
    let mood = profile.items.iter().find(|i| i.code == "mood").unwrap();
    // Three check-ins (2, 1, 4) and six around the sessions (2 before, 4 after, three times).
    assert_eq!(mood.sources.checkins, 9);
    assert_eq!(mood.value, 2.8);
    assert_eq!(codes(&profile, WellnessKind::Helps), ["breathing:box"]);
    // Short messages, all at this time of day (which part of the day depends on when the test runs).
    let preferences = codes(&profile, WellnessKind::Preference);
    assert_eq!(preferences.len(), 2, "{preferences:?}");
    assert!(preferences.contains(&"short_messages"));
}

#[tokio::test]
async fn a_conversation_not_remembered_teaches_nothing() {
    let h = harness().await;
    let (core, p) = (&h.core, &h.profile);
    let c = core.chat().create_conversation(p).await.unwrap().id;
    core.chat()
        .set_conversation_remember(p, &c, false)
        .await
        .unwrap();
    say(core, p, &c, 3, &["money money money", "the rent"]).await;
    say(core, p, &c, 2, &["my debts", "bills again"]).await;
    core.wellness().learn(p).await.unwrap();
    let profile = core.wellness().profile(p).await.unwrap();
    assert!(profile.items.is_empty(), "{profile:#?}");

    // Said again where it may be remembered, it is learned.
    let remembered = core.chat().create_conversation(p).await.unwrap().id;
    say(core, p, &remembered, 3, &["the rent is due"]).await;
    say(core, p, &remembered, 2, &["money worries", "more bills"]).await;
    core.wellness().learn(p).await.unwrap();
    let profile = core.wellness().profile(p).await.unwrap();
    assert_eq!(codes(&profile, WellnessKind::Topic), ["money"]);
    assert_eq!(
        profile.items[0].sources.messages, 3,
        "only the remembered ones count"
    );
}

#[tokio::test]
async fn removals_stay_notes_are_kept_pause_holds_and_reset_leaves_nothing() {
    let h = harness().await;
    lived_in(&h).await;
    let wellness = h.core.wellness();
    wellness.learn(&h.profile).await.unwrap();
    let items = wellness.profile(&h.profile).await.unwrap().items;
    let topic = items
        .iter()
        .find(|i| i.kind == WellnessKind::Topic)
        .unwrap();
    let helps = items
        .iter()
        .find(|i| i.kind == WellnessKind::Helps)
        .unwrap();

    wellness.remove(&h.profile, &topic.id).await.unwrap();
    let noted = wellness
        .set_note(&h.profile, &helps.id, "  especially before meetings ")
        .await
        .unwrap();
    assert_eq!(noted.note, "especially before meetings");
    wellness.learn(&h.profile).await.unwrap();
    let profile = wellness.profile(&h.profile).await.unwrap();
    assert!(
        codes(&profile, WellnessKind::Topic).is_empty(),
        "removed stays removed"
    );
    let helps = profile.items.iter().find(|i| i.id == helps.id).unwrap();
    assert_eq!(helps.note, "especially before meetings");

    // Paused: new evidence changes nothing.
    wellness.set_learning(&h.profile, false).await.unwrap();
    let c = h
        .core
        .chat()
        .create_conversation(&h.profile)
        .await
        .unwrap()
        .id;
    say(&h.core, &h.profile, &c, 2, &["my sister", "family dinner"]).await;
    say(&h.core, &h.profile, &c, 1, &["my brother"]).await;
    assert!(!wellness.learn(&h.profile).await.unwrap());
    let paused = wellness.profile(&h.profile).await.unwrap();
    assert!(!paused.learning);
    assert!(codes(&paused, WellnessKind::Topic).is_empty());
    wellness.set_learning(&h.profile, true).await.unwrap();
    wellness.learn(&h.profile).await.unwrap();
    assert_eq!(
        codes(
            &wellness.profile(&h.profile).await.unwrap(),
            WellnessKind::Topic
        ),
        ["family"]
    );

    // Reset: no row of the profile is left, and what came before is not learned again.
    wellness.reset(&h.profile).await.unwrap();
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM wellness_items WHERE profile_id = ?")
        .bind(h.profile.as_str())
        .fetch_one(h.core.db().reader())
        .await
        .unwrap();
    assert_eq!(rows, 0);
    wellness.learn(&h.profile).await.unwrap();
    let after = wellness.profile(&h.profile).await.unwrap();
    assert!(after.items.is_empty(), "{after:#?}");
}

#[tokio::test]
async fn the_prompt_carries_the_profile_and_a_reply_updates_it() {
    let h = harness().await;
    let c = lived_in(&h).await;
    h.core.wellness().learn(&h.profile).await.unwrap();
    let items = h.core.wellness().profile(&h.profile).await.unwrap().items;
    let helps = items
        .iter()
        .find(|i| i.kind == WellnessKind::Helps)
        .unwrap();
    h.core
        .wellness()
        .remove(&h.profile, &helps.id)
        .await
        .unwrap();
    let server = Server::start(vec![
        stream(openai_stream(&["I hear you."], true)),
        stream(openai_stream(&["Tell me more."], true)),
    ])
    .await;
    h.use_local_model(&server.base_url).await;
    let (send, mut rx) = events();
    h.core
        .chat()
        .send_message(
            &h.profile,
            Some(&c),
            "Long day at work, and I slept badly.",
            send,
        )
        .await
        .unwrap();
    done_message(&rx.until_done().await);
    let system = server.requests()[0].body["messages"][0]["content"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(system.contains("They often talk about work."), "{system}");
    assert!(
        system.contains("Their low days often come with work."),
        "{system}"
    );
    assert!(
        !system.contains("box breathing"),
        "a removed 'what helps' is not said: {system}"
    );

    // Each reply is followed by learning: "sleep" is now said three times, on two days.
    let (send, mut rx) = events();
    h.core
        .chat()
        .send_message(
            &h.profile,
            Some(&c),
            "Still can't sleep, sleep is a mess",
            send,
        )
        .await
        .unwrap();
    done_message(&rx.until_done().await);
    let learned = tokio::time::timeout(Duration::from_secs(30), async {
        loop {
            let p = h.core.wellness().profile(&h.profile).await.unwrap();
            if codes(&p, WellnessKind::Topic).contains(&"sleep") {
                return p;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .expect("learned after the reply");
    assert!(codes(&learned, WellnessKind::Topic).contains(&"work"));
}

#[tokio::test]
async fn bad_input_is_refused_and_profiles_are_apart() {
    let h = harness().await;
    lived_in(&h).await;
    let wellness = h.core.wellness();
    wellness.learn(&h.profile).await.unwrap();
    let item = wellness.profile(&h.profile).await.unwrap().items[0].clone();

    let unknown = WellnessItemId::new();
    let err = wellness.remove(&h.profile, &unknown).await.unwrap_err();
    assert_eq!(err.reason, Reason::NotFound);
    let err = wellness
        .set_note(&h.profile, &item.id, &"x".repeat(MAX_NOTE_CHARS + 1))
        .await
        .unwrap_err();
    assert_eq!(err.reason, Reason::TooLong);
    let err = wellness
        .set_note(&h.profile, &item.id, "a\0b")
        .await
        .unwrap_err();
    assert_eq!(err.reason, Reason::InvalidCharacters);
    assert_eq!(
        WellnessItemId::parse("not-an-id").unwrap_err().reason,
        Reason::InvalidFormat
    );

    // Another profile sees nothing of it and cannot touch it.
    let other = crate::memory_support::profile(&h.core, "Luis").await;
    assert!(wellness.profile(&other).await.unwrap().items.is_empty());
    let err = wellness.remove(&other, &item.id).await.unwrap_err();
    assert_eq!(err.reason, Reason::NotFound);
    let err = wellness.profile(&ProfileId::new()).await.unwrap_err();
    assert_eq!(err.reason, Reason::NotFound);
    // Nothing was lost on the way.
    let still = wellness.profile(&h.profile).await.unwrap();
    assert!(still
        .items
        .iter()
        .any(|i| i.id == item.id && i.note.is_empty()));
}

#[tokio::test]
async fn shared_journal_entries_teach_and_private_ones_do_not() {
    let h = harness().await;
    let (core, p) = (&h.core, &h.profile);
    let mut entries = Vec::new();
    for text in [
        "The rent went up again and I lay awake doing sums.",
        "Paid the bills, nothing left for the month. Money again.",
        "Debts, debts. I hate thinking about money.",
    ] {
        let entry = core
            .journal()
            .save_journal_entry(
                p,
                NewJournalEntry {
                    category: None,
                    prompt: None,
                    text: text.into(),
                    writing_ms: 60_000,
                    mood_before: None,
                    mood_after: None,
                },
            )
            .await
            .unwrap();
        entries.push(entry.id);
    }
    core.wellness().learn(p).await.unwrap();
    assert!(
        core.wellness().profile(p).await.unwrap().items.is_empty(),
        "the journal is private until an entry is shared"
    );

    for (days, entry) in entries.iter().enumerate() {
        let c = core
            .chat()
            .discuss_journal_entry(p, entry, true)
            .await
            .unwrap();
        backdate(core, "conversation_id", c.id.as_str(), days as i64 + 1).await;
    }
    core.wellness().learn(p).await.unwrap();
    let profile = core.wellness().profile(p).await.unwrap();
    let money = profile.items.iter().find(|i| i.code == "money").unwrap();
    assert_eq!(money.kind, WellnessKind::Topic);
    assert_eq!((money.sources.journal, money.sources.messages), (3, 0));
}
