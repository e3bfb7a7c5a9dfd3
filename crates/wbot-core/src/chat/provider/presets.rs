//! The providers a person can pick from a list, with their defaults.

use serde::{Deserialize, Serialize};

use super::*;

/// A starting point for a provider the user adds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ProviderPreset {
    /// A stable name, e.g. "ollama".
    pub preset: String,
    pub name: String,
    pub kind: ProviderKind,
    pub base_url: String,
    /// A model that usually exists there; the user can change it.
    pub suggested_model: String,
    /// Whether an API key is needed.
    pub needs_key: bool,
    /// Runs on this computer (works offline).
    pub local: bool,
    pub timeout_ms: u32,
}

impl ProviderPreset {
    /// A provider configured from this preset, with its key (if any) in [`SecretRef::for_provider`].
    pub fn to_config(&self, id: &str) -> ProviderConfig {
        ProviderConfig {
            id: id.to_string(),
            name: self.name.clone(),
            kind: self.kind,
            base_url: self.base_url.clone(),
            model: self.suggested_model.clone(),
            timeout_ms: self.timeout_ms,
            api_key: self.needs_key.then(|| SecretRef::for_provider(id)),
        }
    }
}

/// The known providers. Local servers get a longer timeout: the first request may load the model.
pub fn presets() -> Vec<ProviderPreset> {
    let p = |preset: &str,
             name: &str,
             kind,
             base_url: &str,
             model: &str,
             needs_key,
             local,
             timeout_ms| ProviderPreset {
        preset: preset.into(),
        name: name.into(),
        kind,
        base_url: base_url.into(),
        suggested_model: model.into(),
        needs_key,
        local,
        timeout_ms,
    };
    use ProviderKind::{Anthropic, OpenAiCompatible};
    vec![
        p(
            "ollama",
            "Ollama",
            OpenAiCompatible,
            "http://127.0.0.1:11434/v1",
            "llama3.2",
            false,
            true,
            120_000,
        ),
        p(
            "llamacpp",
            "llama.cpp server",
            OpenAiCompatible,
            "http://127.0.0.1:8080/v1",
            "default",
            false,
            true,
            120_000,
        ),
        p(
            "lmstudio",
            "LM Studio",
            OpenAiCompatible,
            "http://127.0.0.1:1234/v1",
            "local-model",
            false,
            true,
            120_000,
        ),
        p(
            "openai",
            "OpenAI",
            OpenAiCompatible,
            "https://api.openai.com/v1",
            "gpt-4o-mini",
            true,
            false,
            60_000,
        ),
        p(
            "anthropic",
            "Anthropic",
            Anthropic,
            "https://api.anthropic.com/v1",
            "claude-3-5-haiku-latest",
            true,
            false,
            60_000,
        ),
        p(
            "openrouter",
            "OpenRouter",
            OpenAiCompatible,
            "https://openrouter.ai/api/v1",
            "openrouter/auto",
            true,
            false,
            60_000,
        ),
    ]
}
