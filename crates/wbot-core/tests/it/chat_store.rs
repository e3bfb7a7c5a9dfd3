//! Conversations and messages on a real migrated SQLite file: listing, titles, previews, limits, search,
//! deletion with and without memories, and profile isolation.
#![allow(clippy::unwrap_used)]

use crate::memory_support::profile;
use wbot_core::chat::{
    MessageRole, MessageStatus, NewAssistantMessage, ProviderError, ProviderErrorKind,
    MAX_CONVERSATION_PAGE, MAX_MESSAGE_PAGE,
};
use wbot_core::db::Page;
use wbot_core::{ConversationId, Core, ErrorCode, MessageId, Reason};

fn reply(text: &str, status: MessageStatus) -> NewAssistantMessage {
    NewAssistantMessage {
        content: text.into(),
        status,
        error: None,
    }
}

#[tokio::test]
async fn conversation_lifecycle() {
    let dir = tempfile::tempdir().unwrap();
    let core = Core::open(dir.path()).await.unwrap();
    let p = profile(&core, "Ana").await;

    let c = core.chat().create_conversation(&p).await.unwrap();
    assert_eq!(c.title, "");
    assert!(c.remember);
    assert_eq!(
        core.chat()
            .list_conversations(&p, Page::default())
            .await
            .unwrap()
            .items[0]
            .preview,
        ""
    );

    // Limits: empty and too long are refused with clear messages; nothing is stored.
    let err = core
        .chat()
        .append_user_message(&p, &c.id, "   \n")
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Validation);
    let err = core
        .chat()
        .append_user_message(&p, &c.id, &"a".repeat(8_001))
        .await
        .unwrap_err();
    assert_eq!(err.to_string(), "too_long message max=8000 actual=8001");
    assert!(core
        .chat()
        .conversation_messages(&p, &c.id, Page::default())
        .await
        .unwrap()
        .items
        .is_empty());
    let max = "é".repeat(8_000);
    let m = core
        .chat()
        .append_user_message(&p, &c.id, &max)
        .await
        .unwrap();
    assert_eq!(m.content, max, "nothing is truncated");

    // Auto-title from the first user message only.
    let c2 = core.chat().create_conversation(&p).await.unwrap();
    let first = "I had a really hard conversation with my manager about the deadline today";
    core.chat()
        .append_user_message(&p, &c2.id, first)
        .await
        .unwrap();
    let title = core.chat().conversation(&p, &c2.id).await.unwrap().title;
    assert_eq!(title, format!("{}…", &first[..47]));
    core.chat()
        .append_user_message(&p, &c2.id, "another")
        .await
        .unwrap();
    assert_eq!(
        core.chat().conversation(&p, &c2.id).await.unwrap().title,
        title
    );

    // A reply, then a partial one.
    let saved = core
        .chat()
        .save_assistant_message(
            &p,
            &c2.id,
            reply(
                "That sounds stressful. Would a short breathing exercise help?",
                MessageStatus::Complete,
            ),
        )
        .await
        .unwrap();
    let partial = core
        .chat()
        .save_assistant_message(
            &p,
            &c2.id,
            NewAssistantMessage {
                error: Some(ProviderError {
                    kind: ProviderErrorKind::Interrupted,
                    provider_id: "local".into(),
                    status: None,
                    detail: Some("stream ended".into()),
                }),
                ..reply("I hear", MessageStatus::Partial)
            },
        )
        .await
        .unwrap();
    let page = |limit, offset| {
        core.chat()
            .conversation_messages(&p, &c2.id, Page::new(limit, offset))
    };
    let messages = page(200, 0).await.unwrap().items;
    assert_eq!(messages.len(), 4);
    // Pages count from the newest and are read oldest first.
    let newest = page(3, 0).await.unwrap();
    assert_eq!((newest.items.as_slice(), newest.total), (&messages[1..], 4));
    assert_eq!(page(3, 3).await.unwrap().items, messages[..1]);
    assert!(page(3, 4).await.unwrap().items.is_empty());
    for limit in [0, MAX_MESSAGE_PAGE + 1] {
        let err = page(limit, 0).await.unwrap_err();
        assert_eq!(err.reason, Reason::OutOfRange, "{limit}");
    }
    assert_eq!(messages[0].role, MessageRole::User);
    assert_eq!(messages[3], partial);
    assert_eq!(messages[2], saved);
    assert!(core
        .chat()
        .save_assistant_message(&p, &c2.id, reply("  ", MessageStatus::Complete))
        .await
        .is_err());

    // List: most recent first; preview of the last message and who wrote it.
    let list = core
        .chat()
        .list_conversations(&p, Page::default())
        .await
        .unwrap()
        .items;
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].id, c2.id);
    assert_eq!(
        (list[0].preview.as_str(), list[0].preview_role),
        ("I hear", Some(MessageRole::Assistant))
    );
    assert_eq!(list[1].preview.chars().count(), 60);
    assert!(list[1].preview.starts_with("éé") && list[1].preview.ends_with('…'));
    assert_eq!(list[1].preview_role, Some(MessageRole::User));

    // Paged: one at a time, the total with each page; a page size outside 1–100 is refused.
    let first = core
        .chat()
        .list_conversations(&p, Page::new(1, 0))
        .await
        .unwrap();
    let second = core
        .chat()
        .list_conversations(&p, Page::new(1, 1))
        .await
        .unwrap();
    assert_eq!((first.total, second.total), (2, 2));
    assert_eq!([&first.items[0], &second.items[0]], [&list[0], &list[1]]);
    assert!(core
        .chat()
        .list_conversations(&p, Page::new(1, 2))
        .await
        .unwrap()
        .items
        .is_empty());
    for bad in [0, MAX_CONVERSATION_PAGE + 1] {
        let err = core
            .chat()
            .list_conversations(&p, Page::new(bad, 0))
            .await
            .unwrap_err();
        assert_eq!(err.params.subject, Some(wbot_core::Subject::PageSize));
    }

    // Rename sticks.
    let renamed = core
        .chat()
        .rename_conversation(&p, &c2.id, "  Work\nstress ")
        .await
        .unwrap();
    assert_eq!(renamed.title, "Work stress");
    assert!(core
        .chat()
        .rename_conversation(&p, &c2.id, " ")
        .await
        .is_err());
    assert!(
        !core
            .chat()
            .set_conversation_remember(&p, &c2.id, false)
            .await
            .unwrap()
            .remember
    );

    // Keyword search (stemmed), scoped to the profile.
    let hits = core
        .chat()
        .search_messages(&p, "manager deadlines", None)
        .await
        .unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].conversation_title, "Work stress");
    assert!(core
        .chat()
        .search_messages(&p, "\"quotes\" OR * NEAR(", None)
        .await
        .unwrap()
        .is_empty());
    assert!(core.chat().search_messages(&p, "x", Some(0)).await.is_err());

    // Another profile sees nothing and cannot touch these.
    let q = profile(&core, "Bo").await;
    assert!(core
        .chat()
        .list_conversations(&q, Page::default())
        .await
        .unwrap()
        .items
        .is_empty());
    assert!(core
        .chat()
        .search_messages(&q, "manager", None)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        core.chat()
            .conversation_messages(&q, &c2.id, Page::default())
            .await
            .unwrap_err()
            .code(),
        ErrorCode::NotFound
    );
    assert_eq!(
        core.chat()
            .append_user_message(&q, &c2.id, "hi")
            .await
            .unwrap_err()
            .code(),
        ErrorCode::NotFound
    );
    assert_eq!(
        core.chat()
            .delete_conversation(&q, &c2.id, false)
            .await
            .unwrap_err()
            .code(),
        ErrorCode::NotFound
    );
    assert_eq!(
        core.chat()
            .rename_conversation(&q, &c2.id, "x")
            .await
            .unwrap_err()
            .code(),
        ErrorCode::NotFound
    );
    assert_eq!(
        core.chat()
            .conversation(&p, &ConversationId::new())
            .await
            .unwrap_err()
            .code(),
        ErrorCode::NotFound
    );

    // Delete (no memories here): messages and their full-text rows go too.
    assert_eq!(
        core.chat()
            .delete_conversation(&p, &c2.id, false)
            .await
            .unwrap(),
        0
    );
    assert!(core
        .chat()
        .search_messages(&p, "manager", None)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        core.chat()
            .list_conversations(&p, Page::default())
            .await
            .unwrap()
            .items
            .len(),
        1
    );

    // Deleting the profile cascades.
    core.delete_profile(&p).await.unwrap();
    let left: i64 = sqlx::query_scalar("SELECT count(*) FROM messages")
        .fetch_one(core.db().reader())
        .await
        .unwrap();
    assert_eq!(left, 0);
    core.close().await;

    // Survives a reopen of the file.
    let core = Core::open(dir.path()).await.unwrap();
    assert!(core
        .chat()
        .list_conversations(&q, Page::default())
        .await
        .unwrap()
        .items
        .is_empty());
    core.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deleting_a_conversation_forgets_its_memories_unless_kept() {
    use wbot_core::memory::{MemoryConfig, MemoryKind, MemorySource, NewMemory};
    let dir = tempfile::tempdir().unwrap();
    let core = Core::open(dir.path()).await.unwrap();
    let resources =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../src-tauri/resources");
    let mut config = MemoryConfig::from_resource_dir(&resources);
    if let Some(p) = std::env::var_os("ORT_DYLIB_PATH") {
        config.runtime_path = p.into();
    }
    core.memory().configure(config).await;
    let p = profile(&core, "Ana").await;
    let mut ids = Vec::new();
    for keep in [false, true] {
        let c = core.chat().create_conversation(&p).await.unwrap();
        core.chat()
            .append_user_message(&p, &c.id, "I walked by the sea")
            .await
            .unwrap();
        core.memory()
            .add_memory(
                &p,
                NewMemory {
                    kind: MemoryKind::Exchange,
                    text: format!("User walked by the sea ({keep})"),
                    conversation_id: Some(c.id.clone()),
                    pinned: false,
                    source: MemorySource::Chat,
                },
            )
            .await
            .unwrap();
        ids.push((c.id, keep));
    }
    core.memory()
        .add_memory(&p, NewMemory::note("Unrelated note"))
        .await
        .unwrap();
    let (gone, _) = &ids[0];
    let (kept, _) = &ids[1];
    assert_eq!(
        core.chat()
            .delete_conversation(&p, gone, false)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        core.chat()
            .delete_conversation(&p, kept, true)
            .await
            .unwrap(),
        0
    );
    let left = core
        .memory()
        .list_memories(&p, Page::default())
        .await
        .unwrap();
    assert_eq!(left.total, 2);
    assert!(left
        .items
        .iter()
        .all(|m| m.conversation_id.as_ref() != Some(gone)));
    assert!(left
        .items
        .iter()
        .any(|m| m.conversation_id.as_ref() == Some(kept)));
    core.close().await;
}

/// Migration 0010: a failed reply saved with an English sentence as its error reads back as a provider
/// error the UI can word, keeping the sentence as the detail; errors already stored as JSON are untouched.
#[tokio::test]
async fn old_reply_errors_become_provider_errors() {
    let dir = tempfile::tempdir().unwrap();
    let core = Core::open(dir.path()).await.unwrap();
    let p = profile(&core, "Ana").await;
    let c = core.chat().create_conversation(&p).await.unwrap();
    core.chat()
        .append_user_message(&p, &c.id, "hello")
        .await
        .unwrap();
    let timeout = ProviderError {
        kind: ProviderErrorKind::Timeout,
        provider_id: "local".into(),
        status: None,
        detail: None,
    };
    let old = core
        .chat()
        .save_assistant_message(&p, &c.id, reply("", MessageStatus::Failed))
        .await
        .unwrap();
    let new = core
        .chat()
        .save_assistant_message(
            &p,
            &c.id,
            NewAssistantMessage {
                error: Some(timeout.clone()),
                ..reply("", MessageStatus::Failed)
            },
        )
        .await
        .unwrap();
    core.close().await;

    let pool = sqlx::SqlitePool::connect(&format!(
        "sqlite:{}",
        dir.path().join(wbot_core::db::DB_FILE).display()
    ))
    .await
    .unwrap();
    sqlx::query("UPDATE messages SET error = 'Local did not answer within 30.0 s.' WHERE id = ?")
        .bind(&old.id)
        .execute(&pool)
        .await
        .unwrap();
    sqlx::raw_sql(include_str!(
        "../../../../migrations/0010_message_error_kind.sql"
    ))
    .execute(&pool)
    .await
    .unwrap();
    pool.close().await;

    let core = Core::open(dir.path()).await.unwrap();
    let messages = core
        .chat()
        .conversation_messages(&p, &c.id, Page::default())
        .await
        .unwrap()
        .items;
    let by_id = |id: &MessageId| messages.iter().find(|m| &m.id == id).unwrap().error.clone();
    let migrated = by_id(&old.id).expect("an error");
    assert_eq!(migrated.kind, ProviderErrorKind::Server);
    assert_eq!(
        migrated.detail.as_deref(),
        Some("Local did not answer within 30.0 s.")
    );
    assert_eq!(by_id(&new.id), Some(timeout));
}
