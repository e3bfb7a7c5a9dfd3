//! Whole chat turns on a real database, the real embedding model and a real HTTP server on 127.0.0.1
//! speaking the providers' wire formats: proposals, safety, streaming, partial and cancelled replies,
//! retry, fallback, memories made from exchanges, provider settings and their keys.
#![allow(clippy::unwrap_used)]

use crate::memory_support;

use std::time::Duration;

use crate::chat_support::*;
use crate::turn_support::*;
use wbot_core::breathing::{NewBreathingSession, SessionConfig, Technique};
use wbot_core::chat::prompt::CRISIS_NOTE;
use wbot_core::chat::{
    Activity, ActivityResult, ActivitySuggestion, MessageRole, MessageStatus, ProposalDecision,
    ProviderInput, ProviderKind, ReplyEvent, SearchMode, SecretRef, SecretStore,
};
use wbot_core::db::Page;
use wbot_core::{BreathingSessionId, ErrorCode, ProviderId};

#[tokio::test]
async fn offline_turns_propose_activities_and_flag_crisis_without_a_model() {
    let h = harness().await;
    let (send, mut rx) = events();
    let started = h
        .core
        .chat()
        .send_message(
            &h.profile,
            None,
            "I feel anxious, can you help me breathe?",
            send,
        )
        .await
        .unwrap();
    assert!(started.reply_id.is_none(), "no provider: no reply starts");
    assert_eq!(
        started.conversation.title,
        "I feel anxious, can you help me breathe?"
    );
    let ReplyEvent::Classified { message } = rx.next().await else {
        panic!("the classifier's verdict first")
    };
    let proposal = message.proposal.unwrap();
    assert_eq!(proposal.activity, Activity::Breathing);
    assert_eq!(
        proposal.suggestion,
        ActivitySuggestion::Breathing {
            technique: Technique::Box
        }
    );

    // Past-tense mentions offer nothing; the message is still saved. A turn's events end when its
    // background work is over (the sender is dropped), so "no proposal" is checked, not assumed.
    let conversation = started.conversation.id.clone();
    let (send, rx) = events();
    let plain = h
        .core
        .chat()
        .send_message(
            &h.profile,
            Some(&conversation),
            "I used to do breathing exercises a lot",
            send,
        )
        .await
        .unwrap();
    assert_eq!(classified(rx.finish().await).proposal, None);
    let (send, rx) = events();
    let crisis = h
        .core
        .chat()
        .send_message(
            &h.profile,
            Some(&conversation),
            "I want to end my life",
            send,
        )
        .await
        .unwrap();
    assert!(crisis.user_message.safety.is_some());
    let verdict = classified(rx.finish().await);
    assert!(
        verdict.proposal.is_none(),
        "no proposal after a crisis signal"
    );
    assert!(verdict.safety.is_some());
    let messages = h
        .core
        .chat()
        .conversation_messages(&h.profile, &conversation, Page::default())
        .await
        .unwrap()
        .items;
    assert_eq!(messages.len(), 3);
    assert_eq!(messages[1].id, plain.user_message.id);
    assert!(messages[1].proposal.is_none() && messages[1].safety.is_none());
    assert!(messages[2].safety.is_some(), "the signal is stored");
    assert!(messages[2].proposal.is_none());
}

#[tokio::test]
async fn a_reply_streams_is_saved_and_becomes_a_memory_used_next_time() {
    let h = harness().await;
    let server = Server::start(vec![
        stream(openai_stream(
            &["That sounds ", "lovely. ", "Tell me more."],
            true,
        )),
        stream(openai_stream(&["Of course."], true)),
    ])
    .await;
    h.use_local_model(&server.base_url).await;
    let (send, mut rx) = events();
    let started = h
        .core
        .chat()
        .send_message(
            &h.profile,
            None,
            "My sister Maya just started a new job in Lisbon",
            send,
        )
        .await
        .unwrap();
    let reply_id = started.reply_id.clone().unwrap();
    let seen = rx.until_done().await;
    assert_eq!(tokens(&seen), "That sounds lovely. Tell me more.");
    let reply = done_message(&seen);
    assert_eq!(reply.status, MessageStatus::Complete);
    assert_eq!(reply.content, "That sounds lovely. Tell me more.");
    assert!(
        matches!(&seen[seen.len() - 1], ReplyEvent::Done { reply_id: r, .. } if *r == reply_id)
    );

    let request = &server.requests()[0].body;
    let system = request["messages"][0]["content"].as_str().unwrap();
    assert!(system.contains("The person's name is Ana."), "{system}");
    assert!(
        system.contains("Their main goal is to reduce stress."),
        "{system}"
    );
    assert!(!system.contains(CRISIS_NOTE));

    // The exchange is a memory now, and the next reply is given it.
    let memories = h
        .core
        .memory()
        .list_memories(&h.profile, Page::default())
        .await
        .unwrap();
    assert_eq!(memories.total, 1);
    assert!(memories.items[0].text.starts_with("User: My sister Maya"));
    assert_eq!(
        memories.items[0].conversation_id.as_ref(),
        Some(&started.conversation.id)
    );
    let (send, mut rx) = events();
    h.core
        .chat()
        .send_message(
            &h.profile,
            Some(&started.conversation.id),
            "How is my sister doing in Lisbon?",
            send,
        )
        .await
        .unwrap();
    rx.until_done().await;
    let second = &server.requests()[1].body;
    let system = second["messages"][0]["content"].as_str().unwrap();
    assert!(
        system.contains("Maya just started a new job in Lisbon"),
        "memory block: {system}"
    );
    let turns = second["messages"].as_array().unwrap();
    assert_eq!(turns.len(), 4, "system, user, assistant, user");
    assert_eq!(turns[2]["content"], "That sounds lovely. Tell me more.");

    // Found again by keyword and by meaning.
    let by_word = h
        .core
        .chat()
        .search_conversations(&h.profile, "Lisbon", SearchMode::Keyword)
        .await
        .unwrap();
    assert_eq!(by_word.len(), 1);
    let by_meaning = h
        .core
        .chat()
        .search_conversations(
            &h.profile,
            "my sibling works abroad now",
            SearchMode::Meaning,
        )
        .await
        .unwrap();
    assert_eq!(by_meaning[0].conversation_id, started.conversation.id);
}

#[tokio::test]
async fn a_cut_stream_is_kept_as_partial_and_retry_replaces_it() {
    let h = harness().await;
    let server = Server::start(vec![
        Reply::Stream {
            chunks: openai_stream(&["I hear ", "you"], false),
            gap: Duration::ZERO,
            end: End::Cut,
        },
        stream(openai_stream(&["I hear you, fully."], true)),
    ])
    .await;
    h.use_local_model(&server.base_url).await;
    let (send, mut rx) = events();
    let started = h
        .core
        .chat()
        .send_message(&h.profile, None, "Today was hard at work", send)
        .await
        .unwrap();
    let partial = done_message(&rx.until_done().await);
    assert_eq!(partial.status, MessageStatus::Partial);
    assert_eq!(partial.content, "I hear you");
    assert!(partial.error.is_some());
    assert_eq!(
        h.core
            .memory()
            .list_memories(&h.profile, Page::default())
            .await
            .unwrap()
            .total,
        0,
        "only complete exchanges are remembered"
    );

    let (send, mut rx) = events();
    let retry = h
        .core
        .chat()
        .retry_reply(&h.profile, &started.conversation.id, send)
        .await
        .unwrap();
    assert_eq!(retry.removed_message_id.as_ref(), Some(&partial.id));
    let fresh = done_message(&rx.until_done().await);
    assert_eq!(fresh.status, MessageStatus::Complete);
    let messages = h
        .core
        .chat()
        .conversation_messages(&h.profile, &started.conversation.id, Page::default())
        .await
        .unwrap()
        .items;
    assert_eq!(messages.len(), 2);
    assert_eq!(messages[1].content, "I hear you, fully.");
    // Nothing left to retry.
    let (send, _rx) = events();
    let err = h
        .core
        .chat()
        .retry_reply(&h.profile, &started.conversation.id, send)
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Validation);
}

#[tokio::test]
async fn cancel_keeps_what_arrived_and_one_reply_at_a_time() {
    let h = harness().await;
    let server = Server::start(vec![Reply::Stream {
        chunks: openai_stream(&["Let me think"], false),
        gap: Duration::ZERO,
        end: End::Stall,
    }])
    .await;
    let mut slow = input("Slow", ProviderKind::OpenAiCompatible, &server.base_url);
    slow.timeout_ms = 600_000;
    h.core.chat().save_provider(&h.profile, slow).await.unwrap();
    let (send, mut rx) = events();
    let started = h
        .core
        .chat()
        .send_message(&h.profile, None, "Hello there", send)
        .await
        .unwrap();
    // Wait for the first token, then stop.
    loop {
        if let ReplyEvent::Token { .. } = rx.next().await {
            break;
        }
    }
    let (send, _rx2) = events();
    let busy = h
        .core
        .chat()
        .send_message(
            &h.profile,
            Some(&started.conversation.id),
            "Are you there?",
            send,
        )
        .await
        .unwrap_err();
    assert_eq!(busy.code(), ErrorCode::Conflict);
    let reply_id = started.reply_id.unwrap();
    let other = memory_support::profile(&h.core, "Ben").await;
    assert_eq!(
        h.core
            .chat()
            .cancel_reply(&other, &reply_id)
            .await
            .unwrap_err()
            .code(),
        ErrorCode::NotFound,
        "another profile cannot stop it"
    );
    h.core
        .chat()
        .cancel_reply(&h.profile, &reply_id)
        .await
        .unwrap();
    let cancelled = done_message(&rx.until_done().await);
    assert_eq!(cancelled.status, MessageStatus::Cancelled);
    assert_eq!(cancelled.content, "Let me think");
    assert_eq!(
        h.core
            .chat()
            .cancel_reply(&h.profile, &reply_id)
            .await
            .unwrap_err()
            .code(),
        ErrorCode::NotFound
    );
}

#[tokio::test]
async fn the_fallback_provider_answers_with_its_key_and_crisis_reaches_the_prompt() {
    let h = harness().await;
    let failing = Server::start(vec![openai_error(503, "overloaded", "server_error")]).await;
    let anthropic = Server::start(vec![stream(anthropic_stream(
        &["I'm really glad you told me."],
        true,
    ))])
    .await;
    h.core
        .chat()
        .save_provider(
            &h.profile,
            input("Down", ProviderKind::OpenAiCompatible, &failing.base_url),
        )
        .await
        .unwrap();
    let mut claude = input("Claude", ProviderKind::Anthropic, &anthropic.base_url);
    claude.api_key = Some("  sk-ant-test  ".into());
    let saved = h
        .core
        .chat()
        .save_provider(&h.profile, claude)
        .await
        .unwrap();
    assert!(saved.has_key);
    assert_eq!(saved.position, 1);
    assert_eq!(
        h.secrets
            .get(&SecretRef::for_provider(saved.id.as_str()).key)
            .unwrap()
            .as_deref(),
        Some("sk-ant-test")
    );

    let (send, mut rx) = events();
    let started = h
        .core
        .chat()
        .send_message(&h.profile, None, "I don't want to be alive anymore", send)
        .await
        .unwrap();
    assert!(started.user_message.safety.is_some());
    let reply = done_message(&rx.until_done().await);
    assert_eq!(reply.status, MessageStatus::Complete);
    assert_eq!(
        failing.requests().len(),
        2,
        "retried once, then the next provider"
    );
    let seen = &anthropic.requests()[0];
    assert_eq!(seen.header("x-api-key"), Some("sk-ant-test"));
    assert!(seen.body["system"].as_str().unwrap().contains(CRISIS_NOTE));
}

#[tokio::test]
async fn provider_settings_are_checked_ordered_and_forget_their_keys() {
    let h = harness().await;
    let bad = [
        input("", ProviderKind::OpenAiCompatible, "http://127.0.0.1:1/v1"),
        input("X", ProviderKind::OpenAiCompatible, "ftp://example.com"),
        input("X", ProviderKind::OpenAiCompatible, "not a url"),
        ProviderInput {
            timeout_ms: 5,
            ..input("X", ProviderKind::OpenAiCompatible, "http://127.0.0.1:1/v1")
        },
        ProviderInput {
            api_key: Some("has space".into()),
            ..input("X", ProviderKind::OpenAiCompatible, "http://127.0.0.1:1/v1")
        },
        ProviderInput {
            id: Some(ProviderId::new()),
            ..input("X", ProviderKind::OpenAiCompatible, "http://127.0.0.1:1/v1")
        },
    ];
    // An id that is not one never becomes a `ProviderInput`.
    let mut json = serde_json::to_value(input(
        "X",
        ProviderKind::OpenAiCompatible,
        "http://127.0.0.1:1/v1",
    ))
    .unwrap();
    json["id"] = "nope".into();
    assert!(serde_json::from_value::<ProviderInput>(json).is_err());
    for input in bad {
        let err = h
            .core
            .chat()
            .save_provider(&h.profile, input.clone())
            .await
            .unwrap_err();
        assert!(
            matches!(err.code(), ErrorCode::Validation | ErrorCode::NotFound),
            "{input:?}: {err}"
        );
    }
    assert!(
        h.core
            .chat()
            .list_providers(&h.profile)
            .await
            .unwrap()
            .is_empty(),
        "nothing saved"
    );

    let mut a = input(
        "A",
        ProviderKind::OpenAiCompatible,
        "http://127.0.0.1:1/v1/",
    );
    a.api_key = Some("key-a".into());
    let a = h.core.chat().save_provider(&h.profile, a).await.unwrap();
    assert_eq!(a.base_url, "http://127.0.0.1:1/v1");
    let b = h
        .core
        .chat()
        .save_provider(
            &h.profile,
            input("B", ProviderKind::Anthropic, "http://127.0.0.1:2/v1"),
        )
        .await
        .unwrap();
    let order = h
        .core
        .chat()
        .reorder_providers(&h.profile, &[b.id.clone(), a.id.clone()])
        .await
        .unwrap();
    assert_eq!(order[0].id, b.id);
    assert!(h
        .core
        .chat()
        .reorder_providers(&h.profile, std::slice::from_ref(&a.id))
        .await
        .is_err());

    // Another profile sees none of them and cannot touch them.
    let other = memory_support::profile(&h.core, "Ben").await;
    assert!(h
        .core
        .chat()
        .list_providers(&other)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        h.core
            .chat()
            .delete_provider(&other, &a.id)
            .await
            .unwrap_err()
            .code(),
        ErrorCode::NotFound
    );

    // Changing without a key keeps it; clearing removes it from the store.
    let mut edit = input(
        "A2",
        ProviderKind::OpenAiCompatible,
        "http://127.0.0.1:1/v1",
    );
    edit.id = Some(a.id.clone());
    let kept = h
        .core
        .chat()
        .save_provider(&h.profile, edit.clone())
        .await
        .unwrap();
    assert!(kept.has_key && kept.name == "A2" && kept.position == 1);
    edit.clear_key = true;
    assert!(
        !h.core
            .chat()
            .save_provider(&h.profile, edit)
            .await
            .unwrap()
            .has_key
    );
    let key = SecretRef::for_provider(a.id.as_str()).key;
    assert!(h.secrets.get(&key).unwrap().is_none());

    // A saved key belongs to its address: a new path keeps it; a new origin drops it, so the key is
    // never sent to a host it was not given for (it is asked for again).
    let mut moved = input(
        "A3",
        ProviderKind::OpenAiCompatible,
        "http://127.0.0.1:1/v1",
    );
    moved.id = Some(a.id.clone());
    moved.api_key = Some("key-a3".into());
    assert!(
        h.core
            .chat()
            .save_provider(&h.profile, moved.clone())
            .await
            .unwrap()
            .has_key
    );
    moved.api_key = None;
    moved.base_url = "http://127.0.0.1:1/api/v1".into();
    assert!(
        h.core
            .chat()
            .save_provider(&h.profile, moved.clone())
            .await
            .unwrap()
            .has_key,
        "same origin"
    );
    moved.base_url = "https://api.example.com/v1".into();
    assert!(
        !h.core
            .chat()
            .save_provider(&h.profile, moved)
            .await
            .unwrap()
            .has_key,
        "another origin"
    );
    assert!(h.secrets.get(&key).unwrap().is_none());

    // Deleting closes the gap; deleting the profile forgets its keys.
    h.core
        .chat()
        .delete_provider(&h.profile, &b.id)
        .await
        .unwrap();
    assert_eq!(
        h.core.chat().list_providers(&h.profile).await.unwrap()[0].position,
        0
    );
    let mut c = input("C", ProviderKind::OpenAiCompatible, "http://127.0.0.1:3/v1");
    c.api_key = Some("key-c".into());
    let c = h.core.chat().save_provider(&other, c).await.unwrap();
    h.core.delete_profile(&other).await.unwrap();
    assert!(h
        .secrets
        .get(&SecretRef::for_provider(c.id.as_str()).key)
        .unwrap()
        .is_none());

    // Region and helplines.
    let status = h
        .core
        .chat()
        .set_helpline_region(&h.profile, "gb")
        .await
        .unwrap();
    assert!(status.configured);
    assert_eq!(status.helpline_region, "GB");
    assert!(status.helplines[0].phone.as_deref() == Some("116 123"));
    assert!(h
        .core
        .chat()
        .set_helpline_region(&h.profile, "Narnia")
        .await
        .is_err());
}

#[tokio::test]
async fn decisions_and_activity_summaries_are_recorded() {
    let h = harness().await;
    let (send, mut rx) = events();
    let started = h
        .core
        .chat()
        .send_message(
            &h.profile,
            None,
            "I'm so stressed, can we do a breathing exercise?",
            send,
        )
        .await
        .unwrap();
    let ReplyEvent::Classified { message } = rx.next().await else {
        panic!("the classifier's verdict")
    };
    // The user changes the technique: the choice is what is recorded.
    let choice = ActivitySuggestion::Breathing {
        technique: Technique::DeepCalm,
    };
    let decided = h
        .core
        .chat()
        .decide_proposal(
            &h.profile,
            &message.id,
            ProposalDecision::Started {
                choice: choice.clone(),
            },
        )
        .await
        .unwrap();
    assert_eq!(
        decided.proposal.unwrap().decision,
        Some(ProposalDecision::Started { choice })
    );
    let wrong = ProposalDecision::Started {
        choice: ActivitySuggestion::Meditation { minutes: 5 },
    };
    assert!(h
        .core
        .chat()
        .decide_proposal(&h.profile, &message.id, wrong)
        .await
        .is_err());

    let session = h
        .core
        .breathing()
        .save_breathing_session(
            &h.profile,
            NewBreathingSession {
                config: SessionConfig::DeepCalm,
                started_at: "2026-11-25T10:00:00Z".into(),
                ended_at: "2026-11-25T10:01:20Z".into(),
                completed: true,
                stopped_at: None,
                rounds: Vec::new(),
                duration_ms: 80_000,
                mood_before: Some(2),
                mood_after: Some(4),
            },
        )
        .await
        .unwrap();
    let summary = h
        .core
        .chat()
        .add_activity_summary(
            &h.profile,
            &started.conversation.id,
            ActivityResult::Breathing {
                session_id: session.id.clone(),
            },
        )
        .await
        .unwrap();
    assert_eq!(summary.role, MessageRole::SystemSummary);
    let typed = summary.summary.unwrap();
    assert_eq!((typed.mood_before, typed.mood_after), (Some(2), Some(4)));
    assert_eq!(typed.technique, "deep_calm");
    assert!(
        summary.content.contains("1 min 20 s"),
        "{}",
        summary.content
    );
    let bad = h
        .core
        .chat()
        .add_activity_summary(
            &h.profile,
            &started.conversation.id,
            ActivityResult::Breathing {
                session_id: BreathingSessionId::new(),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(bad.code(), ErrorCode::NotFound);
}

/// "Talk about this": a conversation that starts from a shared journal entry; the entry's words reach the
/// model only then, and become a memory only when the person says so.
#[tokio::test]
async fn a_shared_journal_entry_starts_a_conversation_that_knows_it() {
    use wbot_core::journal::NewJournalEntry;
    use wbot_core::memory::MemoryKind;

    let h = harness().await;
    let server = Server::start(vec![
        stream(openai_stream(&["That sounds painful."], true)),
        stream(openai_stream(&["I see."], true)),
    ])
    .await;
    h.use_local_model(&server.base_url).await;
    let entry = |text: &str| NewJournalEntry {
        category: None,
        prompt: None,
        text: text.into(),
        writing_ms: 60_000,
        mood_before: None,
        mood_after: Some(2),
    };
    let shared = h
        .core
        .journal()
        .save_journal_entry(
            &h.profile,
            entry("Nobody from the choir invited me to Lena's party."),
        )
        .await
        .unwrap();
    let private = h
        .core
        .journal()
        .save_journal_entry(&h.profile, entry("My secret plan for the garden shed."))
        .await
        .unwrap();

    // An ordinary conversation carries nothing of the journal.
    let (send, mut rx) = events();
    h.core
        .chat()
        .send_message(&h.profile, None, "Hello", send)
        .await
        .unwrap();
    rx.until_done().await;
    let first = server.requests()[0].body.to_string();
    assert!(
        !first.contains("choir") && !first.contains("garden shed"),
        "{first}"
    );

    let conversation = h
        .core
        .chat()
        .discuss_journal_entry(&h.profile, &shared.id, false)
        .await
        .unwrap();
    // The prompt's recent mood is the latest check-in of any kind: here a standalone one.
    h.core
        .mood()
        .add_checkin(
            &h.profile,
            wbot_core::mood::NewCheckin {
                mood: 5,
                emotions: vec!["hopeful".into()],
                note: String::new(),
                at: None,
            },
        )
        .await
        .unwrap();
    let (send, mut rx) = events();
    h.core
        .chat()
        .send_message(
            &h.profile,
            Some(&conversation.id),
            "Can we talk about this?",
            send,
        )
        .await
        .unwrap();
    rx.until_done().await;
    let second = server.requests()[1].body.to_string();
    assert!(
        second.contains("Nobody from the choir invited me"),
        "{second}"
    );
    assert!(!second.contains("garden shed"), "only the shared entry");
    let system = server.requests()[1].body["messages"][0]["content"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        system.contains("most recent mood rating was 5 out of 5"),
        "{system}"
    );
    let memories = h
        .core
        .memory()
        .list_memories(&h.profile, Page::default())
        .await
        .unwrap();
    assert!(
        memories.items.iter().all(|m| m.kind != MemoryKind::Journal),
        "not remembered unless asked"
    );

    // Remembered when the person asks; another profile cannot share it.
    h.core
        .chat()
        .discuss_journal_entry(&h.profile, &shared.id, true)
        .await
        .unwrap();
    let memories = h
        .core
        .memory()
        .list_memories(&h.profile, Page::default())
        .await
        .unwrap();
    assert!(memories
        .items
        .iter()
        .any(|m| m.kind == MemoryKind::Journal && m.text == shared.text));
    let other = memory_support::profile(&h.core, "Ben").await;
    assert_eq!(
        h.core
            .chat()
            .discuss_journal_entry(&other, &private.id, true)
            .await
            .unwrap_err()
            .code(),
        ErrorCode::NotFound
    );
}
