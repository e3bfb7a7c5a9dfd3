//! Every integration test of this crate in one binary (one link of the dependency tree, not one per
//! file); each module is one area, run alone with `cargo nextest run -p <crate> <module>::`.

mod chat_support;
mod fuzz_support;
mod memory_support;
mod turn_support;

mod archive;
mod audio_null_sink;
mod audio_render;
mod breathing_engine;
mod breathing_haptics;
mod breathing_live;
mod breathing_runner;
mod breathing_safety;
mod breathing_sound;
mod breathing_store;
mod breathing_voice_cues;
mod chat_crisis;
mod chat_keychain;
mod chat_meditation;
mod chat_providers;
mod chat_remote;
mod chat_store;
mod chat_turns;
mod guided_tracks;
mod journal_isolation;
mod journal_store;
mod judgement_figures;
mod meditation_live;
mod meditation_series;
mod meditation_store;
mod memory_embedding;
mod memory_isolation;
mod memory_runtime;
mod memory_store;
mod mood_store;
mod profile_lock;
mod profiles;
mod progress;
mod reminders;
mod ui_fixtures;
mod updates;
mod voice;
mod wellness;
