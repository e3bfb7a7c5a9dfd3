//! Online chat models (ADR 0017): a provider that is not on this device or its local network is never
//! sent a prompt until the person allows it, and its allowance goes with its address.
#![allow(clippy::unwrap_used)]

use crate::chat_support::*;
use crate::turn_support::*;
use wbot_core::chat::{MessageStatus, ProviderErrorKind, ProviderKind};
use wbot_core::{ErrorCode, ProviderId};

#[tokio::test]
async fn an_online_provider_gets_nothing_until_it_is_allowed_and_again_after_it_moves() {
    let h = harness().await;
    let chat = h.core.chat();
    let online = chat
        .save_provider(
            &h.profile,
            input(
                "Online",
                ProviderKind::OpenAiCompatible,
                "https://api.example.com/v1",
            ),
        )
        .await
        .unwrap();
    assert!(online.remote && !online.allowed);

    // Alone in the chain, it is passed over without a request: the reply fails and says why.
    let (send, mut rx) = events();
    chat.send_message(&h.profile, None, "Hello, it has been a long week", send)
        .await
        .unwrap();
    let failed = done_message(&rx.until_done().await);
    assert_eq!(failed.status, MessageStatus::Failed);
    let error = failed.error.unwrap();
    assert_eq!(error.kind, ProviderErrorKind::NotAllowed);
    assert_eq!(error.provider_id, online.id.as_str());

    // A local provider after it answers; the online one is still not asked.
    let server = Server::start(vec![stream(openai_stream(&["I'm here."], true))]).await;
    let local = chat
        .save_provider(
            &h.profile,
            input("Local", ProviderKind::OpenAiCompatible, &server.base_url),
        )
        .await
        .unwrap();
    assert!(!local.remote && local.allowed);
    let (send, mut rx) = events();
    chat.send_message(&h.profile, None, "Are you there?", send)
        .await
        .unwrap();
    let reply = done_message(&rx.until_done().await);
    assert_eq!(reply.status, MessageStatus::Complete);
    assert_eq!(reply.content, "I'm here.");
    assert_eq!(server.requests().len(), 1);

    // Allowed, it stays allowed through a change of name or model, not of address.
    let allowed = chat.allow_provider(&h.profile, &online.id).await.unwrap();
    assert!(allowed.remote && allowed.allowed);
    let mut renamed = input(
        "Online model",
        ProviderKind::OpenAiCompatible,
        "https://api.example.com/v1/",
    );
    renamed.id = Some(online.id.clone());
    renamed.model = "another-model".into();
    assert!(
        chat.save_provider(&h.profile, renamed.clone())
            .await
            .unwrap()
            .allowed
    );
    renamed.base_url = "https://api.example.org/v1".into();
    let moved = chat.save_provider(&h.profile, renamed).await.unwrap();
    assert!(moved.remote && !moved.allowed, "another host asks again");

    // A local provider needs no allowance; an unknown one is not found.
    assert_eq!(
        chat.allow_provider(&h.profile, &local.id).await.unwrap(),
        local
    );
    let err = chat
        .allow_provider(&h.profile, &ProviderId::new())
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
}

#[tokio::test]
async fn what_is_local_and_what_is_online() {
    let h = harness().await;
    let chat = h.core.chat();
    for (url, remote) in [
        ("http://127.0.0.1:11434/v1", false),
        ("http://localhost:8080/v1", false),
        ("http://192.168.1.20:8080/v1", false),
        ("http://gpu-box:8080/v1", false),
        ("http://studio.local:1234/v1", false),
        ("http://[::1]:8080/v1", false),
        ("https://api.openai.com/v1", true),
        ("https://openrouter.ai/api/v1", true),
        ("https://8.8.8.8/v1", true),
    ] {
        let saved = chat
            .save_provider(&h.profile, input("P", ProviderKind::OpenAiCompatible, url))
            .await
            .unwrap();
        assert_eq!((saved.remote, saved.allowed), (remote, !remote), "{url}");
        chat.delete_provider(&h.profile, &saved.id).await.unwrap();
    }
}
