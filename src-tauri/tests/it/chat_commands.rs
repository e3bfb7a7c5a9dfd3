//! Chat command wiring on Tauri's mock runtime: the real builder and core (with the repository's model),
//! called through IPC as the webview does. A reply streams from a loopback server speaking OpenAI's
//! event stream, and the `Channel<ReplyEvent>` it travels on is caught by a channel interceptor.

use crate::chat_support::{openai_stream, stream, Server};
use crate::support;

use crate::support::assert_error;

use std::sync::mpsc;
use std::time::Duration;

use serde_json::{json, Value};
use tauri::test::MockRuntime;
use tauri::{App, WebviewWindow};

const EVENT_TIMEOUT: Duration = Duration::from_secs(60);

struct Harness {
    _app: App<MockRuntime>,
    webview: WebviewWindow<MockRuntime>,
    events: mpsc::Receiver<(u32, Value)>,
    _dir: tempfile::TempDir,
}

fn harness() -> Harness {
    let dir = tempfile::tempdir().expect("temp dir");
    let core = support::core_with_model(dir.path());
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

    /// Events of `channel` until one of kind `last` (inclusive).
    fn events_until(&self, channel: u32, last: &str) -> Vec<Value> {
        support::channel_events_until(&self.events, channel, EVENT_TIMEOUT, |e| e["kind"] == last)
    }
}

/// The core tests' fake provider (one fake server for the Rust layers), answering with an OpenAI Chat
/// Completions stream of `pieces`; it lives as long as the app's async runtime.
fn openai_server(pieces: &[&str]) -> Server {
    tauri::async_runtime::block_on(Server::start(vec![stream(openai_stream(pieces, true))]))
}

#[test]
fn a_message_streams_its_reply_over_the_channel() {
    let h = harness();
    let profile = support::profile_id(&h.webview, "Ana");
    let status = h
        .call("chat_status", json!({ "profileId": profile }))
        .expect("status");
    assert_eq!(status["configured"], false);
    assert!(status["helplines"].as_array().expect("lines").len() >= 2);

    let server = openai_server(&["Hello ", "Ana."]);
    let base = server.base_url.clone();
    let provider = h
        .call(
            "save_provider",
            json!({ "profileId": profile, "input": { "id": null, "name": "Local", "kind": "openAiCompatible",
                "baseUrl": base, "model": "m", "timeoutMs": 5000, "apiKey": null, "clearKey": false } }),
        )
        .expect("provider saved");
    assert_eq!(provider["hasKey"], false);

    let started = h
        .call(
            "send_message",
            json!({ "profileId": profile, "conversationId": null, "text": "Hi there",
                "onEvent": "__CHANNEL__:7" }),
        )
        .expect("sent");
    assert_eq!(started["userMessage"]["content"], "Hi there");
    let reply_id = started["replyId"].as_str().expect("a reply streams");
    let events = h.events_until(7, "done");
    let text: String = events
        .iter()
        .filter(|e| e["kind"] == "token")
        .map(|e| e["text"].as_str().expect("text"))
        .collect();
    assert_eq!(text, "Hello Ana.");
    let done = events.last().expect("done");
    assert_eq!(done["replyId"], reply_id);
    assert_eq!(done["message"]["status"], "complete");
    assert_eq!(done["message"]["role"], "assistant");

    let conversation = started["conversation"]["id"].clone();
    let messages = h
        .call(
            "conversation_messages",
            json!({ "profileId": profile, "conversationId": conversation,
                "page": { "limit": 1, "offset": 0 } }),
        )
        .expect("messages");
    // The newest page of one: the reply, of two messages.
    assert_eq!(messages["total"], 2);
    assert_eq!(messages["items"][0]["role"], "assistant");
    assert_eq!(messages["items"].as_array().expect("array").len(), 1);
    let list = h
        .call(
            "list_conversations",
            json!({ "profileId": profile, "page": { "limit": 10, "offset": 0 } }),
        )
        .expect("list");
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["preview"], "Hello Ana.");
}

#[test]
fn bad_chat_inputs_get_typed_errors() {
    let h = harness();
    let profile = support::profile_id(&h.webview, "Ana");
    assert_error(
        h.call(
            "send_message",
            json!({ "profileId": profile, "conversationId": null, "text": "  ", "onEvent": "__CHANNEL__:1" }),
        ),
        "validation",
        "empty",
    );
    assert_error(
        h.call(
            "send_message",
            json!({ "profileId": profile, "conversationId": null, "text": "a".repeat(8_001),
                "onEvent": "__CHANNEL__:1" }),
        ),
        "validation",
        "too_long message max=8000 actual=8001",
    );
    assert_error(
        h.call(
            "send_message",
            json!({ "profileId": profile, "conversationId": "not-an-id", "text": "hi", "onEvent": "__CHANNEL__:1" }),
        ),
        "validation",
        "conversation",
    );
    assert_error(
        h.call(
            "save_provider",
            json!({ "profileId": profile, "input": { "id": null, "name": "X", "kind": "gpt",
                "baseUrl": "http://127.0.0.1:1/v1", "model": "m", "timeoutMs": 5000 } }),
        ),
        "validation",
        "provider settings",
    );
    assert_error(
        h.call(
            "search_conversations",
            json!({ "profileId": profile, "query": "hi", "mode": "fuzzy" }),
        ),
        "validation",
        "search mode",
    );
    assert_error(
        h.call(
            "decide_proposal",
            json!({ "profileId": profile, "messageId": "00000000-0000-4000-8000-000000000000",
                "decision": { "kind": "maybe" } }),
        ),
        "validation",
        "choice",
    );
    assert_error(
        h.call(
            "cancel_reply",
            json!({ "profileId": profile, "replyId": "00000000-0000-4000-8000-000000000000" }),
        ),
        "not_found",
        "reply_not_streaming",
    );
    assert_error(
        h.call(
            "save_journal_entry",
            json!({ "profileId": profile, "entry": { "category": "poetry", "prompt": "p", "text": "t",
                "writingMs": 1 } }),
        ),
        "validation",
        "journal entry",
    );
    assert_error(
        h.call(
            "save_journal_entry",
            json!({ "profileId": profile, "entry": { "category": "growth", "prompt": "p", "text": " ",
                "writingMs": 1 } }),
        ),
        "validation",
        "empty",
    );
    assert_error(
        h.call(
            "finish_meditation",
            json!({ "profileId": profile, "runId": "00000000-0000-4000-8000-000000000000",
                "moodAfter": "great" }),
        ),
        "validation",
        "mood after",
    );
    assert_error(
        h.call(
            "add_activity_summary",
            json!({ "profileId": profile, "conversationId": "00000000-0000-4000-8000-000000000000",
                "result": { "kind": "yoga", "sessionId": "x" } }),
        ),
        "validation",
        "activity result",
    );
    assert_error(
        h.call(
            "set_helpline_region",
            json!({ "profileId": profile, "region": "Atlantis" }),
        ),
        "validation",
        "invalid_format helpline_region value=\"Atlantis\"",
    );
}
