//! Chat model providers over HTTP: their configuration ([`config`]), the presets offered ([`presets`]), the
//! two request formats ([`wire`]), their failures ([`errors`]), and streaming a reply through an ordered
//! fallback chain with retries ([`client`]). Their API keys are read through [`super::secrets`].

mod client;
mod config;
mod errors;
mod presets;
mod wire;

pub use client::*;
pub use config::*;
pub use errors::*;
pub use presets::*;
pub use wire::*;

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failing test should panic
mod tests {
    use std::time::Duration;

    use serde_json::json;

    use super::*;

    fn request() -> ChatRequest {
        ChatRequest {
            system: "Be kind.".into(),
            turns: vec![
                ChatTurn {
                    role: ChatRole::Assistant,
                    content: "stray".into(),
                },
                ChatTurn {
                    role: ChatRole::User,
                    content: "hi".into(),
                },
                ChatTurn {
                    role: ChatRole::User,
                    content: "again".into(),
                },
            ],
            max_tokens: None,
        }
    }

    #[test]
    fn openai_body() {
        let b = request().body(ProviderKind::OpenAiCompatible, "m");
        assert_eq!(b["stream"], true);
        assert_eq!(b["model"], "m");
        assert_eq!(
            b["messages"][0],
            json!({"role": "system", "content": "Be kind."})
        );
        assert_eq!(b["messages"].as_array().unwrap().len(), 4);
        assert!(b.get("max_tokens").is_none());
    }

    #[test]
    fn anthropic_body() {
        let b = request().body(ProviderKind::Anthropic, "claude");
        assert_eq!(b["system"], "Be kind.");
        assert_eq!(b["max_tokens"], DEFAULT_ANTHROPIC_MAX_TOKENS);
        assert_eq!(
            b["messages"],
            json!([{"role": "user", "content": "hi\n\nagain"}])
        );
    }

    #[test]
    fn presets_validate() {
        let all = presets();
        assert_eq!(all.len(), 6);
        for p in all {
            let c = p.to_config(&p.preset).validated().unwrap();
            assert_eq!(c.api_key.is_some(), p.needs_key);
        }
        let anthropic = presets()
            .into_iter()
            .find(|p| p.preset == "anthropic")
            .unwrap();
        assert_eq!(
            anthropic.to_config("a").endpoint(),
            "https://api.anthropic.com/v1/messages"
        );
    }

    #[test]
    fn bad_configs() {
        let ok = presets()[0].to_config("x");
        for bad in [
            ProviderConfig {
                base_url: "ftp://x".into(),
                ..ok.clone()
            },
            ProviderConfig {
                base_url: "not a url".into(),
                ..ok.clone()
            },
            ProviderConfig {
                model: " ".into(),
                ..ok.clone()
            },
            ProviderConfig {
                timeout_ms: 5,
                ..ok.clone()
            },
            ProviderConfig {
                id: "a b".into(),
                ..ok.clone()
            },
        ] {
            assert_eq!(
                bad.validated().unwrap_err().code(),
                crate::ErrorCode::Validation
            );
        }
        let trailing = ProviderConfig {
            base_url: "http://h:1/v1/".into(),
            ..ok
        };
        assert_eq!(
            trailing.validated().unwrap().endpoint(),
            "http://h:1/v1/chat/completions"
        );
    }

    #[test]
    fn backoff_doubles_and_caps() {
        let r = RetryPolicy {
            retries: 5,
            base_delay: Duration::from_millis(10),
            max_delay: Duration::from_millis(50),
        };
        let d: Vec<u128> = (0..5).map(|n| r.delay(n, None).as_millis()).collect();
        assert_eq!(d, vec![10, 20, 40, 50, 50]);
        assert_eq!(r.delay(0, Some(Duration::from_secs(30))).as_millis(), 50);
    }
}
