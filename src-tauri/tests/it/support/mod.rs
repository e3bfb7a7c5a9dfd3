//! What every mock-runtime test of the shell does: call a command through IPC as the webview does,
//! and make a profile to work in.
// Each test binary uses a different part of this module.
#![allow(dead_code)]

use std::sync::mpsc;
use std::time::Duration;

use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody, InvokeResponseBody};
use tauri::test::{
    get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY,
};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};
use wbot_core::Core;

/// The app with the real builder over `core` (its events forwarded as the app does), its main webview, and every message sent on a
/// `Channel` as (channel id, JSON value), caught by a channel interceptor.
pub fn channel_app(
    core: Core,
) -> (
    App<MockRuntime>,
    WebviewWindow<MockRuntime>,
    mpsc::Receiver<(u32, Value)>,
) {
    let builder = wbot_app_lib::wbot_specta_builder!(MockRuntime);
    let (tx, events) = mpsc::channel();
    let tx = std::sync::Mutex::new(tx);
    let app = mock_builder()
        .invoke_handler(builder.invoke_handler())
        .channel_interceptor(move |_webview, callback, _index, body| {
            if let InvokeResponseBody::Json(text) = body {
                let value: Value = serde_json::from_str(text).expect("event json");
                let _ = tx.lock().expect("lock").send((callback.0, value));
            }
            true
        })
        .manage(core.clone())
        .build(mock_context(noop_assets()))
        .expect("app builds");
    builder.mount_events(&app);
    wbot_app_lib::forward_core_events(app.handle().clone(), &core);
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("webview");
    (app, webview, events)
}

/// Invokes `cmd` with `body` as its JSON arguments; the command's result, or its error value.
pub fn invoke(
    webview: &WebviewWindow<MockRuntime>,
    cmd: &str,
    body: Value,
) -> Result<Value, Value> {
    get_ipc_response(
        webview,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().expect("url"),
            body: InvokeBody::Json(body),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|b| b.deserialize::<Value>().expect("json response"))
}

/// A core over `dir` with the repository's embedding model (from `scripts/fetch-assets`).
pub fn core_with_model(dir: &std::path::Path) -> Core {
    tauri::async_runtime::block_on(async {
        let core = Core::open(dir).await.expect("core opens");
        let resources = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("resources");
        core.memory()
            .configure(wbot_core::memory::MemoryConfig::from_resource_dir(
                &resources,
            ))
            .await;
        core
    })
}

/// Onboarding answers that pass validation.
pub fn answers() -> Value {
    json!({
        "currentFeeling": "okay", "primaryGoal": "improve_sleep", "challenges": ["sleep", "stress"],
        "communicationStyle": "warm", "supportType": "listening", "preferredActivities": ["breathing"],
        "experienceLevel": "beginner", "sessionLength": "short", "contraindications": []
    })
}

/// Creates a profile named `name` (it becomes the active one) and returns its id.
pub fn profile_id(webview: &WebviewWindow<MockRuntime>, name: &str) -> String {
    let profile = invoke(
        webview,
        "create_profile",
        json!({ "input": { "displayName": name, "onboarding": answers() } }),
    )
    .expect("profile created");
    profile["id"].as_str().expect("id").to_string()
}

/// The events sent on `channel`, up to and including the first that `is_last` accepts; events of other
/// channels are passed over. Fails when none comes within `timeout`.
pub fn channel_events_until(
    events: &mpsc::Receiver<(u32, Value)>,
    channel: u32,
    timeout: Duration,
    is_last: impl Fn(&Value) -> bool,
) -> Vec<Value> {
    let mut seen = Vec::new();
    loop {
        let (id, value) = events
            .recv_timeout(timeout)
            .expect("a channel event in time");
        if id != channel {
            continue;
        }
        let last = is_last(&value);
        seen.push(value);
        if last {
            return seen;
        }
    }
}

/// The command failed with `code`, and its reason and parameters, written as the core writes them in
/// its log (`too_long message max=8000 actual=8001`), contain `needle`.
#[track_caller]
pub fn assert_error(result: Result<Value, Value>, code: &str, needle: &str) {
    let err = result.expect_err("the command should fail");
    assert_eq!(err["code"], code, "{err}");
    let err: wbot_core::AppError = serde_json::from_value(err).expect("an AppError");
    let summary = wbot_core::CoreError {
        reason: err.reason,
        params: err.params,
        detail: None,
    }
    .to_string();
    assert!(
        summary.contains(needle),
        "error {summary:?} should mention {needle:?}"
    );
}
