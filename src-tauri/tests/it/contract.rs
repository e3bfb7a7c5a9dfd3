//! The contract the UI's fake backend shares with the shell: the cases of
//! `ui/src/test/contract-cases.json`, run here against the real commands on Tauri's mock runtime (and in
//! `ui/src/test/contract.test.ts` against the fake). A case the two answer differently fails one side.

use serde_json::{json, Value};

use crate::support;

fn cases() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../ui/src/test/contract-cases.json"
    );
    let text = std::fs::read_to_string(path).expect("the contract cases");
    serde_json::from_str(&text).expect("the contract cases are JSON")
}

/// The JSON placeholders, as the UI's runner fills them.
fn fill(value: &Value, ana: &str, unknown: &str) -> Value {
    match value {
        Value::String(s) if s == "$ana" => json!(ana),
        Value::String(s) if s == "$unknown" => json!(unknown),
        Value::String(s) if s == "$answers" => support::answers(),
        Value::String(s) if s.starts_with('$') && s.ends_with("chars") => {
            let n: usize = s[1..s.len() - 5].parse().expect("a length");
            json!("é".repeat(n))
        }
        Value::Array(items) => items.iter().map(|v| fill(v, ana, unknown)).collect(),
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| (k.clone(), fill(v, ana, unknown)))
            .collect::<serde_json::Map<_, _>>()
            .into(),
        other => other.clone(),
    }
}

#[test]
fn the_shell_keeps_the_contract() {
    let contract = cases();
    let unknown = contract["unknownId"].as_str().expect("unknownId");
    let cases = contract["cases"].as_array().expect("cases");
    assert!(cases.len() >= 10, "a contract worth the name");
    for case in cases {
        let name = case["name"].as_str().expect("name");
        let dir = tempfile::tempdir().expect("temp dir");
        let core = support::core_with_model(dir.path());
        let (_app, webview, _events) = support::channel_app(core);
        let ana = support::profile_id(&webview, "Ana");
        let command = case["command"].as_str().expect("command");
        let result = support::invoke(&webview, command, fill(&case["args"], &ana, unknown));
        let expect = &case["expect"];
        if expect == "ok" {
            let answer = result.unwrap_or_else(|e| panic!("{name}: {e}"));
            // Fields the answer must hold, when the case names them: of the answer, or of each
            // item of a list.
            match case.get("result") {
                Some(Value::Object(want)) => holds(name, &answer, want),
                Some(Value::Array(items)) => {
                    let got = answer.as_array().expect("a list answer");
                    assert_eq!(got.len(), items.len(), "{name}: {answer}");
                    for (item, want) in got.iter().zip(items) {
                        holds(name, item, want.as_object().expect("fields"));
                    }
                }
                _ => {}
            }
            continue;
        }
        let err = result.expect_err(name);
        assert_eq!(err["code"], expect["code"], "{name}: {err}");
        assert_eq!(err["reason"], expect["reason"], "{name}: {err}");
        for (param, want) in expect["params"].as_object().expect("params") {
            let got = &err["params"][param];
            // Numbers cross as floats (`100.0`); the cases write them as JSON integers.
            let same = match (got.as_f64(), want.as_f64()) {
                (Some(a), Some(b)) => a == b,
                _ => got == want,
            };
            assert!(same, "{name}: {param} is {got}, expected {want}, in {err}");
        }
    }
}

fn holds(name: &str, answer: &Value, want: &serde_json::Map<String, Value>) {
    for (field, value) in want {
        assert_eq!(&answer[field], value, "{name}: {field} in {answer}");
    }
}
