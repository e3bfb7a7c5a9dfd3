//! Every integration test of this crate in one binary (one link of the dependency tree, not one per
//! file); each module is one area, run alone with `cargo nextest run -p <crate> <module>::`.

mod support;

mod archive_cli;
mod journal_cli;
mod journal_draft_kill;
mod judge_cli;
mod meditation_cli;
mod memory_kill;
mod profiles_cli;
mod progress_cli;
mod reminders_cli;
mod updates_cli;
mod voice_cli;
mod wellness_cli;
