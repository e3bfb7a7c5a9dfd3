//! The UI's fake backend takes the core's constants (provider presets, breathing techniques and Wim Hof
//! defaults, helplines per region, validation limits) from `ui/src/test/core-fixtures.json` instead of
//! copies. This test fails when that file differs from what the core says, so the fakes cannot drift;
//! `WBOT_UPDATE_FIXTURES=1` rewrites it.

use std::path::Path;

use serde_json::{json, Map, Value};
use wbot_core::breathing::{self, techniques};
use wbot_core::chat::{helplines, presets, provider, setup, store, MAX_MESSAGE_CHARS};
use wbot_core::{journal, meditation, memory, profile};

/// Regions with their own helplines, and "" for every other.
const REGIONS: [&str; 8] = ["", "US", "GB", "IE", "CA", "AU", "NZ", "ES"];

fn fixtures() -> Value {
    let helplines: Map<String, Value> = REGIONS
        .iter()
        .map(|r| (r.to_string(), json!(helplines(r))))
        .collect();
    json!({
        "providerPresets": presets(),
        "techniques": techniques(),
        "helplines": helplines,
        "limits": {
            "displayNameChars": profile::MAX_DISPLAY_NAME,
            "messageChars": MAX_MESSAGE_CHARS,
            "titleChars": store::MAX_TITLE_CHARS,
            "conversationSearchResults": store::MAX_SEARCH_RESULTS,
            "providers": setup::MAX_PROVIDERS,
            "keyChars": setup::MAX_KEY_CHARS,
            "providerTimeoutMinMs": provider::MIN_TIMEOUT_MS,
            "providerTimeoutMaxMs": provider::MAX_TIMEOUT_MS,
            "memoryChars": memory::MAX_MEMORY_CHARS,
            "memoryBatch": memory::MAX_BATCH,
            "memorySearchLimit": memory::MAX_SEARCH_LIMIT,
            "memoryPage": memory::MAX_PAGE,
            "breathingPage": breathing::MAX_PAGE,
            "phaseSeconds": breathing::MAX_PHASE_S,
            "cycles": breathing::MAX_CYCLES,
            "meditationMinMs": meditation::MIN_PLANNED_MS,
            "meditationMaxMs": meditation::MAX_PLANNED_MS,
            "journalEntryChars": journal::MAX_ENTRY_CHARS,
            "journalPromptChars": journal::MAX_PROMPT_CHARS,
            "journalPage": journal::MAX_PAGE,
        },
    })
}

#[test]
fn ui_fixtures_match_the_core() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/test/core-fixtures.json");
    let expected = serde_json::to_string_pretty(&fixtures()).expect("json") + "\n";
    if std::env::var_os("WBOT_UPDATE_FIXTURES").is_some() {
        std::fs::write(&path, &expected).expect("write the fixtures");
        return;
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == expected,
        "{} differs from the core; run `WBOT_UPDATE_FIXTURES=1 cargo nextest run -p wbot-core ui_fixtures::` and commit it",
        path.display()
    );
}
