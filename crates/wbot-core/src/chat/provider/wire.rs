//! What a chat request is, and its body in each provider's wire format (OpenAI-compatible, Anthropic Messages).

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::*;

/// Who said a turn of the conversation sent to a model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum ChatRole {
    User,
    Assistant,
}

/// One turn sent to a model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ChatTurn {
    pub role: ChatRole,
    pub content: String,
}

/// What a reply is asked for: the system prompt and the conversation, oldest first, ending with the user.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChatRequest {
    pub system: String,
    pub turns: Vec<ChatTurn>,
    /// The longest reply. Sent to OpenAI-compatible servers only when set (some models reject the field);
    /// Anthropic requires it (default [`DEFAULT_ANTHROPIC_MAX_TOKENS`]).
    pub max_tokens: Option<u32>,
}

impl ChatRequest {
    /// The JSON body for `kind`, exactly as that API expects it (always streaming).
    pub fn body(&self, kind: ProviderKind, model: &str) -> Value {
        let role = |r: ChatRole| match r {
            ChatRole::User => "user",
            ChatRole::Assistant => "assistant",
        };
        match kind {
            ProviderKind::OpenAiCompatible => {
                let mut messages = Vec::with_capacity(self.turns.len() + 1);
                if !self.system.is_empty() {
                    messages.push(json!({"role": "system", "content": self.system}));
                }
                for t in &self.turns {
                    messages.push(json!({"role": role(t.role), "content": t.content}));
                }
                let mut body = json!({"model": model, "messages": messages, "stream": true});
                if let Some(max) = self.max_tokens {
                    body["max_tokens"] = json!(max);
                }
                body
            }
            ProviderKind::Anthropic => {
                // Anthropic wants alternating turns starting with the user: merge runs, drop a leading reply.
                let mut merged: Vec<(ChatRole, String)> = Vec::new();
                for t in &self.turns {
                    if merged.is_empty() && t.role == ChatRole::Assistant {
                        continue;
                    }
                    match merged.last_mut() {
                        Some((r, text)) if *r == t.role => {
                            text.push_str("\n\n");
                            text.push_str(&t.content);
                        }
                        _ => merged.push((t.role, t.content.clone())),
                    }
                }
                let messages: Vec<Value> = merged
                    .into_iter()
                    .map(|(r, c)| json!({"role": role(r), "content": c}))
                    .collect();
                let mut body = json!({
                    "model": model,
                    "max_tokens": self.max_tokens.unwrap_or(DEFAULT_ANTHROPIC_MAX_TOKENS),
                    "messages": messages,
                    "stream": true,
                });
                if !self.system.is_empty() {
                    body["system"] = json!(self.system);
                }
                body
            }
        }
    }
}
