//! The companion chat: sending messages (replies stream over a channel), cancel and retry, activity
//! proposals, conversations, the model providers and the helpline region.

use tauri::ipc::Channel;
use tauri::State;
use wbot_core::chat::{
    presets, ActivityResult, ChatStatus, ConnectionReport, Conversation, ConversationHit,
    ConversationPage, Message, MessagePage, ProposalDecision, ProviderInput, ProviderPreset,
    ProviderSettings, ReplyEvent, RetryStarted, SearchMode, TurnStarted,
};
use wbot_core::db::Page;
use wbot_core::{Core, ProviderId};

use super::Result;
use crate::error::Input;

fn sender(channel: Channel<ReplyEvent>) -> impl Fn(ReplyEvent) + Send + Sync + 'static {
    move |event| {
        // The window may have gone away; the reply is still saved.
        if let Err(err) = channel.send(event) {
            tracing::debug!(error = %err, "chat event not delivered");
        }
    }
}

/// Sends a message (a new conversation when `conversation_id` is null). The proposal, the reply's
/// tokens and the saved reply arrive on `on_event`.
#[tauri::command]
#[specta::specta]
pub async fn send_message(
    core: State<'_, Core>,
    profile_id: String,
    conversation_id: Option<String>,
    text: String,
    on_event: Channel<ReplyEvent>,
) -> Result<TurnStarted> {
    Ok(core
        .chat()
        .send_message(
            &profile_id.parse()?,
            conversation_id
                .as_deref()
                .map(str::parse)
                .transpose()?
                .as_ref(),
            &text,
            sender(on_event),
        )
        .await?)
}

/// Stops a streaming reply; what arrived is kept, marked cancelled.
#[tauri::command]
#[specta::specta]
pub async fn cancel_reply(
    core: State<'_, Core>,
    profile_id: String,
    reply_id: String,
) -> Result<()> {
    Ok(core
        .chat()
        .cancel_reply(&profile_id.parse()?, &reply_id.parse()?)
        .await?)
}

/// Asks again for the reply to the last message, replacing a reply that did not complete.
#[tauri::command]
#[specta::specta]
pub async fn retry_reply(
    core: State<'_, Core>,
    profile_id: String,
    conversation_id: String,
    on_event: Channel<ReplyEvent>,
) -> Result<RetryStarted> {
    Ok(core
        .chat()
        .retry_reply(
            &profile_id.parse()?,
            &conversation_id.parse()?,
            sender(on_event),
        )
        .await?)
}

/// Records what the user did with an activity card: started with their choice, or declined.
#[tauri::command]
#[specta::specta]
pub async fn decide_proposal(
    core: State<'_, Core>,
    profile_id: String,
    message_id: String,
    decision: Input<ProposalDecision>,
) -> Result<Message> {
    let decision = decision.parse("choice")?;
    Ok(core
        .chat()
        .decide_proposal(&profile_id.parse()?, &message_id.parse()?, decision)
        .await?)
}

/// Adds how a finished activity went to the conversation it was started from.
#[tauri::command]
#[specta::specta]
pub async fn add_activity_summary(
    core: State<'_, Core>,
    profile_id: String,
    conversation_id: String,
    result: Input<ActivityResult>,
) -> Result<Message> {
    let result = result.parse("activity result")?;
    Ok(core
        .chat()
        .add_activity_summary(&profile_id.parse()?, &conversation_id.parse()?, result)
        .await?)
}

/// A page of a profile's conversations (`limit` 1–100, default 30), most recently active first, with a
/// preview of each one's last message, and how many there are.
#[tauri::command]
#[specta::specta]
pub async fn list_conversations(
    core: State<'_, Core>,
    profile_id: String,
    page: Input<Page>,
) -> Result<ConversationPage> {
    Ok(core
        .chat()
        .list_conversations(&profile_id.parse()?, page.parse("page")?)
        .await?)
}

/// One conversation.
#[tauri::command]
#[specta::specta]
pub async fn get_conversation(
    core: State<'_, Core>,
    profile_id: String,
    conversation_id: String,
) -> Result<Conversation> {
    Ok(core
        .chat()
        .conversation(&profile_id.parse()?, &conversation_id.parse()?)
        .await?)
}

/// A page of a conversation's messages counted from the newest (offset 0 holds the newest),
/// oldest first within the page.
#[tauri::command]
#[specta::specta]
pub async fn conversation_messages(
    core: State<'_, Core>,
    profile_id: String,
    conversation_id: String,
    page: Input<Page>,
) -> Result<MessagePage> {
    let page = page.parse("page")?;
    Ok(core
        .chat()
        .conversation_messages(&profile_id.parse()?, &conversation_id.parse()?, page)
        .await?)
}

/// Renames a conversation.
#[tauri::command]
#[specta::specta]
pub async fn rename_conversation(
    core: State<'_, Core>,
    profile_id: String,
    conversation_id: String,
    title: String,
) -> Result<Conversation> {
    Ok(core
        .chat()
        .rename_conversation(&profile_id.parse()?, &conversation_id.parse()?, &title)
        .await?)
}

/// Turns "remember this conversation" on or off.
#[tauri::command]
#[specta::specta]
pub async fn set_conversation_remember(
    core: State<'_, Core>,
    profile_id: String,
    conversation_id: String,
    remember: bool,
) -> Result<Conversation> {
    Ok(core
        .chat()
        .set_conversation_remember(&profile_id.parse()?, &conversation_id.parse()?, remember)
        .await?)
}

/// Deletes a conversation, and its memories unless `keep_memories`; returns how many were forgotten.
#[tauri::command]
#[specta::specta]
pub async fn delete_conversation(
    core: State<'_, Core>,
    profile_id: String,
    conversation_id: String,
    keep_memories: bool,
) -> Result<u32> {
    Ok(core
        .chat()
        .delete_conversation(
            &profile_id.parse()?,
            &conversation_id.parse()?,
            keep_memories,
        )
        .await?)
}

/// Finds conversations by keywords or by meaning.
#[tauri::command]
#[specta::specta]
pub async fn search_conversations(
    core: State<'_, Core>,
    profile_id: String,
    query: String,
    mode: Input<SearchMode>,
) -> Result<Vec<ConversationHit>> {
    let mode = mode.parse("search mode")?;
    Ok(core
        .chat()
        .search_conversations(&profile_id.parse()?, &query, mode)
        .await?)
}

/// Starting points for a provider (Ollama, llama.cpp, LM Studio, OpenAI, Anthropic, OpenRouter).
#[tauri::command]
#[specta::specta]
pub fn provider_presets() -> Result<Vec<ProviderPreset>> {
    Ok(presets())
}

/// The profile's providers, in fallback order.
#[tauri::command]
#[specta::specta]
pub async fn list_providers(
    core: State<'_, Core>,
    profile_id: String,
) -> Result<Vec<ProviderSettings>> {
    Ok(core.chat().list_providers(&profile_id.parse()?).await?)
}

/// Adds or changes a provider (a new API key goes to the OS keychain).
#[tauri::command]
#[specta::specta]
pub async fn save_provider(
    core: State<'_, Core>,
    profile_id: String,
    input: Input<ProviderInput>,
) -> Result<ProviderSettings> {
    let input = input.parse("provider settings")?;
    Ok(core
        .chat()
        .save_provider(&profile_id.parse()?, input)
        .await?)
}

/// Allows an online provider once the person has seen what it receives (ADR 0017).
#[tauri::command]
#[specta::specta]
pub async fn allow_provider(
    core: State<'_, Core>,
    profile_id: String,
    provider_id: String,
) -> Result<ProviderSettings> {
    Ok(core
        .chat()
        .allow_provider(&profile_id.parse()?, &provider_id.parse()?)
        .await?)
}

/// Removes a provider and its key.
#[tauri::command]
#[specta::specta]
pub async fn delete_provider(
    core: State<'_, Core>,
    profile_id: String,
    provider_id: String,
) -> Result<()> {
    Ok(core
        .chat()
        .delete_provider(&profile_id.parse()?, &provider_id.parse()?)
        .await?)
}

/// Puts the providers in a new fallback order.
#[tauri::command]
#[specta::specta]
pub async fn reorder_providers(
    core: State<'_, Core>,
    profile_id: String,
    provider_ids: Vec<String>,
) -> Result<Vec<ProviderSettings>> {
    Ok(core
        .chat()
        .reorder_providers(
            &profile_id.parse()?,
            &provider_ids
                .iter()
                .map(|id| ProviderId::parse(id))
                .collect::<wbot_core::Result<Vec<_>>>()?,
        )
        .await?)
}

/// "Test connection": one short request to a provider.
#[tauri::command]
#[specta::specta]
pub async fn test_provider(
    core: State<'_, Core>,
    profile_id: String,
    provider_id: String,
) -> Result<ConnectionReport> {
    Ok(core
        .chat()
        .test_provider(&profile_id.parse()?, &provider_id.parse()?)
        .await?)
}

/// Whether a model is set up, and the helplines for the profile's region.
#[tauri::command]
#[specta::specta]
pub async fn chat_status(core: State<'_, Core>, profile_id: String) -> Result<ChatStatus> {
    Ok(core.chat().chat_status(&profile_id.parse()?).await?)
}

/// Sets the region of the safety card's helplines (two letters, or empty for the defaults).
#[tauri::command]
#[specta::specta]
pub async fn set_helpline_region(
    core: State<'_, Core>,
    profile_id: String,
    region: String,
) -> Result<ChatStatus> {
    Ok(core
        .chat()
        .set_helpline_region(&profile_id.parse()?, &region)
        .await?)
}
