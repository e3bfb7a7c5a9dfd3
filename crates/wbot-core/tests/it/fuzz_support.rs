//! What the fuzzing tests generate (issue 13's proof), shared by the core's and the shell's tests.

use proptest::prelude::*;
use serde_json::Value;

/// Any JSON value, a few levels deep, with strings the commands know now and then.
pub fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-1e12f64..1e12).prop_map(Value::from),
        "\\PC{0,30}".prop_map(Value::from),
        prop::sample::select(vec!["", "box", "en", "dark", "okay", "ocean", "2026-11-28"])
            .prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
            prop::collection::btree_map("[a-zA-Z_]{1,14}", inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}
