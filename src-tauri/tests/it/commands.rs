//! Command wiring on Tauri's mock runtime: the real builder's commands, the real core on a temp
//! dir, called through IPC as the webview does, with good and bad inputs.

use crate::support;

use crate::support::assert_error;

use serde_json::{json, Value};
use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime};
use tauri::{App, WebviewWindow, WebviewWindowBuilder};
use wbot_core::Core;

struct Harness {
    _app: App<MockRuntime>,
    webview: WebviewWindow<MockRuntime>,
    _dir: tempfile::TempDir,
}

fn harness() -> Harness {
    let dir = tempfile::tempdir().expect("temp dir");
    let core = tauri::async_runtime::block_on(Core::open(dir.path())).expect("core opens");
    let builder = wbot_app_lib::wbot_specta_builder!(MockRuntime);
    let app = mock_builder()
        .invoke_handler(builder.invoke_handler())
        .manage(core)
        .build(mock_context(noop_assets()))
        .expect("app builds");
    builder.mount_events(&app);
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("webview");
    Harness {
        _app: app,
        webview,
        _dir: dir,
    }
}

impl Harness {
    fn call(&self, cmd: &str, body: Value) -> Result<Value, Value> {
        support::invoke(&self.webview, cmd, body)
    }

    fn create(&self, name: &str) -> Result<Value, Value> {
        self.call(
            "create_profile",
            json!({ "input": { "displayName": name, "onboarding": support::answers() } }),
        )
    }
}

#[test]
fn create_profile_then_it_is_listed_and_active() {
    let h = harness();
    let profile = h.create("  Ana ").expect("created");
    assert_eq!(profile["displayName"], "Ana");
    let id = profile["id"].as_str().expect("id");
    assert_eq!(
        h.call("list_profiles", json!({})).expect("list"),
        json!([profile.clone()])
    );
    assert_eq!(
        h.call("active_profile", json!({})).expect("active"),
        profile
    );
    let onboarding = h
        .call("get_onboarding", json!({ "profileId": id }))
        .expect("onboarding");
    assert_eq!(onboarding["challenges"], json!(["stress", "sleep"]));
    let settings = h
        .call("get_settings", json!({ "profileId": id }))
        .expect("settings");
    assert_eq!(settings["theme"], "system");
}

#[test]
fn bad_names_get_typed_errors_and_nothing_is_saved() {
    let h = harness();
    assert_error(h.create(""), "validation", "empty display_name");
    assert_error(
        h.create(&"x".repeat(10_000)),
        "validation",
        "too_long display_name max=100 actual=10000",
    );
    assert_eq!(h.call("list_profiles", json!({})).expect("list"), json!([]));
}

#[test]
fn unknown_enum_values_are_validation_errors_and_keep_what_was_saved() {
    let h = harness();
    let id = h.create("Ana").expect("created")["id"]
        .as_str()
        .expect("id")
        .to_string();
    let saved = json!({ "theme": "dark", "locale": "es", "cueVolume": 40, "ambientVolume": 20, "muted": false,
        "ambientOn": true, "ambientSound": "pink", "streaksOn": true, "badgesOn": false, "weeklyGoalDays": 4,
        "voiceCuesOn": false, "voiceCueVolume": 80, "breathSoundsOn": true, "breathVolume": 40,
        "remoteMemories": false, "remoteAboutYou": true });
    h.call(
        "update_settings",
        json!({ "profileId": id, "settings": saved }),
    )
    .expect("saved");

    let mut bad = saved.clone();
    bad["theme"] = json!("neon");
    assert_error(
        h.call(
            "update_settings",
            json!({ "profileId": id, "settings": bad }),
        ),
        "validation",
        "invalid_input value=\"settings\"",
    );
    let mut loud = saved.clone();
    loud["cueVolume"] = json!(300);
    assert_error(
        h.call(
            "update_settings",
            json!({ "profileId": id, "settings": loud }),
        ),
        "validation",
        "settings",
    );
    let mut answers = support::answers();
    answers["communicationStyle"] = json!("sarcastic");
    assert_error(
        h.call(
            "update_onboarding",
            json!({ "profileId": id, "answers": answers }),
        ),
        "validation",
        "invalid_input value=\"onboarding answers\"",
    );
    assert_eq!(
        h.call("get_settings", json!({ "profileId": id }))
            .expect("settings"),
        saved
    );
}

#[test]
fn unknown_and_malformed_profile_ids_are_rejected() {
    let h = harness();
    h.create("Ana").expect("created");
    let unknown = "7a0c2a4e-9d3b-4f7e-8a51-3c2b1d0e9f88";
    assert_error(
        h.call("get_settings", json!({ "profileId": unknown })),
        "not_found",
        "not_found profile",
    );
    assert_error(
        h.call("switch_profile", json!({ "profileId": unknown })),
        "not_found",
        "not_found profile",
    );
    assert_error(
        h.call("delete_profile", json!({ "profileId": unknown })),
        "not_found",
        "not_found profile",
    );
    assert_error(
        h.call("get_onboarding", json!({ "profileId": "not-an-id" })),
        "validation",
        "invalid_format profile value=\"not-an-id\"",
    );
    assert_eq!(
        h.call("list_profiles", json!({}))
            .expect("list")
            .as_array()
            .map(Vec::len),
        Some(1)
    );
}

#[test]
fn deleting_the_active_profile_activates_another() {
    let h = harness();
    let a = h.create("Ana").expect("a");
    let b = h.create("Ben").expect("b");
    assert_eq!(h.call("active_profile", json!({})).expect("active"), b);
    h.call("delete_profile", json!({ "profileId": b["id"] }))
        .expect("deleted");
    assert_eq!(h.call("active_profile", json!({})).expect("active"), a);
    h.call("delete_profile", json!({ "profileId": a["id"] }))
        .expect("deleted");
    assert_eq!(
        h.call("active_profile", json!({})).expect("active"),
        Value::Null
    );
}

#[test]
fn the_update_channel_is_kept_for_the_app_and_validated() {
    let h = harness();
    let status = h.call("update_status", json!({})).expect("status");
    assert_eq!(status["channel"], "stable");
    assert_eq!(status["currentVersion"], "0.1.0");
    assert_eq!(status["prerelease"], false);
    // The mock app has no updater plugin: it says it cannot update itself rather than failing.
    assert_eq!(status["supported"], false);
    assert_error(
        h.call("check_for_update", json!({ "downgrade": false })),
        "unavailable",
        "updates_unsupported",
    );
    assert_eq!(
        h.call("set_update_channel", json!({ "channel": "beta" })),
        Ok(json!("beta"))
    );
    for bad in [json!("nightly"), json!(""), json!(1), Value::Null] {
        let err = h
            .call("set_update_channel", json!({ "channel": bad }))
            .expect_err("refused");
        assert_eq!(err["code"], "validation", "{bad}: {err}");
    }
    let status = h.call("update_status", json!({})).expect("status");
    assert_eq!(
        status["channel"], "beta",
        "a refused change keeps the channel"
    );
}
