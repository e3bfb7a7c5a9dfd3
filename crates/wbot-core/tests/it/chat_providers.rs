//! Chat providers against a real HTTP server on 127.0.0.1: both wire formats, faults, fallback, cancel.
#![allow(clippy::unwrap_used)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::chat_support::*;
use tokio_util::sync::CancellationToken;
use wbot_core::chat::{
    ChatClient, ChatRequest, ChatRole, ChatTurn, Link, MemorySecretStore, MessageStatus,
    ProviderConfig, ProviderErrorKind, ProviderKind, RetryPolicy, SecretRef, SecretStore,
    MAX_REPLY_CHARS,
};
use wbot_core::{Reason, Subject};

fn fast_retry() -> RetryPolicy {
    RetryPolicy {
        retries: 2,
        base_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(20),
    }
}

fn client_with(secrets: Arc<MemorySecretStore>) -> ChatClient {
    ChatClient::new(secrets, fast_retry()).unwrap()
}

fn client() -> ChatClient {
    client_with(Arc::new(MemorySecretStore::default()))
}

fn provider(id: &str, kind: ProviderKind, base_url: &str) -> ProviderConfig {
    ProviderConfig {
        id: id.into(),
        name: format!("Provider {id}"),
        kind,
        base_url: base_url.into(),
        model: "test-model".into(),
        timeout_ms: 400,
        api_key: None,
    }
    .validated()
    .unwrap()
}

fn request() -> ChatRequest {
    ChatRequest {
        system: "You are a kind companion.".into(),
        turns: vec![ChatTurn {
            role: ChatRole::User,
            content: "I had a long day.".into(),
        }],
        max_tokens: Some(200),
    }
}

async fn reply(
    client: &ChatClient,
    chain: &[ProviderConfig],
) -> (wbot_core::chat::ChatOutcome, Vec<String>) {
    let mut tokens = Vec::new();
    let request = request();
    let outcome = client
        .stream_reply(&links(chain, &request), &CancellationToken::new(), |t| {
            tokens.push(t.to_string())
        })
        .await;
    (outcome, tokens)
}

/// Every provider of `chain` sent `request`.
fn links<'a>(chain: &[ProviderConfig], request: &'a ChatRequest) -> Vec<Link<'a>> {
    chain
        .iter()
        .map(|p| Link {
            provider: p.clone(),
            request: Some(request),
        })
        .collect()
}

#[tokio::test]
async fn openai_stream_with_bearer_key_and_exact_request() {
    let server = Server::start(vec![stream(openai_stream(
        &["That ", "sounds ", "tiring. ", "Héllo 🌿"],
        true,
    ))])
    .await;
    let secrets = Arc::new(MemorySecretStore::default());
    secrets.set("provider.oa.api_key", "sk-test-123").unwrap();
    let mut p = provider("oa", ProviderKind::OpenAiCompatible, &server.base_url);
    p.api_key = Some(SecretRef::for_provider("oa"));
    let (out, tokens) = reply(&client_with(secrets), &[p]).await;
    assert_eq!(out.status, MessageStatus::Complete, "{out:?}");
    assert_eq!(out.text, "That sounds tiring. Héllo 🌿");
    assert_eq!(tokens.len(), 4);
    assert_eq!(out.finish_reason.as_deref(), Some("stop"));
    let seen = server.requests();
    assert_eq!(seen.len(), 1);
    let r = &seen[0];
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("POST", "/v1/chat/completions")
    );
    assert_eq!(r.header("authorization"), Some("Bearer sk-test-123"));
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.body["stream"], true);
    assert_eq!(r.body["model"], "test-model");
    assert_eq!(r.body["max_tokens"], 200);
    assert_eq!(r.body["messages"][0]["role"], "system");
    assert_eq!(
        r.body["messages"][1],
        serde_json::json!({"role": "user", "content": "I had a long day."})
    );
}

#[tokio::test]
async fn anthropic_stream_with_its_headers() {
    let server = Server::start(vec![stream(anthropic_stream(&["I'm ", "here."], true))]).await;
    let secrets = Arc::new(MemorySecretStore::default());
    secrets.set("provider.an.api_key", "sk-ant-xyz").unwrap();
    let mut p = provider("an", ProviderKind::Anthropic, &server.base_url);
    p.api_key = Some(SecretRef::for_provider("an"));
    let (out, _) = reply(&client_with(secrets), &[p]).await;
    assert_eq!(out.status, MessageStatus::Complete, "{out:?}");
    assert_eq!(out.text, "I'm here.");
    assert_eq!(out.finish_reason.as_deref(), Some("end_turn"));
    let r = &server.requests()[0];
    assert_eq!(r.path, "/v1/messages");
    assert_eq!(r.header("x-api-key"), Some("sk-ant-xyz"));
    assert_eq!(r.header("anthropic-version"), Some("2023-06-01"));
    assert_eq!(r.header("authorization"), None);
    assert_eq!(r.body["system"], "You are a kind companion.");
    assert_eq!(r.body["max_tokens"], 200);
    assert_eq!(r.body["stream"], true);
    assert_eq!(r.body["messages"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn events_split_at_odd_byte_boundaries_over_the_wire() {
    // One byte per HTTP chunk, through UTF-8 sequences and line endings.
    let whole: Vec<u8> = openai_stream(&["né ", "🌿 ok"], true).concat();
    let chunks = whole.chunks(1).map(<[u8]>::to_vec).collect();
    let server = Server::start(vec![stream(chunks)]).await;
    let (out, _) = reply(
        &client(),
        &[provider(
            "a",
            ProviderKind::OpenAiCompatible,
            &server.base_url,
        )],
    )
    .await;
    assert_eq!(out.status, MessageStatus::Complete);
    assert_eq!(out.text, "né 🌿 ok");
}

#[tokio::test]
async fn retries_429_and_500_then_succeeds() {
    let server = Server::start(vec![
        openai_error(429, "Rate limit reached for requests", "requests"),
        openai_error(
            500,
            "The server had an error while processing your request.",
            "server_error",
        ),
        stream(openai_stream(&["fine"], true)),
    ])
    .await;
    let (out, _) = reply(
        &client(),
        &[provider(
            "a",
            ProviderKind::OpenAiCompatible,
            &server.base_url,
        )],
    )
    .await;
    assert_eq!(out.status, MessageStatus::Complete, "{out:?}");
    assert_eq!(out.attempts, 3);
    assert_eq!(out.text, "fine");
}

#[tokio::test]
async fn falls_back_to_the_next_provider_after_retries() {
    let bad = Server::start(vec![anthropic_error(529, "Overloaded", "overloaded_error")]).await;
    let good = Server::start(vec![stream(openai_stream(&["from B"], true))]).await;
    let chain = [
        provider("a", ProviderKind::Anthropic, &bad.base_url),
        provider("b", ProviderKind::OpenAiCompatible, &good.base_url),
    ];
    let (out, _) = reply(&client(), &chain).await;
    assert_eq!(out.status, MessageStatus::Complete);
    assert_eq!(out.provider_id.as_deref(), Some("b"));
    assert_eq!(bad.requests().len(), 3, "first try + 2 retries");
    assert_eq!(out.attempts, 4);
}

#[tokio::test]
async fn client_errors_are_not_retried_and_carry_the_providers_message() {
    let server = Server::start(vec![openai_error(
        404,
        "The model `gpt-9` does not exist or you do not have access to it.",
        "invalid_request_error",
    )])
    .await;
    let good = Server::start(vec![stream(openai_stream(&["never"], true))]).await;
    let chain = [
        provider("a", ProviderKind::OpenAiCompatible, &server.base_url),
        provider("b", ProviderKind::OpenAiCompatible, &good.base_url),
    ];
    let (out, _) = reply(&client(), &chain).await;
    assert_eq!(out.status, MessageStatus::Failed);
    let err = out.error.unwrap();
    assert_eq!(err.kind, ProviderErrorKind::Rejected);
    assert_eq!(err.status, Some(404));
    assert!(
        err.detail
            .as_deref()
            .unwrap_or_default()
            .contains("does not exist"),
        "{err}"
    );
    assert_eq!(server.requests().len(), 1);
    assert!(good.requests().is_empty());
}

#[tokio::test]
async fn bad_key_is_an_auth_error() {
    let server = Server::start(vec![anthropic_error(
        401,
        "invalid x-api-key",
        "authentication_error",
    )])
    .await;
    let (out, _) = reply(
        &client(),
        &[provider("a", ProviderKind::Anthropic, &server.base_url)],
    )
    .await;
    let err = out.error.unwrap();
    assert_eq!(err.kind, ProviderErrorKind::Auth);
    assert_eq!(err.detail.as_deref(), Some("invalid x-api-key"));
    assert_eq!(server.requests().len(), 1);
    let core_err: wbot_core::CoreError = err.into();
    assert_eq!(core_err.code(), wbot_core::ErrorCode::Validation);
}

#[tokio::test]
async fn missing_key_fails_before_any_request() {
    let server = Server::start(vec![stream(openai_stream(&["x"], true))]).await;
    let mut p = provider("a", ProviderKind::OpenAiCompatible, &server.base_url);
    p.api_key = Some(SecretRef::for_provider("a"));
    let (out, _) = reply(&client(), &[p]).await;
    assert_eq!(out.error.unwrap().kind, ProviderErrorKind::MissingKey);
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn cut_stream_keeps_what_arrived_as_partial_without_retry() {
    let server = Server::start(vec![Reply::Stream {
        chunks: openai_stream(&["I hear ", "you, and "], false),
        gap: Duration::ZERO,
        end: End::Cut,
    }])
    .await;
    let (out, tokens) = reply(
        &client(),
        &[provider(
            "a",
            ProviderKind::OpenAiCompatible,
            &server.base_url,
        )],
    )
    .await;
    assert_eq!(out.status, MessageStatus::Partial, "{out:?}");
    assert_eq!(out.text, "I hear you, and ");
    assert_eq!(tokens.concat(), out.text);
    assert_eq!(out.error.unwrap().kind, ProviderErrorKind::Interrupted);
    assert_eq!(server.requests().len(), 1, "no retry once text was shown");
}

#[tokio::test]
async fn clean_end_without_done_marker_is_partial() {
    let server = Server::start(vec![stream(anthropic_stream(&["half"], false))]).await;
    let (out, _) = reply(
        &client(),
        &[provider("a", ProviderKind::Anthropic, &server.base_url)],
    )
    .await;
    assert_eq!(out.status, MessageStatus::Partial);
    assert_eq!(out.text, "half");
}

#[tokio::test]
async fn stalled_stream_times_out_as_partial() {
    let server = Server::start(vec![Reply::Stream {
        chunks: openai_stream(&["Let me think"], false),
        gap: Duration::ZERO,
        end: End::Stall,
    }])
    .await;
    let started = Instant::now();
    let (out, _) = reply(
        &client(),
        &[provider(
            "a",
            ProviderKind::OpenAiCompatible,
            &server.base_url,
        )],
    )
    .await;
    assert_eq!(out.status, MessageStatus::Partial);
    assert_eq!(out.text, "Let me think");
    assert_eq!(out.error.unwrap().kind, ProviderErrorKind::Timeout);
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn stall_before_headers_times_out_then_falls_back() {
    let stalled = Server::start(vec![Reply::StallBeforeHeaders]).await;
    let good = Server::start(vec![stream(anthropic_stream(&["ok"], true))]).await;
    let mut slow = provider("a", ProviderKind::OpenAiCompatible, &stalled.base_url);
    slow.timeout_ms = 150;
    let chain = [slow, provider("b", ProviderKind::Anthropic, &good.base_url)];
    let started = Instant::now();
    let (out, _) = reply(&client(), &chain).await;
    assert_eq!(out.status, MessageStatus::Complete);
    assert_eq!(out.provider_id.as_deref(), Some("b"));
    assert_eq!(stalled.requests().len(), 3);
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn connection_refused_falls_back() {
    // Port 1 (tcpmux, privileged): nothing listens there. A port freed by this test could be taken at
    // once by a server of another test running in parallel.
    let port = 1;
    let good = Server::start(vec![stream(openai_stream(&["ok"], true))]).await;
    let chain = [
        provider(
            "down",
            ProviderKind::OpenAiCompatible,
            &format!("http://127.0.0.1:{port}/v1"),
        ),
        provider("b", ProviderKind::OpenAiCompatible, &good.base_url),
    ];
    let (out, _) = reply(&client(), &chain).await;
    assert_eq!(out.status, MessageStatus::Complete);
    assert_eq!(out.attempts, 4);

    let (out, _) = reply(&client(), &chain[..1]).await;
    assert_eq!(out.status, MessageStatus::Failed);
    let err = out.error.unwrap();
    assert_eq!(err.kind, ProviderErrorKind::Connect);
    assert_eq!(err.detail, None, "nothing was said");
}

#[tokio::test]
async fn garbage_is_an_invalid_response_and_falls_back_without_retry() {
    let garbage = Server::start(vec![stream(vec![
        b"<html><body>Welcome to nginx!</body></html>".to_vec(),
    ])])
    .await;
    let good = Server::start(vec![stream(openai_stream(&["ok"], true))]).await;
    let chain = [
        provider("g", ProviderKind::OpenAiCompatible, &garbage.base_url),
        provider("b", ProviderKind::OpenAiCompatible, &good.base_url),
    ];
    let (out, _) = reply(&client(), &chain).await;
    assert_eq!(out.status, MessageStatus::Complete);
    assert_eq!(garbage.requests().len(), 1);
    let (out, _) = reply(&client(), &chain[..1]).await;
    assert_eq!(out.error.unwrap().kind, ProviderErrorKind::InvalidResponse);
}

#[tokio::test]
async fn error_event_mid_stream_before_text_is_retried() {
    let overloaded = "event: error\ndata: {\"type\": \"error\", \"error\": {\"type\": \"overloaded_error\", \"message\": \"Overloaded\"}}\n\n";
    let server = Server::start(vec![
        stream(vec![
            anthropic_stream(&[], false).concat(),
            overloaded.as_bytes().to_vec(),
        ]),
        stream(anthropic_stream(&["second time"], true)),
    ])
    .await;
    let (out, _) = reply(
        &client(),
        &[provider("a", ProviderKind::Anthropic, &server.base_url)],
    )
    .await;
    assert_eq!(out.status, MessageStatus::Complete, "{out:?}");
    assert_eq!(out.text, "second time");
    assert_eq!(out.attempts, 2);
}

#[tokio::test]
async fn cancel_mid_stream_keeps_what_arrived() {
    let server = Server::start(vec![Reply::Stream {
        chunks: openai_stream(&["one ", "two ", "three ", "four"], true),
        gap: Duration::from_millis(60),
        end: End::Clean,
    }])
    .await;
    let cancel = CancellationToken::new();
    let c = cancel.clone();
    let mut got = 0;
    let sent = request();
    let out = client()
        .stream_reply(
            &links(
                &[provider(
                    "a",
                    ProviderKind::OpenAiCompatible,
                    &server.base_url,
                )],
                &sent,
            ),
            &cancel,
            |_| {
                got += 1;
                if got == 2 {
                    c.cancel();
                }
            },
        )
        .await;
    assert_eq!(out.status, MessageStatus::Cancelled);
    assert_eq!(out.text, "one two ");

    // Cancelled while waiting for bytes: once the server has the request (polled with a deadline).
    let server = Server::start(vec![Reply::StallBeforeHeaders]).await;
    let cancel = CancellationToken::new();
    let mut p = provider("a", ProviderKind::OpenAiCompatible, &server.base_url);
    p.timeout_ms = 10_000;
    let started = Instant::now();
    let cancel_once_sent = async {
        let deadline = Instant::now() + Duration::from_secs(5);
        while server.requests().is_empty() && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        cancel.cancel();
    };
    let (client, request) = (client(), request());
    let chain = links(&[p], &request);
    let (out, ()) = tokio::join!(
        client.stream_reply(&chain, &cancel, |_| {}),
        cancel_once_sent
    );
    assert_eq!(
        server.requests().len(),
        1,
        "cancelled while the request waited"
    );
    assert_eq!(out.status, MessageStatus::Cancelled);
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn empty_chain_says_no_model_is_set_up() {
    let (out, _) = reply(&client(), &[]).await;
    assert_eq!(out.status, MessageStatus::Failed);
    assert_eq!(out.error.unwrap().kind, ProviderErrorKind::NotConfigured);
}

#[tokio::test]
async fn test_connection_ok_and_typed_error() {
    let server = Server::start(vec![
        Reply::Stream {
            chunks: openai_stream(&["OK", " and more"], true),
            gap: Duration::from_millis(20),
            end: End::Clean,
        },
        openai_error(
            401,
            "Incorrect API key provided: sk-****",
            "invalid_request_error",
        ),
    ])
    .await;
    let p = provider("a", ProviderKind::OpenAiCompatible, &server.base_url);
    let report = client().test_connection(&p).await.unwrap();
    assert_eq!(report.sample, "OK");
    assert_eq!(report.provider_id, "a");
    let err = client().test_connection(&p).await.unwrap_err();
    assert_eq!(err.kind, ProviderErrorKind::Auth);
    assert_eq!(err.status, Some(401));
    assert_eq!(server.requests().len(), 2);
}

/// A redirect is not followed: it would carry the API key and the conversation (re-sent on a 307)
/// to another host. The reply fails as the provider's refusal, and the other host hears nothing.
#[tokio::test]
async fn redirects_are_not_followed() {
    let elsewhere = Server::start(vec![stream(openai_stream(&["Stolen."], true))]).await;
    let server = Server::start(vec![Reply::Redirect {
        location: format!("{}/chat/completions", elsewhere.base_url),
    }])
    .await;
    let mut chain = vec![provider(
        "a",
        ProviderKind::OpenAiCompatible,
        &server.base_url,
    )];
    chain[0].api_key = Some(SecretRef::for_provider("a"));
    let secrets = Arc::new(MemorySecretStore::default());
    secrets
        .set(&SecretRef::for_provider("a").key, "sk-secret")
        .unwrap();
    let (out, tokens) = reply(&client_with(secrets), &chain).await;
    assert_eq!(out.status, MessageStatus::Failed);
    let err = out.error.unwrap();
    assert_eq!(
        (err.kind, err.status),
        (ProviderErrorKind::Rejected, Some(307))
    );
    assert!(tokens.is_empty());
    assert_eq!(server.requests().len(), 1, "a refusal is not retried");
    assert!(
        elsewhere.requests().is_empty(),
        "nothing reached the other host"
    );
}

/// Plain http only on this device or the local network; no user name or password in an address.
#[test]
fn provider_addresses_are_checked() {
    let config = |base_url: &str| {
        ProviderConfig {
            id: "p".into(),
            name: "P".into(),
            kind: ProviderKind::OpenAiCompatible,
            base_url: base_url.into(),
            model: "m".into(),
            timeout_ms: 5000,
            api_key: None,
        }
        .validated()
    };
    for ok in [
        "http://127.0.0.1:11434/v1",
        "http://localhost:8080/v1",
        "http://192.168.1.20:1234/v1",
        "http://10.0.0.5/v1",
        "http://172.16.3.4/v1",
        "http://169.254.10.1/v1",
        "http://[::1]:11434/v1",
        "http://[fd12::5]:11434/v1",
        "http://gpu-box.local:11434/v1",
        "http://gpu-box:11434/v1",
        "https://api.openai.com/v1",
        "https://203.0.113.9/v1",
    ] {
        assert!(config(ok).is_ok(), "{ok}: {:?}", config(ok).err());
    }
    for (bad, reason) in [
        ("http://api.openai.com/v1", Reason::InsecureAddress),
        ("http://203.0.113.9:11434/v1", Reason::InsecureAddress),
        ("http://172.32.0.1/v1", Reason::InsecureAddress),
        ("http://[2001:db8::1]/v1", Reason::InsecureAddress),
        (
            "https://user:pass@api.example.com/v1",
            Reason::AddressWithCredentials,
        ),
        (
            "http://me@127.0.0.1:11434/v1",
            Reason::AddressWithCredentials,
        ),
        ("ftp://127.0.0.1/v1", Reason::InvalidFormat),
        ("not an address", Reason::InvalidFormat),
    ] {
        let err = config(bad).expect_err(bad);
        assert_eq!(err.reason, reason, "{bad}: {err}");
        assert_eq!(err.params.subject, Some(Subject::ProviderAddress), "{bad}");
    }
}

#[tokio::test]
async fn a_runaway_reply_stops_at_the_cap_and_keeps_what_came() {
    // 40 pieces of 1,000 characters: the cap falls inside the 33rd.
    let piece = "é".repeat(1_000);
    let pieces: Vec<&str> = (0..40).map(|_| piece.as_str()).collect();
    let server = Server::start(vec![stream(openai_stream(&pieces, true))]).await;
    let p = provider("a", ProviderKind::OpenAiCompatible, &server.base_url);
    let (out, tokens) = reply(&client(), &[p]).await;
    assert_eq!(out.status, MessageStatus::Partial, "{:?}", out.error);
    assert_eq!(out.error.map(|e| e.kind), Some(ProviderErrorKind::TooLong));
    assert_eq!(out.text.chars().count(), MAX_REPLY_CHARS);
    assert_eq!(tokens.concat(), out.text, "the person saw what is kept");
    assert_eq!(out.attempts, 1, "a reply cut at the cap is not asked again");
}

#[tokio::test]
async fn a_line_too_large_to_be_a_reply_is_refused() {
    // One SSE line of 2 MiB that never ends, then more: the stream is refused as not a reply.
    let mut chunks = openai_stream(&["Hello "], false);
    chunks.push(b"data: ".to_vec());
    chunks.extend((0..32).map(|_| vec![b'x'; 64 * 1024]));
    let server = Server::start(vec![stream(chunks)]).await;
    let p = provider("a", ProviderKind::OpenAiCompatible, &server.base_url);
    let (out, _) = reply(&client(), &[p]).await;
    assert_eq!(out.status, MessageStatus::Partial, "{:?}", out.error);
    assert_eq!(out.text, "Hello ");
    assert_eq!(
        out.error.map(|e| e.kind),
        Some(ProviderErrorKind::InvalidResponse)
    );
}

#[tokio::test]
async fn a_reply_that_trickles_on_stops_at_the_deadline() {
    // A piece every 40 ms (well within the 400 ms timeout for each piece) for 4 s; the deadline is 300 ms.
    let pieces: Vec<String> = (0..100).map(|i| format!("{i} ")).collect();
    let pieces: Vec<&str> = pieces.iter().map(String::as_str).collect();
    let server = Server::start(vec![Reply::Stream {
        chunks: openai_stream(&pieces, true),
        gap: Duration::from_millis(40),
        end: End::Clean,
    }])
    .await;
    let p = provider("a", ProviderKind::OpenAiCompatible, &server.base_url);
    let client = client().with_deadline(Duration::from_millis(300));
    let started = Instant::now();
    let (out, tokens) = reply(&client, &[p]).await;
    assert_eq!(out.status, MessageStatus::Partial, "{:?}", out.error);
    assert_eq!(out.error.map(|e| e.kind), Some(ProviderErrorKind::Deadline));
    assert!(!tokens.is_empty() && tokens.len() < 100, "{tokens:?}");
    assert_eq!(tokens.concat(), out.text);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "stopped at the deadline, not at the end"
    );
}

#[tokio::test]
async fn https_goes_through_the_one_tls_stack() {
    // A loopback listener that reads the first bytes and hangs up: the client must open TLS with the
    // process's crypto provider (ring) and report a failed connection, not panic for want of one.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let first = tokio::spawn(async move {
        use tokio::io::AsyncReadExt;
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut byte = [0u8; 1];
        socket.read_exact(&mut byte).await.unwrap();
        byte[0]
    });
    let p = provider(
        "a",
        ProviderKind::OpenAiCompatible,
        &format!("https://127.0.0.1:{port}/v1"),
    );
    let (out, tokens) = reply(&client(), &[p]).await;
    assert!(tokens.is_empty());
    assert!(
        out.error.is_some(),
        "a server that speaks no TLS gives no reply"
    );
    assert_eq!(
        first.await.unwrap(),
        0x16,
        "a TLS handshake record was sent"
    );
}
