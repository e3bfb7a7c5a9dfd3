//! Memory command wiring on Tauri's mock runtime: the real builder and core (with the repository's
//! model and ONNX Runtime), called through IPC as the webview does, with good and bad inputs, another
//! profile's ids, and the core notices the shell forwards as events.

use crate::support;

use crate::support::assert_error;

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{json, Value};
use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime};
use tauri::{App, Listener, WebviewWindow, WebviewWindowBuilder};
use tauri_specta::Event;
use wbot_app_lib::commands::memory::CoreNotice;

struct Harness {
    app: App<MockRuntime>,
    webview: WebviewWindow<MockRuntime>,
    notices: mpsc::Receiver<Value>,
    dir: tempfile::TempDir,
}

fn harness() -> Harness {
    let dir = tempfile::tempdir().expect("temp dir");
    let core = support::core_with_model(dir.path());
    let builder = wbot_app_lib::wbot_specta_builder!(MockRuntime);
    let app = mock_builder()
        .invoke_handler(builder.invoke_handler())
        .manage(core.clone())
        .build(mock_context(noop_assets()))
        .expect("app builds");
    builder.mount_events(&app);
    let (tx, notices) = mpsc::channel();
    let tx = std::sync::Mutex::new(tx);
    app.listen_any(CoreNotice::NAME, move |event| {
        let value: Value = serde_json::from_str(event.payload()).expect("notice json");
        let _ = tx.lock().expect("lock").send(value);
    });
    wbot_app_lib::forward_core_events(app.handle().clone(), &core);
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("webview");
    Harness {
        app,
        webview,
        notices,
        dir,
    }
}

impl Harness {
    fn call(&self, cmd: &str, body: Value) -> Result<Value, Value> {
        support::invoke(&self.webview, cmd, body)
    }

    fn profile(&self, name: &str) -> String {
        support::profile_id(&self.webview, name)
    }

    fn add(&self, profile_id: &str, text: &str) -> Value {
        self.call(
            "add_memory",
            json!({ "profileId": profile_id, "text": text, "kind": null }),
        )
        .expect("memory added")
    }

    fn search(&self, profile_id: &str, query: &str) -> Vec<Value> {
        let hits = self
            .call(
                "search_memories",
                json!({ "profileId": profile_id, "query": query, "options": { "limit": 10, "minSimilarity": 0.2 } }),
            )
            .expect("search");
        hits.as_array().expect("hits").clone()
    }
}

#[test]
fn add_search_edit_delete_and_forget_all() {
    let h = harness();
    let ana = h.profile("Ana");
    let maya = h.add(
        &ana,
        "  My sister Maya lives in Lisbon and we talk every Sunday ",
    );
    assert_eq!(
        maya["text"],
        "My sister Maya lives in Lisbon and we talk every Sunday"
    );
    assert_eq!(maya["kind"], "note");
    assert_eq!(maya["source"], "user");
    let running = h.add(&ana, "Running by the river in the morning clears my head");
    let journal = h
        .call(
            "add_memory",
            json!({ "profileId": ana, "text": "Work deadlines make my shoulders tense", "kind": "journal" }),
        )
        .expect("added with a kind");
    assert_eq!(journal["kind"], "journal");

    let hits = h.search(&ana, "exercise outdoors helps me think");
    assert_eq!(hits[0]["memory"]["id"], running["id"], "{hits:?}");
    let similarity = hits[0]["similarity"].as_f64().expect("similarity");
    assert!(similarity > 0.2 && similarity <= 1.0, "{similarity}");
    assert!(hits[0]["score"].as_f64().expect("score") > 0.0);
    assert!(hits[0]["memory"]["createdAt"].is_string());

    let page = h
        .call(
            "list_memories",
            json!({ "profileId": ana, "page": { "limit": 2, "offset": 0 } }),
        )
        .expect("page");
    assert_eq!(page["total"], 3);
    assert_eq!(page["items"].as_array().expect("items").len(), 2);
    assert_eq!(page["items"][0]["id"], journal["id"], "newest first");
    assert_eq!(page["nextOffset"], 2);

    let edited = h
        .call(
            "update_memory",
            json!({ "profileId": ana, "memoryId": maya["id"], "text": "My sister Maya moved to Porto" }),
        )
        .expect("edited");
    assert_eq!(edited["text"], "My sister Maya moved to Porto");
    assert_eq!(h.search(&ana, "Porto")[0]["memory"]["id"], maya["id"]);

    assert_eq!(
        h.call(
            "delete_memory",
            json!({ "profileId": ana, "memoryId": running["id"] })
        ),
        Ok(Value::Null)
    );
    let status = h
        .call("memory_status", json!({ "profileId": ana }))
        .expect("status");
    assert_eq!(status["count"], 2);
    assert_eq!(status["indexed"], 2);
    assert_eq!(status["modelId"], "multilingual-e5-small");
    assert_eq!(status["dimensions"], 384);
    assert_eq!(status["index"], "ready");
    assert_eq!(status["modelLoaded"], true);
    assert_eq!(status["rebuildInProgress"], false);

    assert_eq!(
        h.call("forget_all_memories", json!({ "profileId": ana })),
        Ok(json!(2))
    );
    let page = h
        .call(
            "list_memories",
            json!({ "profileId": ana, "page": { "limit": null, "offset": 0 } }),
        )
        .expect("page");
    assert_eq!(page, json!({ "items": [], "total": 0, "nextOffset": null }));
}

#[test]
fn bad_inputs_get_typed_errors_and_store_nothing() {
    let h = harness();
    let ana = h.profile("Ana");
    let add = |text: &str| {
        h.call(
            "add_memory",
            json!({ "profileId": ana, "text": text, "kind": null }),
        )
    };
    assert_error(add(" \n "), "validation", "empty memory");
    assert_error(
        add(&"x".repeat(8_001)),
        "validation",
        "too_long memory max=8000 actual=8001",
    );
    assert_error(add("a\0b"), "validation", "invalid_characters memory");
    assert_error(
        h.call(
            "add_memory",
            json!({ "profileId": ana, "text": "hi", "kind": "dream" }),
        ),
        "validation",
        "invalid_input value=\"memory kind\"",
    );
    assert_error(
        h.call(
            "add_memory",
            json!({ "profileId": "not-an-id", "text": "hi", "kind": null }),
        ),
        "validation",
        "invalid_format profile value=\"not-an-id\"",
    );
    assert_error(
        h.call(
            "add_memory",
            json!({ "profileId": "6c5fb084-f137-4a07-8246-f96287e03edb", "text": "hi", "kind": null }),
        ),
        "not_found",
        "6c5fb084-f137-4a07-8246-f96287e03edb",
    );

    let memory = h.add(&ana, "Tea in the garden calms me");
    for (cmd, extra) in [
        ("update_memory", json!({ "text": "new text" })),
        ("delete_memory", json!({})),
    ] {
        let mut body = json!({ "profileId": ana, "memoryId": "42" });
        for (k, v) in extra.as_object().expect("object") {
            body[k] = v.clone();
        }
        assert_error(
            h.call(cmd, body),
            "validation",
            "invalid_format memory value=\"42\"",
        );
    }
    assert_error(
        h.call(
            "update_memory",
            json!({ "profileId": ana, "memoryId": memory["id"], "text": "" }),
        ),
        "validation",
        "empty memory",
    );
    assert_error(
        h.call(
            "update_memory",
            json!({ "profileId": ana, "memoryId": memory["id"], "text": "y".repeat(9_000) }),
        ),
        "validation",
        "too_long memory max=8000 actual=9000",
    );

    let search = |query: &str, options: Value| {
        h.call(
            "search_memories",
            json!({ "profileId": ana, "query": query, "options": options }),
        )
    };
    assert_error(search("   ", json!({})), "validation", "empty search_text");
    assert_error(
        search(&"q".repeat(8_001), json!({})),
        "validation",
        "too_long search_text max=8000 actual=8001",
    );
    assert_error(
        search("tea", json!({ "limit": 0 })),
        "validation",
        "out_of_range result_count min=1 max=50 actual=0",
    );
    assert_error(
        search("tea", json!({ "minSimilarity": 3 })),
        "validation",
        "out_of_range min_similarity min=-1 max=1",
    );
    assert_error(
        search("tea", json!({ "limit": "many" })),
        "validation",
        "invalid_input value=\"search options\"",
    );
    assert_error(
        h.call(
            "list_memories",
            json!({ "profileId": ana, "page": { "limit": 0, "offset": 0 } }),
        ),
        "validation",
        "out_of_range page_size min=1 max=200 actual=0",
    );

    let page = h
        .call(
            "list_memories",
            json!({ "profileId": ana, "page": { "limit": 50, "offset": 0 } }),
        )
        .expect("page");
    assert_eq!(page["total"], 1);
    assert_eq!(page["items"][0]["text"], "Tea in the garden calms me");
}

#[test]
fn another_profiles_memory_is_not_found() {
    let h = harness();
    let ana = h.profile("Ana");
    let ben = h.profile("Ben");
    let anas = h.add(&ana, "Ana's secret: she sings in the car");
    let id = anas["id"].as_str().expect("id");

    let not_found = format!("not_found memory value=\"{id}\"");
    assert_error(
        h.call(
            "update_memory",
            json!({ "profileId": ben, "memoryId": id, "text": "taken over" }),
        ),
        "not_found",
        &not_found,
    );
    assert_error(
        h.call("delete_memory", json!({ "profileId": ben, "memoryId": id })),
        "not_found",
        &not_found,
    );
    assert!(h.search(&ben, "sings in the car").is_empty());
    assert_eq!(
        h.call("forget_all_memories", json!({ "profileId": ben })),
        Ok(json!(0))
    );

    // Ana's memory is untouched by all of it.
    let page = h
        .call(
            "list_memories",
            json!({ "profileId": ana, "page": { "limit": 10, "offset": 0 } }),
        )
        .expect("page");
    assert_eq!(page["items"], json!([anas]));
}

#[test]
fn core_notices_reach_the_ui_as_events() {
    let h = harness();
    let ana = h.profile("Ana");
    // The first add loads the model: a progress notice, then the model-loaded notice.
    h.add(&ana, "The smell of rain reminds me of home");
    let mut seen = Vec::new();
    while !seen
        .iter()
        .any(|n: &Value| n["kind"] == "memoryModel" && n["loaded"] == true)
    {
        let notice = h
            .notices
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|_| panic!("no model-loaded notice; got {seen:?}"));
        seen.push(notice);
    }
    let load = seen
        .iter()
        .find(|n| n["kind"] == "progress" && n["job"] == "memory.model.load")
        .expect("a model-load progress notice");
    assert_eq!(load["total"], 1);
    assert_eq!(
        seen.last().expect("last")["modelId"],
        "multilingual-e5-small"
    );
}

#[test]
fn exiting_saves_the_memory_index_at_once() {
    let h = harness();
    let ana = h.profile("Ana");
    h.add(&ana, "Swimming on Saturdays");
    // Saves are otherwise grouped and made a couple of seconds after the last change: the file on
    // disk is still the empty index written when it was first opened.
    let index = h.dir.path().join("index").join(format!("{ana}.usearch"));
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    let before = size(&index);
    wbot_app_lib::on_run_event(h.app.handle(), &tauri::RunEvent::Exit);
    assert!(
        size(&index) > before,
        "the index was saved on exit ({before} bytes before)"
    );
}
