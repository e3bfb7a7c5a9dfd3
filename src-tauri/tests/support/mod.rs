//! What every mock-runtime test of the shell does: call a command through IPC as the webview does,
//! and make a profile to work in.
// Each test binary uses a different part of this module.
#![allow(dead_code)]

use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::WebviewWindow;

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
