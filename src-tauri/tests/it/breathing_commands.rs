//! Breathing command wiring on Tauri's mock runtime: the real builder and core, called through IPC
//! as the webview does. Session events are caught with a channel interceptor, so the stream a
//! `Channel<SessionEvent>` carries is checked here too.

use crate::support;

use crate::support::assert_error;

use std::sync::mpsc;
use std::time::Duration;

use serde_json::{json, Value};
use tauri::test::MockRuntime;
use tauri::{App, Listener, WebviewWindow};
use tauri_specta::Event;
use wbot_app_lib::commands::profile::SettingsChanged;
use wbot_core::Core;

/// Longest wait for a session event; sessions here last well under a second.
const EVENT_TIMEOUT: Duration = Duration::from_secs(10);

struct Harness {
    _app: App<MockRuntime>,
    webview: WebviewWindow<MockRuntime>,
    events: mpsc::Receiver<(u32, Value)>,
    _dir: tempfile::TempDir,
}

fn harness() -> Harness {
    let dir = tempfile::tempdir().expect("temp dir");
    let core = tauri::async_runtime::block_on(Core::open(dir.path())).expect("core opens");
    let (app, webview, events) = support::channel_app(core);
    Harness {
        _app: app,
        webview,
        events,
        _dir: dir,
    }
}

impl Harness {
    fn call(&self, cmd: &str, body: Value) -> Result<Value, Value> {
        support::invoke(&self.webview, cmd, body)
    }

    fn profile(&self, name: &str) -> String {
        support::profile_id(&self.webview, name)
    }

    fn start(&self, profile: &str, channel: u32, input: Value) -> Result<Value, Value> {
        self.call(
            "start_breathing",
            json!({ "profileId": profile, "input": input, "onEvent": format!("__CHANNEL__:{channel}") }),
        )
    }

    /// Events of `channel` until the session's end event (inclusive).
    fn events_until_end(&self, channel: u32) -> Vec<Value> {
        support::channel_events_until(&self.events, channel, EVENT_TIMEOUT, |e| {
            matches!(e["kind"].as_str(), Some("completed" | "stopped"))
        })
    }
}

fn quick_custom() -> Value {
    json!({ "config": { "technique": "custom", "inhaleS": 0.05, "holdS": 0, "exhaleS": 0.05, "holdAfterS": 0, "cycles": 2 }, "moodBefore": 2 })
}

#[test]
fn techniques_list_presets_with_patterns() {
    let h = harness();
    let list = h
        .call("breathing_techniques", json!({}))
        .expect("techniques");
    let list = list.as_array().expect("array");
    assert_eq!(list.len(), 6);
    let relaxing = list
        .iter()
        .find(|t| t["technique"] == "relaxing_478")
        .expect("4-7-8");
    assert_eq!(
        relaxing["pattern"],
        json!({ "inhaleS": 4.0, "holdS": 7.0, "exhaleS": 8.0, "holdAfterS": 0.0, "cycles": 4 })
    );
    let wim = list
        .iter()
        .find(|t| t["technique"] == "wim_hof")
        .expect("wim hof");
    assert_eq!(wim["wimHof"]["breaths"], 30);
}

#[test]
fn a_session_streams_events_over_the_channel_and_is_saved_on_finish() {
    let h = harness();
    let ana = h.profile("Ana");
    let live = h.start(&ana, 41, quick_custom()).expect("started");
    let run = live["runId"].as_str().expect("run id").to_string();
    assert_eq!(live["pattern"]["cycles"], 2);
    let events = h.events_until_end(41);
    let phases: Vec<&str> = events
        .iter()
        .filter(|e| e["kind"] == "phaseChanged")
        .filter_map(|e| e["phase"].as_str())
        .collect();
    assert_eq!(phases, ["inhale", "exhale", "inhale", "exhale"]);
    assert!(events.iter().any(|e| e["kind"] == "tick"), "ticks arrive");
    let last = events.last().expect("end");
    assert_eq!(last["kind"], "completed");
    assert_eq!(last["stats"]["cyclesCompleted"], 2);

    let saved = h
        .call(
            "finish_breathing",
            json!({ "profileId": ana, "runId": run, "moodAfter": 4 }),
        )
        .expect("saved");
    assert_eq!(saved["completed"], true);
    assert_eq!(saved["moodBefore"], 2);
    assert_eq!(saved["moodAfter"], 4);
    let history = h
        .call(
            "breathing_history",
            json!({ "profileId": ana, "page": { "limit": 20, "offset": 0 } }),
        )
        .expect("history");
    assert_eq!(history["total"], 1);
    let got = h
        .call(
            "get_breathing_session",
            json!({ "profileId": ana, "sessionId": saved["id"] }),
        )
        .expect("get");
    assert_eq!(got, saved);
    let stats = h
        .call("breathing_stats", json!({ "profileId": ana }))
        .expect("stats");
    assert_eq!(stats["byTechnique"][0]["technique"], "custom");
    assert_eq!(stats["completedSessions"], 1);
    assert_eq!(
        h.call("retention_trend", json!({ "profileId": ana }))
            .expect("trend"),
        json!([])
    );

    h.call(
        "delete_breathing_session",
        json!({ "profileId": ana, "sessionId": saved["id"] }),
    )
    .expect("deleted");
    assert_error(
        h.call(
            "get_breathing_session",
            json!({ "profileId": ana, "sessionId": saved["id"] }),
        ),
        "not_found",
        "not_found breathing_session",
    );
}

#[test]
fn pause_resume_stop_arrive_as_events_and_stop_is_recorded() {
    let h = harness();
    let ana = h.profile("Ana");
    let live = h
        .start(
            &ana,
            7,
            json!({ "config": { "technique": "box" }, "moodBefore": null }),
        )
        .expect("started");
    let ids = json!({ "profileId": ana, "runId": live["runId"] });
    h.call("pause_breathing", ids.clone()).expect("pause");
    h.call("resume_breathing", ids.clone()).expect("resume");
    assert_error(
        h.call("tap_breath", ids.clone()),
        "conflict",
        "wrong_phase value=\"breath\"",
    );
    assert_error(
        h.call("release_retention", ids.clone()),
        "conflict",
        "wrong_phase value=\"release\"",
    );
    h.call("stop_breathing", ids.clone()).expect("stop");
    let kinds: Vec<String> = h
        .events_until_end(7)
        .iter()
        .filter_map(|e| e["kind"].as_str().map(str::to_string))
        .filter(|k| k != "tick")
        .collect();
    assert_eq!(kinds, ["phaseChanged", "paused", "resumed", "stopped"]);
    let mut finish = ids.clone();
    finish["moodAfter"] = Value::Null;
    let saved = h.call("finish_breathing", finish).expect("saved");
    assert_eq!(saved["completed"], false);
    assert_eq!(saved["stoppedAt"]["phase"], "inhale");
}

#[test]
fn bad_configs_and_moods_are_validation_errors() {
    let h = harness();
    let ana = h.profile("Ana");
    let bad = |config: Value| h.start(&ana, 1, json!({ "config": config, "moodBefore": null }));
    assert_error(
        bad(json!({ "technique": "lotus" })),
        "validation",
        "session settings",
    );
    assert_error(
        bad(
            json!({ "technique": "custom", "inhaleS": 31, "holdS": 0, "exhaleS": 4, "holdAfterS": 0, "cycles": 2 }),
        ),
        "validation",
        "out_of_range breathing_phase min=0 max=30 actual=31 value=\"inhale\"",
    );
    assert_error(
        bad(
            json!({ "technique": "custom", "inhaleS": 0, "holdS": 0, "exhaleS": 0, "holdAfterS": 0, "cycles": 2 }),
        ),
        "validation",
        "no_breathing_phase",
    );
    assert_error(
        bad(
            json!({ "technique": "custom", "inhaleS": 4, "holdS": 0, "exhaleS": 4, "holdAfterS": 0, "cycles": 51 }),
        ),
        "validation",
        "out_of_range cycles min=1 max=50 actual=51",
    );
    assert_error(
        bad(json!({ "technique": "wim_hof", "breaths": 5 })),
        "validation",
        "out_of_range breaths min=10 max=60 actual=5",
    );
    assert_error(
        h.start(
            &ana,
            1,
            json!({ "config": { "technique": "box" }, "moodBefore": 9 }),
        ),
        "validation",
        "out_of_range mood_before min=1 max=5 actual=9",
    );
    assert_error(
        h.start(
            &ana,
            1,
            json!({ "config": { "technique": "box" }, "moodBefore": -1 }),
        ),
        "validation",
        "session settings",
    );
    let live = h
        .start(
            &ana,
            2,
            json!({ "config": { "technique": "box" }, "moodBefore": null }),
        )
        .expect("started");
    assert_error(
        h.call(
            "finish_breathing",
            json!({ "profileId": ana, "runId": live["runId"], "moodAfter": 6 }),
        ),
        "validation",
        "out_of_range mood_after min=1 max=5 actual=6",
    );
    assert_error(
        h.call(
            "finish_breathing",
            json!({ "profileId": ana, "runId": live["runId"], "moodAfter": "great" }),
        ),
        "validation",
        "mood after",
    );
    assert_error(
        h.call(
            "breathing_history",
            json!({ "profileId": ana, "page": { "limit": 0, "offset": 0 } }),
        ),
        "validation",
        "out_of_range page_size min=1 max=100 actual=0",
    );
    assert_error(
        h.call(
            "set_audio_muted",
            json!({ "profileId": ana, "muted": "loud" }),
        ),
        "validation",
        "sound settings",
    );
    assert_error(
        h.call(
            "set_breathing_ambient",
            json!({ "profileId": ana, "on": 1 }),
        ),
        "validation",
        "sound settings",
    );
}

#[test]
fn unknown_malformed_and_other_profiles_ids_are_not_found() {
    let h = harness();
    let ana = h.profile("Ana");
    let ben = h.profile("Ben");
    let live = h.start(&ana, 3, quick_custom()).expect("started");
    let run = live["runId"].clone();
    let unknown = "7a0c2a4e-9d3b-4f7e-8a51-3c2b1d0e9f88";
    for cmd in [
        "pause_breathing",
        "resume_breathing",
        "stop_breathing",
        "tap_breath",
        "release_retention",
    ] {
        assert_error(
            h.call(cmd, json!({ "profileId": ben, "runId": run })),
            "not_found",
            "not_found breathing_session",
        );
        assert_error(
            h.call(cmd, json!({ "profileId": ana, "runId": unknown })),
            "not_found",
            "not_found breathing_session",
        );
        assert_error(
            h.call(cmd, json!({ "profileId": ana, "runId": "x" })),
            "validation",
            "invalid_format breathing_session value=\"x\"",
        );
        assert_error(
            h.call(cmd, json!({ "profileId": unknown, "runId": run })),
            "not_found",
            "not_found profile",
        );
    }
    assert_error(
        h.call(
            "finish_breathing",
            json!({ "profileId": ben, "runId": run, "moodAfter": null }),
        ),
        "not_found",
        "not_found breathing_session",
    );
    h.events_until_end(3);
    let saved = h
        .call(
            "finish_breathing",
            json!({ "profileId": ana, "runId": run, "moodAfter": null }),
        )
        .expect("saved");
    let id = saved["id"].clone();
    for cmd in ["get_breathing_session", "delete_breathing_session"] {
        assert_error(
            h.call(cmd, json!({ "profileId": ben, "sessionId": id })),
            "not_found",
            "not_found breathing_session",
        );
        assert_error(
            h.call(cmd, json!({ "profileId": ana, "sessionId": unknown })),
            "not_found",
            "not_found breathing_session",
        );
        assert_error(
            h.call(cmd, json!({ "profileId": ana, "sessionId": "42" })),
            "validation",
            "invalid_format breathing_session value=\"42\"",
        );
    }
    let bens = h
        .call(
            "breathing_history",
            json!({ "profileId": ben, "page": { "limit": 10, "offset": 0 } }),
        )
        .expect("history");
    assert_eq!(bens["total"], 0);
    // Ana's session survived Ben's attempts.
    h.call(
        "get_breathing_session",
        json!({ "profileId": ana, "sessionId": id }),
    )
    .expect("still there");
}

#[test]
fn the_wim_hof_gate_shows_the_notice_until_acknowledged() {
    let h = harness();
    let ana = h.profile("Ana");
    let gate = h
        .call(
            "wim_hof_gate",
            json!({ "profileId": ana, "latestMessage": null }),
        )
        .expect("gate");
    assert_eq!(gate["allowed"], true);
    assert_eq!(gate["suggestedTechnique"], "box");
    assert_eq!(gate["showSafetyNotice"], true);
    let dizzy = h
        .call(
            "wim_hof_gate",
            json!({ "profileId": ana, "latestMessage": "I feel dizzy" }),
        )
        .expect("gate");
    assert_eq!(dizzy["suggestedTechnique"], "deep_calm");
    h.call("acknowledge_wim_hof_notice", json!({ "profileId": ana }))
        .expect("ack");
    let gate = h
        .call(
            "wim_hof_gate",
            json!({ "profileId": ana, "latestMessage": null }),
        )
        .expect("gate");
    assert_eq!(gate["showSafetyNotice"], false);
    assert_error(
        h.call("acknowledge_wim_hof_notice", json!({ "profileId": "bad" })),
        "validation",
        "invalid_format profile value=\"bad\"",
    );
}

#[test]
fn audio_state_says_whether_sound_is_on() {
    let h = harness();
    let ana = h.profile("Ana");
    let state = h
        .call("audio_state", json!({ "profileId": ana }))
        .expect("state");
    if state["status"]["available"] == false {
        assert!(state["status"]["reason"]
            .as_str()
            .is_some_and(|r| r.starts_with("Sound is off")));
    }
    assert_eq!(state["muted"], false);
    assert_eq!(state["ambientOn"], false);
    assert_eq!(state["ambientSound"], "ocean");
}

#[test]
fn mute_and_ambient_switches_are_saved_in_the_profiles_settings() {
    let h = harness();
    let ana = h.profile("Ana");
    let ben = h.profile("Ben");
    let (tx, changed) = mpsc::channel();
    h._app.listen_any(SettingsChanged::NAME, move |event| {
        let _ = tx.send(event.payload().to_string());
    });
    let live = h.start(
        &ana,
        5,
        json!({ "config": { "technique": "box" }, "moodBefore": null }),
    );
    let live = live.expect("started");
    let muted = h
        .call(
            "set_audio_muted",
            json!({ "profileId": ana, "muted": true }),
        )
        .expect("muted");
    assert_eq!(muted["muted"], true);
    let event: Value =
        serde_json::from_str(&changed.recv_timeout(EVENT_TIMEOUT).expect("settings event"))
            .expect("json");
    assert_eq!(event["profileId"], ana.as_str());
    assert_eq!(event["settings"]["muted"], true);
    let on = h
        .call(
            "set_breathing_ambient",
            json!({ "profileId": ana, "on": true }),
        )
        .expect("ambient");
    assert_eq!(on["ambientOn"], true);
    let settings = h
        .call("get_settings", json!({ "profileId": ana }))
        .expect("settings");
    assert_eq!(settings["muted"], true);
    assert_eq!(settings["ambientOn"], true);
    let theirs = h
        .call("get_settings", json!({ "profileId": ben }))
        .expect("settings");
    assert_eq!(theirs["muted"], false);
    assert_eq!(theirs["ambientOn"], false);
    h.call(
        "finish_breathing",
        json!({ "profileId": ana, "runId": live["runId"], "moodAfter": null }),
    )
    .expect("finish");
    assert_error(
        h.call(
            "set_breathing_ambient",
            json!({ "profileId": "7a0c2a4e-9d3b-4f7e-8a51-3c2b1d0e9f88", "on": true }),
        ),
        "not_found",
        "not_found profile",
    );
}
