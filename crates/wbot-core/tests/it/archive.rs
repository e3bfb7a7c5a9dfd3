//! Export and import of a whole profile (issue 13 item 8) on a real database, the real embedding model
//! and a real chat turn over loopback: a profile with data of every kind goes out and comes back as a
//! new profile, row for row; the readable files hold what they should; no API key leaves the keychain;
//! bad archives are refused with a typed error and create nothing, damaged ones included (fuzzed).
#![allow(clippy::unwrap_used)]

use std::collections::HashMap;
use std::io::{Cursor, Read, Write};
use std::path::Path;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::Value;
use wbot_core::archive::{archive_path_in, ARCHIVE_FORMAT};
use wbot_core::breathing::{NewBreathingSession, SessionConfig};
use wbot_core::chat::{JournalCategory, ProviderKind, ReplyEvent};
use wbot_core::journal::{JournalDraft, JournalFilter, NewJournalEntry};
use wbot_core::meditation::{NewMeditationSession, TimerConfig};
use wbot_core::memory::{NewMemory, SearchOptions};
use wbot_core::mood::NewCheckin;
use wbot_core::reminders::{ReminderInput, ReminderKind, Weekday};
use wbot_core::{Core, ProfileId, Reason, Subject};

use crate::chat_support::*;
use crate::fuzz_support::any_json;
use crate::turn_support::*;

const API_KEY: &str = "sk-test-archive-key-7f3a9c";

/// Every file of an archive, by name.
fn entries(path: &Path) -> HashMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut files = HashMap::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let name = file.name().unwrap().into_owned();
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        files.insert(name, text);
    }
    files
}

/// The archive's tables with every id replaced by its order of first appearance, so that two exports
/// of the same data under different ids compare equal.
fn canonical(tables: &Value) -> Value {
    fn walk(value: &Value, seen: &mut HashMap<String, usize>) -> Value {
        match value {
            Value::String(text) => {
                let mut out = text.clone();
                for word in text.split(|c: char| !(c.is_ascii_hexdigit() || c == '-')) {
                    if uuid::Uuid::parse_str(word).is_ok() && word.len() == 36 {
                        let n = seen.len();
                        let n = *seen.entry(word.to_string()).or_insert(n);
                        out = out.replace(word, &format!("id#{n}"));
                    }
                }
                Value::String(out)
            }
            Value::Array(items) => Value::Array(items.iter().map(|v| walk(v, seen)).collect()),
            Value::Object(map) => Value::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), walk(v, seen)))
                    .collect(),
            ),
            other => other.clone(),
        }
    }
    walk(tables, &mut HashMap::new())
}

fn tables(path: &Path) -> Value {
    let data: Value = serde_json::from_str(&entries(path)["wbot.json"]).unwrap();
    data["tables"].clone()
}

/// A person who used every part of the app once.
async fn lived_in(h: &Harness, server: &Server) {
    let (core, p) = (&h.core, &h.profile);
    let mut settings = core.profiles().settings(p).await.unwrap();
    settings.weekly_goal_days = 3;
    core.update_settings(p, settings).await.unwrap();
    core.chat().set_helpline_region(p, "GB").await.unwrap();
    h.use_local_model(&server.base_url).await;
    core.chat()
        .save_provider(
            p,
            wbot_core::chat::ProviderInput {
                api_key: Some(API_KEY.into()),
                ..input(
                    "Claude",
                    ProviderKind::Anthropic,
                    "https://api.anthropic.com",
                )
            },
        )
        .await
        .unwrap();
    core.breathing()
        .acknowledge_wim_hof_notice(p)
        .await
        .unwrap();

    // A turn with a reply: messages, a proposal, a memory of the exchange.
    let (send, mut rx) = events();
    core.chat()
        .send_message(p, None, "Work was awful, can you help me breathe?", send)
        .await
        .unwrap();
    while !matches!(rx.next().await, ReplyEvent::Done { .. }) {}
    core.memory()
        .add_memory(p, NewMemory::note("My sister Lucía lives in Sevilla"))
        .await
        .unwrap();

    let entry = core
        .journal()
        .save_journal_entry(
            p,
            NewJournalEntry {
                category: Some(JournalCategory::Gratitude),
                prompt: Some("What made you smile today?".into()),
                text: "The walk by the river with Lucía".into(),
                writing_ms: 90_000,
                mood_before: Some(2),
                mood_after: Some(4),
            },
        )
        .await
        .unwrap();
    core.journal()
        .save_journal_draft(
            p,
            JournalDraft {
                entry_id: Some(entry.id.clone()),
                category: None,
                prompt: None,
                text: "Half a thought".into(),
                writing_ms: 5_000,
                mood_before: None,
                updated_at: None,
            },
        )
        .await
        .unwrap();
    core.mood()
        .add_checkin(
            p,
            NewCheckin {
                mood: 3,
                emotions: vec!["calm".into(), "tired".into()],
                note: "after lunch, \"fine\"".into(),
                at: None,
            },
        )
        .await
        .unwrap();
    core.breathing()
        .save_breathing_session(
            p,
            NewBreathingSession {
                config: SessionConfig::Box,
                started_at: "2026-11-20T08:00:00Z".into(),
                ended_at: "2026-11-20T08:02:00Z".into(),
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
    core.meditation()
        .save_meditation_session(
            p,
            NewMeditationSession {
                config: TimerConfig {
                    planned_ms: 600_000,
                    interval_ms: Some(300_000),
                    ambient: None,
                    binaural: None,
                },
                duration_ms: 600_000,
                completed: true,
                started_at: "2026-11-21T07:00:00Z".into(),
                ended_at: "2026-11-21T07:10:00Z".into(),
                mood_before: Some(3),
                mood_after: Some(5),
            },
        )
        .await
        .unwrap();
    // The first day of a series, spoken by the voice and heard to its end: a listen and a day done.
    core.meditation()
        .configure_voice(wbot_core::meditation::VoicePaths::resolve(
            None,
            Some(&crate::memory_support::resources()),
            &wbot_core::memory::EnvPaths::default(),
            crate::memory_support::config().runtime_path,
        ));
    let day = core
        .meditation()
        .series_day_track(p, "seven_day_calm", 1, "7 Day Calm, day 1")
        .await
        .unwrap();
    core.meditation()
        .play_track(p, &day.id, Some(day.duration_ms - 200), None)
        .await
        .unwrap();
    core.breathing()
        .audio()
        .with_mix(|m| m.render_for(std::time::Duration::from_secs(1)));
    assert!(
        core.meditation()
            .track_playback(p)
            .await
            .unwrap()
            .unwrap()
            .ended
    );
    core.reminders()
        .save_reminder(
            p,
            ReminderInput {
                id: None,
                kind: ReminderKind::Checkin,
                time: "20:30".into(),
                days: vec![Weekday::Mon, Weekday::Thu],
                enabled: true,
            },
        )
        .await
        .unwrap();
    core.wellness().learn(p).await.unwrap();
}

#[tokio::test]
async fn a_profile_goes_out_and_comes_back_row_for_row_without_its_keys() {
    let h = harness().await;
    let server = Server::start(vec![stream(openai_stream(
        &["That sounds hard. ", "Let's breathe together."],
        true,
    ))])
    .await;
    lived_in(&h, &server).await;
    let dir = tempfile::tempdir().unwrap();
    let first = archive_path_in(dir.path(), "2026-11-28");
    assert_eq!(first, dir.path().join("wbot-2026-11-28.zip"));

    let mut progress = h.core.events().subscribe();
    let summary = h
        .core
        .archive()
        .export_profile(&h.profile, &first)
        .await
        .unwrap();
    assert_eq!(
        std::fs::metadata(&first).unwrap().len(),
        u64::from(summary.bytes)
    );
    let mut last = None;
    while let Ok(wbot_core::events::CoreEvent::Progress(p)) = progress.try_recv() {
        if p.job == "profile.export" {
            last = Some((p.done, p.total));
        }
    }
    assert_eq!(last, Some((summary.rows, summary.rows)));
    let exported = tables(&first);
    for (table, rows) in exported.as_object().unwrap() {
        assert!(!rows.as_array().unwrap().is_empty(), "{table} has no row");
    }
    assert_eq!(exported.as_object().unwrap().len(), 18, "every table");
    let rows: usize = exported
        .as_object()
        .unwrap()
        .values()
        .map(|r| r.as_array().unwrap().len())
        .sum();
    assert_eq!(rows, summary.rows as usize);

    // Readable files: CSV for sessions and check-ins, Markdown for the conversation and the entry.
    let files = entries(&first);
    let sessions = &files["sessions.csv"];
    assert!(sessions.starts_with("kind,id,local_date,started_at,ended_at,duration_s,completed"));
    assert!(sessions.contains(",120,1,box,"), "{sessions}");
    assert!(
        sessions.contains("2026-11-21T07:10:00Z,600,1,,10"),
        "{sessions}"
    );
    assert_eq!(sessions.lines().count(), 3);
    let checkins = &files["checkins.csv"];
    assert!(checkins.contains(",3,calm;tired,\"after lunch, \"\"fine\"\"\",,,"));
    assert_eq!(checkins.lines().count(), 1 + 1 + 2 + 2 + 2, "{checkins}");
    let conversation = files
        .iter()
        .find(|(name, _)| name.starts_with("conversations/"))
        .unwrap()
        .1;
    assert!(conversation.contains("**Ana** · "));
    assert!(conversation.contains("Work was awful, can you help me breathe?"));
    assert!(conversation.contains("**Wbot** · "));
    assert!(conversation.contains("That sounds hard. Let's breathe together."));
    let journal = files
        .iter()
        .find(|(name, _)| name.starts_with("journal/"))
        .unwrap()
        .1;
    assert!(journal.contains("> What made you smile today?\n\nThe walk by the river with Lucía"));

    // The key stays in the keychain: in no file of the archive, and the provider says it has none.
    for (name, text) in &files {
        assert!(!text.contains(API_KEY), "the API key is in {name}");
    }

    let imported = h
        .core
        .archive()
        .import_profile(std::fs::File::open(&first).unwrap())
        .await
        .unwrap();
    let copy = imported.profile.id.clone();
    assert_ne!(copy, h.profile);
    assert_eq!(imported.profile.display_name, "Ana");
    assert_eq!(imported.rows, summary.rows);
    assert_eq!(
        h.core
            .profiles()
            .active_profile()
            .await
            .unwrap()
            .unwrap()
            .id,
        h.profile,
        "an import does not switch profiles"
    );

    // Exported again, the copy is the same data under new ids, except the key it does not have.
    let second = archive_path_in(dir.path(), "2026-11-28");
    assert_eq!(second, dir.path().join("wbot-2026-11-28-2.zip"));
    h.core
        .archive()
        .export_profile(&copy, &second)
        .await
        .unwrap();
    let mut original = canonical(&exported);
    let again = canonical(&tables(&second));
    let keyed = original["chat_providers"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|p| p["name"] == "Claude")
        .unwrap();
    assert_eq!(keyed["has_key"], 1);
    keyed["has_key"] = 0.into();
    assert_eq!(original, again);
    assert!(!tables(&second).to_string().contains(h.profile.as_str()));

    // What the copy can do: recall by meaning (vectors computed again, index built), list, search.
    let hits = h
        .core
        .memory()
        .search_memories(
            &copy,
            "where does my sister live?",
            SearchOptions::default(),
        )
        .await
        .unwrap();
    assert_eq!(hits[0].memory.text, "My sister Lucía lives in Sevilla");
    let entries = h
        .core
        .journal()
        .list_journal_entries(
            &copy,
            JournalFilter {
                search: Some("river".into()),
                ..JournalFilter::default()
            },
            Default::default(),
        )
        .await
        .unwrap();
    assert_eq!(entries.len(), 1);
    let providers = h.core.chat().list_providers(&copy).await.unwrap();
    assert!(providers.iter().all(|p| !p.has_key));

    // "Delete all my data": nothing of the original is left in any file of the data folder (its id is in
    // every row it owned, and names its index file); the copy stays whole.
    h.core.delete_profile(&h.profile).await.unwrap();
    let token = h.profile.as_str().replace('-', "");
    let mut copy_seen = false;
    for path in files_under(h.core.data_dir()) {
        assert!(!path.to_string_lossy().contains(h.profile.as_str()));
        let bytes = std::fs::read(&path).unwrap();
        copy_seen |= bytes.windows(36).any(|w| w == copy.as_str().as_bytes());
        for id in [h.profile.as_str(), token.as_str()] {
            assert!(
                !bytes.windows(id.len()).any(|w| w == id.as_bytes()),
                "{} still holds {id}",
                path.display()
            );
        }
    }
    assert!(copy_seen, "the scan reads what is stored");
    let third = dir.path().join("third.zip");
    h.core
        .archive()
        .export_profile(&copy, &third)
        .await
        .unwrap();
    assert_eq!(canonical(&tables(&third)), again);
}

/// Every file below `dir`.
fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// A zip holding `wbot.json` with this text (and nothing else).
fn archive_with(json: &str) -> Cursor<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("wbot.json", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(json.as_bytes()).unwrap();
    Cursor::new(zip.finish().unwrap().into_inner())
}

type Case = (
    &'static str,
    Cursor<Vec<u8>>,
    Reason,
    Subject,
    Option<&'static str>,
);

async fn refused(core: &Core, archive: Cursor<Vec<u8>>) -> wbot_core::CoreError {
    core.archive().import_profile(archive).await.unwrap_err()
}

#[tokio::test]
async fn bad_archives_are_refused_and_create_nothing() {
    let h = harness().await;
    let core = &h.core;
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.zip");
    core.journal()
        .save_journal_entry(
            &h.profile,
            NewJournalEntry {
                category: None,
                prompt: None,
                text: "A quiet day".into(),
                writing_ms: 1_000,
                mood_before: Some(3),
                mood_after: None,
            },
        )
        .await
        .unwrap();
    core.archive()
        .export_profile(&h.profile, &good)
        .await
        .unwrap();
    let data: Value = serde_json::from_str(&entries(&good)["wbot.json"]).unwrap();
    let with = |change: &dyn Fn(&mut Value)| {
        let mut data = data.clone();
        change(&mut data);
        archive_with(&data.to_string())
    };

    // (case, archive, the reason, its subject, the value named)
    let cases: Vec<Case> = vec![
        (
            "not a zip",
            Cursor::new(b"PK not really".to_vec()),
            Reason::InvalidFormat,
            Subject::Archive,
            None,
        ),
        (
            "no data file",
            {
                let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
                zip.start_file("notes.txt", zip::write::SimpleFileOptions::default())
                    .unwrap();
                Cursor::new(zip.finish().unwrap().into_inner())
            },
            Reason::InvalidFormat,
            Subject::Archive,
            None,
        ),
        (
            "not JSON",
            archive_with("{\"format\": 1, \"tables\": "),
            Reason::InvalidFormat,
            Subject::Archive,
            None,
        ),
        (
            "a newer format",
            with(&|d| d["format"] = (ARCHIVE_FORMAT + 1).into()),
            Reason::OutOfRange,
            Subject::ArchiveVersion,
            None,
        ),
        (
            "a newer schema",
            with(&|d| d["schema"] = 99_999.into()),
            Reason::OutOfRange,
            Subject::ArchiveVersion,
            None,
        ),
        (
            "an unknown table",
            with(&|d| d["tables"]["sqlite_master"] = serde_json::json!([])),
            Reason::InvalidValue,
            Subject::Archive,
            Some("sqlite_master"),
        ),
        (
            "an unknown column",
            with(&|d| d["tables"]["profiles"][0]["id\" = id; DROP TABLE memories; --"] = 1.into()),
            Reason::InvalidValue,
            Subject::Archive,
            None,
        ),
        (
            "a nested value",
            with(&|d| d["tables"]["journal_entries"][0]["text"] = serde_json::json!(["a"])),
            Reason::InvalidValue,
            Subject::Archive,
            Some("journal_entries.text"),
        ),
        (
            "an id that is not one",
            with(&|d| d["tables"]["journal_entries"][0]["id"] = "42".into()),
            Reason::InvalidValue,
            Subject::Archive,
            Some("journal_entries.id"),
        ),
        (
            "two profiles",
            with(&|d| {
                let mut other = d["tables"]["profiles"][0].clone();
                other["id"] = ProfileId::new().to_string().into();
                d["tables"]["profiles"].as_array_mut().unwrap().push(other);
            }),
            Reason::InvalidValue,
            Subject::Archive,
            Some("profiles"),
        ),
        (
            "no settings",
            with(&|d| d["tables"]["settings"] = serde_json::json!([])),
            Reason::InvalidValue,
            Subject::Archive,
            Some("settings"),
        ),
        (
            "a blank name",
            with(&|d| d["tables"]["profiles"][0]["display_name"] = " ".into()),
            Reason::Empty,
            Subject::DisplayName,
            None,
        ),
        (
            // Check-ins go in after the journal entry: the entry is rolled back with them.
            "a mood out of range",
            with(&|d| d["tables"]["mood_checkins"][0]["mood"] = 9.into()),
            Reason::InvalidFormat,
            Subject::Archive,
            Some("mood_checkins"),
        ),
    ];
    for (case, archive, reason, subject, value) in cases {
        let err = refused(core, archive).await;
        assert_eq!(err.reason, reason, "{case}: {err:?}");
        assert_eq!(err.params.subject, Some(subject), "{case}");
        if let Some(value) = value {
            assert_eq!(err.params.value.as_deref(), Some(value), "{case}");
        }
    }
    assert_eq!(core.profiles().list_profiles().await.unwrap().len(), 1);
    for table in ["journal_entries", "mood_checkins", "settings"] {
        let n: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM {table}"))
            .fetch_one(core.db().reader())
            .await
            .unwrap();
        assert_eq!(n, 1, "{table}: nothing of a refused archive is kept");
    }

    // Exports that cannot be: another profile's id, a folder that is not there (no partial file left).
    let err = core
        .archive()
        .export_profile(&ProfileId::new(), &dir.path().join("x.zip"))
        .await
        .unwrap_err();
    assert_eq!(err.reason, Reason::NotFound);
    let missing = dir.path().join("no/such/folder/x.zip");
    let err = core
        .archive()
        .export_profile(&h.profile, &missing)
        .await
        .unwrap_err();
    assert_eq!(err.reason, Reason::FileAccess);
    assert_eq!(err.params.value.as_deref(), Some("NotFound"));

    // The good archive still imports.
    let copy = core
        .archive()
        .import_profile(std::fs::File::open(&good).unwrap())
        .await
        .unwrap();
    assert_eq!(
        copy.rows, 5,
        "profile, settings, onboarding, entry, mood before"
    );
}

/// One change to a good archive: a value replaced, a column dropped or added, a table replaced, bytes
/// of the zip overwritten, or no archive at all.
#[derive(Debug, Clone)]
enum Damage {
    Value(usize, usize, usize, Value),
    DropColumn(usize, usize, usize),
    AddColumn(usize, usize, String, Value),
    Table(usize, Value),
    Bytes(usize, Vec<u8>),
    Noise(Vec<u8>),
}

fn damage() -> impl Strategy<Value = Damage> {
    let at = || (any::<usize>(), any::<usize>(), any::<usize>());
    prop_oneof![
        4 => (at(), any_json()).prop_map(|((t, r, c), v)| Damage::Value(t, r, c, v)),
        1 => at().prop_map(|(t, r, c)| Damage::DropColumn(t, r, c)),
        1 => (at(), "[a-z_]{1,20}", any_json())
            .prop_map(|((t, r, _), name, v)| Damage::AddColumn(t, r, name, v)),
        1 => (any::<usize>(), any_json()).prop_map(|(t, v)| Damage::Table(t, v)),
        1 => (any::<usize>(), prop::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(at, bytes)| Damage::Bytes(at, bytes)),
        1 => prop::collection::vec(any::<u8>(), 0..2048).prop_map(Damage::Noise),
    ]
}

/// Row `r` of table `t` (both modulo their counts), if that table has rows.
fn row_at<'a>(
    tables: &'a mut serde_json::Map<String, Value>,
    names: &[String],
    t: usize,
    r: usize,
) -> Option<&'a mut serde_json::Map<String, Value>> {
    let rows = tables.get_mut(&names[t % names.len()])?.as_array_mut()?;
    let n = rows.len();
    (n > 0).then(|| rows[r % n].as_object_mut()).flatten()
}

/// `data` with one change (tables, rows and columns picked modulo their counts).
fn damaged(data: &Value, zip: &[u8], damage: &Damage) -> Vec<u8> {
    let mut data = data.clone();
    let tables = data["tables"].as_object_mut().unwrap();
    let names: Vec<String> = tables.keys().cloned().collect();
    match damage.clone() {
        Damage::Value(t, r, c, v) => {
            if let Some(row) = row_at(tables, &names, t, r) {
                let key = row.keys().nth(c % row.len().max(1)).cloned();
                if let Some(key) = key {
                    row.insert(key, v);
                }
            }
        }
        Damage::DropColumn(t, r, c) => {
            if let Some(row) = row_at(tables, &names, t, r) {
                let key = row.keys().nth(c % row.len().max(1)).cloned();
                if let Some(key) = key {
                    row.remove(&key);
                }
            }
        }
        Damage::AddColumn(t, r, name, v) => {
            if let Some(row) = row_at(tables, &names, t, r) {
                row.insert(name, v);
            }
        }
        Damage::Table(t, v) => {
            tables.insert(names[t % names.len()].clone(), v);
        }
        Damage::Bytes(at, bytes) => {
            let mut zip = zip.to_vec();
            let start = at % zip.len();
            for (i, b) in bytes.iter().enumerate() {
                if let Some(slot) = zip.get_mut(start + i) {
                    *slot = *b;
                }
            }
            return zip;
        }
        Damage::Noise(bytes) => return bytes,
    }
    archive_with(&data.to_string()).into_inner()
}

/// Issue 13's fuzzing proof for imports: 500 archives, each a real export with one thing damaged (or
/// noise): no import panics; each either makes one new profile or is refused with a typed reason that is
/// not an internal fault, and a refused one leaves the profiles as they were.
#[test]
fn damaged_archives_are_imported_or_refused_never_a_fault() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let h = rt.block_on(harness());
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.zip");
    rt.block_on(async {
        let entry = NewJournalEntry {
            category: None,
            prompt: None,
            text: "A quiet day by the sea".into(),
            writing_ms: 1_000,
            mood_before: Some(3),
            mood_after: Some(4),
        };
        h.core
            .journal()
            .save_journal_entry(&h.profile, entry)
            .await
            .unwrap();
        h.core
            .archive()
            .export_profile(&h.profile, &good)
            .await
            .unwrap();
    });
    let data: Value = serde_json::from_str(&entries(&good)["wbot.json"]).unwrap();
    let zip = std::fs::read(&good).unwrap();
    let mut runner = TestRunner::new(Config {
        cases: 500,
        failure_persistence: None,
        ..Config::default()
    });
    let (imported, refused) = (std::cell::Cell::new(0), std::cell::Cell::new(0));
    runner
        .run(&damage(), |damage| {
            let bytes = damaged(&data, &zip, &damage);
            rt.block_on(async {
                let before = h.core.profiles().list_profiles().await.unwrap().len();
                let result = h.core.archive().import_profile(Cursor::new(bytes)).await;
                let after = h.core.profiles().list_profiles().await.unwrap().len();
                match result {
                    Ok(_) => {
                        imported.set(imported.get() + 1);
                        prop_assert_eq!(after, before + 1);
                    }
                    Err(err) => {
                        refused.set(refused.get() + 1);
                        prop_assert_ne!(err.reason, Reason::Internal, "{:?}: {}", damage, err);
                        prop_assert_eq!(after, before, "a refused archive made a profile");
                    }
                }
                Ok(())
            })
        })
        .unwrap();
    assert_eq!(imported.get() + refused.get(), 500);
    println!(
        "500 damaged archives: {} imported, {} refused",
        imported.get(),
        refused.get()
    );
}
