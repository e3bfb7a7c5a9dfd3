//! Issue 13's fuzzing proof for the commands: every command of the generated bindings is called through
//! the real IPC on the mock runtime with arguments of the types the webview can send (any string, bool or
//! byte where the bindings say so, any JSON for an input object), half the time for a real profile. No
//! call may panic or hang, and every failure must be a typed `AppError` (a code and a reason).

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{json, Value};

use crate::fuzz_support::any_json;
use crate::support;

/// Calls per command.
const CASES_PER_COMMAND: u32 = 40;

/// Left out: `show_notification` needs the notification plugin, which the real app registers and the
/// mock app cannot (it talks to the desktop); `tests/e2e/reminders.test.js` calls it in the real app.
/// `restart_app` would end the test process; `scripts/test-update` restarts the installed app with it.
const NOT_FUZZED: &[&str] = &["show_notification", "restart_app"];

/// A command of the bindings and the TypeScript type of each argument, in order.
struct Command {
    name: String,
    args: Vec<(String, String)>,
}

/// The commands as `ui/src/bindings.ts` calls them: `name: (a: T, b: U) => ...__TAURI_INVOKE("cmd", { a, b })`.
fn commands() -> Vec<Command> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../ui/src/bindings.ts");
    let text = std::fs::read_to_string(path).expect("the bindings");
    text.lines()
        .filter_map(|line| {
            let (_, rest) = line.split_once("__TAURI_INVOKE(\"")?;
            let name = rest.split('"').next()?.to_string();
            let params = line.split_once(": (")?.1.split_once(") =>")?.0;
            let args = params
                .split(", ")
                .filter(|p| !p.is_empty())
                .map(|p| {
                    let (arg, ty) = p.split_once(": ").expect("name: type");
                    (arg.to_string(), ty.to_string())
                })
                .collect();
            Some(Command { name, args })
        })
        .filter(|c| !NOT_FUZZED.contains(&c.name.as_str()))
        .collect()
}

/// A string: arbitrary, or a real id of the profile (`profileId` and lists of ids take it half the time).
fn any_string(real: &str) -> BoxedStrategy<Value> {
    prop_oneof![
        "\\PC{0,40}".prop_map(Value::from),
        Just(json!(real)),
        Just(json!("00000000-0000-0000-0000-000000000000")),
    ]
    .boxed()
}

/// A value of the TypeScript type `ty` as the webview could send it.
fn value_of(arg: &str, ty: &str, ana: &str) -> BoxedStrategy<Value> {
    let nullable = ty.ends_with(" | null");
    let base = ty.trim_end_matches(" | null");
    let id = if arg == "profileId" { ana } else { "" };
    let strategy = match base {
        "string" => any_string(id),
        "boolean" => any::<bool>().prop_map(Value::from).boxed(),
        "number" => any::<u8>().prop_map(Value::from).boxed(),
        "number[]" => prop::collection::vec(any::<u8>(), 0..512)
            .prop_map(Value::from)
            .boxed(),
        "string[]" => prop::collection::vec(any_string(""), 0..4)
            .prop_map(Value::from)
            .boxed(),
        channel if channel.starts_with("Channel<") => Just(json!("__CHANNEL__:1")).boxed(),
        _ => any_json().boxed(),
    };
    if nullable {
        prop_oneof![Just(Value::Null), strategy].boxed()
    } else {
        strategy
    }
}

#[test]
fn every_command_answers_arbitrary_input_with_a_value_or_a_typed_error() {
    let commands = commands();
    assert!(commands.len() > 80, "the bindings were read");
    let dir = tempfile::tempdir().expect("temp dir");
    // Where `export_profile` writes in a debug build, so the fuzz never fills the home folder.
    std::env::set_var("WBOT_EXPORT_DIR", dir.path().join("exports"));
    let core = support::core_with_model(&dir.path().join("data"));
    let (_app, webview, _events) = support::channel_app(core);
    let mut ana = support::profile_id(&webview, "Ana");
    let (calls, answered) = (std::cell::Cell::new(0u32), std::cell::Cell::new(0u32));
    for command in &commands {
        let args: Vec<BoxedStrategy<(String, Value)>> = command
            .args
            .iter()
            .map(|(arg, ty)| {
                let arg = arg.clone();
                value_of(&arg, ty, &ana)
                    .prop_map(move |v| (arg.clone(), v))
                    .boxed()
            })
            .collect();
        // One runner per command: a runner counts its cases over all its runs.
        let mut runner = TestRunner::new(Config {
            cases: CASES_PER_COMMAND,
            failure_persistence: None,
            ..Config::default()
        });
        runner
            .run(&args, |args| {
                let body: serde_json::Map<String, Value> = args.into_iter().collect();
                let result = support::invoke(&webview, &command.name, Value::Object(body.clone()));
                calls.set(calls.get() + 1);
                answered.set(answered.get() + u32::from(result.is_ok()));
                if let Err(err) = &result {
                    prop_assert!(
                        err["code"].is_string() && err["reason"].is_string(),
                        "{} {body:?}: an untyped error {err}",
                        command.name
                    );
                }
                Ok(())
            })
            .unwrap_or_else(|e| panic!("{}: {e}", command.name));
        // A fuzzed delete or lock may take the profile away: the next command gets a new one.
        let active = support::invoke(&webview, "list_profiles", json!({})).expect("profiles");
        let usable = active
            .as_array()
            .expect("a list")
            .iter()
            .any(|p| p["id"] == json!(ana) && p["locked"] == json!(false));
        if !usable {
            ana = support::profile_id(&webview, "Ana");
        }
    }
    let (calls, answered) = (calls.get(), answered.get());
    assert!(calls >= CASES_PER_COMMAND * commands.len() as u32);
    println!(
        "fuzzed {} commands with {calls} calls: {answered} answered, {} typed errors",
        commands.len(),
        calls - answered
    );
}
