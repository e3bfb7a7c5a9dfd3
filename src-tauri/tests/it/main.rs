//! Every integration test of this crate in one binary (one link of the dependency tree, not one per
//! file); each module is one area, run alone with `cargo nextest run -p <crate> <module>::`.

/// The fake chat provider of the core's tests, shared rather than written twice.
#[path = "../../../crates/wbot-core/tests/it/chat_support/mod.rs"]
mod chat_support;
/// The fuzzing strategies of the core's tests.
#[path = "../../../crates/wbot-core/tests/it/fuzz_support.rs"]
mod fuzz_support;
mod support;

mod bindings;
mod breathing_commands;
mod chat_commands;
mod commands;
mod contract;
mod fuzz;
mod memory_commands;
mod security;
