//! Every integration test of this crate in one binary (one link of the dependency tree, not one per
//! file); each module is one area, run alone with `cargo nextest run -p <crate> <module>::`.

mod support;

mod bindings;
mod breathing_commands;
mod chat_commands;
mod commands;
mod memory_commands;
