//! What a model is told for each reply (SPEC §2): the companion's system prompt, the onboarding answers as
//! plain sentences, recalled memories, recent mood, and the conversation trimmed to a token budget.

use super::provider::{ChatRequest, ChatRole, ChatTurn};
use super::store::{Message, MessageRole};
use super::MessageStatus;
use crate::profile::{
    Challenge, CommunicationStyle, CurrentFeeling, ExperienceLevel, OnboardingAnswers,
    PreferredActivity, PrimaryGoal, SupportType,
};
use crate::progress::Effectiveness;
use crate::text::clip;
use crate::wellness::{WellnessItem, WellnessKind};

/// Tokens of conversation history sent with a reply (the newest messages that fit; the current message
/// always goes). About 4 characters a token for English.
pub const HISTORY_TOKEN_BUDGET: usize = 3_000;
/// The longest reply asked for.
pub const REPLY_MAX_TOKENS: u32 = 1_024;

/// Who the companion is. Kept short: small local models follow short prompts better.
pub const COMPANION: &str = "You are Wbot, a warm and compassionate wellness companion. You are not a \
therapist and never claim to be one. Validate the person's feelings before you suggest anything. Never \
diagnose and never recommend or comment on medication. Ask at most one question at a time. Keep replies \
short and human, in plain language. Offer a breathing exercise, a meditation or journaling only when it \
would clearly help; the app shows such offers as cards, so never write JSON or code for them.";

/// What the model is told when the crisis detector fired on the latest message.
pub const CRISIS_NOTE: &str = "The person's latest message may mean they are in crisis or thinking about \
harming themselves. Respond with calm care: take it seriously, thank them for telling you, ask whether they \
are safe right now, and encourage them to contact the helplines the app is showing them or local emergency \
services. Do not suggest activities now.";

/// What the model is told when the person finished an activity since its last reply (SPEC §2).
pub const FOLLOW_UP_NOTE: &str = "The person has just finished an activity (see the app's note in the \
conversation). Begin by acknowledging it briefly and warmly, and how their mood changed if they rated it; \
then respond to what they say.";

/// Everything about the person a prompt may use.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PromptContext {
    pub display_name: String,
    pub onboarding: Option<OnboardingAnswers>,
    /// From `recall_for_prompt`; empty when nothing relevant is remembered.
    pub memory_block: String,
    /// The latest mood the person gave (1–5) and when, e.g. `(2, "2026-11-25T10:00:00Z")`.
    pub recent_mood: Option<(u8, String)>,
    /// The latest message raised the crisis detector.
    pub crisis: bool,
    /// The kinds of activity recommended for the person (from effectiveness), best first.
    pub helped: Vec<Effectiveness>,
    /// The wellness profile's visible items.
    pub wellness: Vec<WellnessItem>,
}

impl PromptContext {
    /// What an online chat model may know (ADR 0017): recalled memories only when the person shares
    /// them; the onboarding answers, the wellness profile and what helped only when they share what they
    /// said about themselves. The name, the recent mood and the conversation always go.
    pub fn for_remote(&self, memories: bool, about_you: bool) -> Self {
        let mut shared = self.clone();
        if !memories {
            shared.memory_block.clear();
        }
        if !about_you {
            shared.onboarding = None;
            shared.wellness.clear();
            shared.helped.clear();
        }
        shared
    }
}

/// The most characters of the wellness profile a prompt carries (like memories, it is clipped).
pub const WELLNESS_PROMPT_CHARS: usize = 700;

/// The wellness profile as sentences about the person, strongest first, within
/// [`WELLNESS_PROMPT_CHARS`]. What helps is said with effectiveness, not here.
pub fn wellness_sentences(items: &[WellnessItem]) -> Vec<String> {
    let codes = |kind: WellnessKind| -> Vec<String> {
        items
            .iter()
            .filter(|i| i.kind == kind)
            .take(5)
            .map(|i| i.code.replace('_', " "))
            .collect()
    };
    let mut out = Vec::new();
    let topics = codes(WellnessKind::Topic);
    if !topics.is_empty() {
        let names: Vec<&str> = topics.iter().map(String::as_str).collect();
        out.push(format!("They often talk about {}.", list(&names)));
    }
    let triggers = codes(WellnessKind::Trigger);
    if !triggers.is_empty() {
        let names: Vec<&str> = triggers.iter().map(String::as_str).collect();
        out.push(format!("Their low days often come with {}.", list(&names)));
    }
    for item in items.iter().filter(|i| i.kind == WellnessKind::Baseline) {
        out.push(if item.code == "mood" {
            format!(
                "Over the last month their mood averaged {:.1} out of 5.",
                item.value
            )
        } else {
            format!("They often feel {}.", item.code.replace('_', " "))
        });
    }
    for item in items.iter().filter(|i| i.kind == WellnessKind::Preference) {
        out.push(
            match item.code.as_str() {
                "short_messages" => "They write short messages: keep replies brief.",
                "long_messages" => "They write at length: give them room.",
                "mornings" => "They usually talk in the morning.",
                "afternoons" => "They usually talk in the afternoon.",
                "evenings" => "They usually talk in the evening.",
                "nights" => "They usually talk late at night.",
                _ => continue,
            }
            .to_string(),
        );
    }
    for item in items.iter().filter(|i| !i.note.is_empty()) {
        out.push(format!(
            "In their own words, about {}: \"{}\"",
            item.code.replace(['_', ':'], " "),
            clip(&item.note, 200)
        ));
    }
    let mut used = 0;
    out.retain(|s| {
        used += s.chars().count() + 3;
        used <= WELLNESS_PROMPT_CHARS
    });
    out
}

fn style_sentence(style: CommunicationStyle) -> &'static str {
    match style {
        CommunicationStyle::Direct => "They like a direct style: be clear and concise, no padding.",
        CommunicationStyle::Warm => "They like a warm style: be gentle and encouraging.",
        CommunicationStyle::Reflective => {
            "They like a reflective style: mirror back what you hear and leave room to think."
        }
        CommunicationStyle::Structured => {
            "They like a structured style: use short steps or points when you suggest something."
        }
    }
}

fn feeling(f: CurrentFeeling) -> &'static str {
    match f {
        CurrentFeeling::Great => "great",
        CurrentFeeling::Good => "good",
        CurrentFeeling::Okay => "okay",
        CurrentFeeling::Low => "low",
        CurrentFeeling::Struggling => "like they are struggling",
    }
}

fn goal(g: PrimaryGoal) -> &'static str {
    match g {
        PrimaryGoal::ReduceStress => "reduce stress",
        PrimaryGoal::ImproveSleep => "sleep better",
        PrimaryGoal::ManageAnxiety => "manage anxiety",
        PrimaryGoal::BuildHabits => "build healthy habits",
        PrimaryGoal::ProcessEmotions => "process their emotions",
        PrimaryGoal::SelfDiscovery => "get to know themselves better",
    }
}

fn challenge(c: Challenge) -> &'static str {
    match c {
        Challenge::Stress => "stress",
        Challenge::Anxiety => "anxiety",
        Challenge::Sleep => "sleep",
        Challenge::Focus => "focus",
        Challenge::Relationships => "relationships",
        Challenge::Work => "work",
        Challenge::LowMood => "low mood",
        Challenge::Loneliness => "loneliness",
    }
}

fn support(s: SupportType) -> &'static str {
    match s {
        SupportType::Listening => "someone to listen",
        SupportType::Guidance => "gentle guidance",
        SupportType::PracticalTools => "practical tools",
        SupportType::Encouragement => "encouragement",
    }
}

fn activity(a: PreferredActivity) -> &'static str {
    match a {
        PreferredActivity::Breathing => "breathing exercises",
        PreferredActivity::Meditation => "meditation",
        PreferredActivity::Journaling => "journaling",
        PreferredActivity::MoodTracking => "mood tracking",
        PreferredActivity::Conversation => "talking things through",
    }
}

fn experience(e: ExperienceLevel) -> &'static str {
    match e {
        ExperienceLevel::Beginner => "new to mindfulness practice",
        ExperienceLevel::Some => "somewhat familiar with mindfulness practice",
        ExperienceLevel::Experienced => "experienced with mindfulness practice",
    }
}

fn list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The onboarding answers as plain sentences about the person.
pub fn onboarding_sentences(answers: &OnboardingAnswers) -> Vec<String> {
    let mut out = vec![
        format!(
            "When they started, they felt {}.",
            feeling(answers.current_feeling)
        ),
        format!("Their main goal is to {}.", goal(answers.primary_goal)),
    ];
    if !answers.challenges.is_empty() {
        let items: Vec<&str> = answers.challenges.iter().map(|c| challenge(*c)).collect();
        out.push(format!("Lately they find {} hard.", list(&items)));
    }
    out.push(format!(
        "What helps them most is {}.",
        support(answers.support_type)
    ));
    if !answers.preferred_activities.is_empty() {
        let items: Vec<&str> = answers
            .preferred_activities
            .iter()
            .map(|a| activity(*a))
            .collect();
        out.push(format!("They enjoy {}.", list(&items)));
    }
    out.push(format!(
        "They are {}.",
        experience(answers.experience_level)
    ));
    out.push(style_sentence(answers.communication_style).to_string());
    out
}

/// The system prompt for one reply.
pub fn system_prompt(ctx: &PromptContext) -> String {
    let mut out = String::from(COMPANION);
    let name = ctx.display_name.trim();
    if !name.is_empty() {
        out.push_str(&format!("\n\nThe person's name is {name}."));
    }
    if let Some(answers) = &ctx.onboarding {
        out.push_str("\n\nAbout them (from their own answers):\n");
        for s in onboarding_sentences(answers) {
            out.push_str("- ");
            out.push_str(&s);
            out.push('\n');
        }
    }
    if let Some((mood, at)) = &ctx.recent_mood {
        let date = at.get(..10).unwrap_or(at);
        out.push_str(&format!(
            "\nTheir most recent mood rating was {mood} out of 5 (1 very low, 5 great), on {date}.\n"
        ));
    }
    if !ctx.helped.is_empty() {
        out.push_str("\nWhat has helped them before (from their own sessions):\n");
        for e in &ctx.helped {
            out.push_str(&format!(
                "- {}: their mood rose {} of the last {} times.\n",
                activity_name(e),
                e.recent_improved,
                e.recent_rated
            ));
        }
    }
    let learned = wellness_sentences(&ctx.wellness);
    if !learned.is_empty() {
        out.push_str("\nWhat you have learned about them over time (they can see and edit it):\n");
        for s in learned {
            out.push_str("- ");
            out.push_str(&s);
            out.push('\n');
        }
    }
    if !ctx.memory_block.is_empty() {
        out.push_str(
            "\nThings they told you before that may matter now (use them naturally, only if relevant):\n",
        );
        out.push_str(&ctx.memory_block);
        out.push('\n');
    }
    if ctx.crisis {
        out.push('\n');
        out.push_str(CRISIS_NOTE);
    }
    out.trim_end().to_string()
}

/// How the prompt names a kind of activity.
fn activity_name(e: &Effectiveness) -> String {
    let kind = match e.kind.as_str() {
        "relaxing_478" => "4-7-8",
        "deep_calm" => "deep calm",
        "wim_hof" => "Wim Hof",
        "self_compassion" => "self-compassion",
        "silent" => "silent",
        "difficulties" => "working with difficulties",
        other => other,
    };
    format!("{} {}", kind.replace('_', " "), e.activity.as_str())
}

/// The activity summary the companion has not replied to yet: one added after its last reply (the reply
/// being written now, still empty, does not count).
pub fn unanswered_summary(messages: &[Message]) -> Option<&Message> {
    messages
        .iter()
        .rev()
        .take_while(|m| m.role != MessageRole::Assistant || m.content.trim().is_empty())
        .find(|m| m.role == MessageRole::SystemSummary)
}

/// A rough token count: about 4 characters a token, never 0 for text.
pub fn estimate_tokens(text: &str) -> usize {
    text.chars().count().div_ceil(4).max(1)
}

/// The conversation as model turns, newest that fit in `budget` tokens, oldest first. The last message
/// always goes. Replies of which nothing arrived are left out; activity summaries are passed as notes.
pub fn history(messages: &[Message], budget: usize) -> Vec<ChatTurn> {
    let turns: Vec<ChatTurn> = messages
        .iter()
        .filter_map(|m| match m.role {
            MessageRole::User => Some(ChatTurn {
                role: ChatRole::User,
                content: m.content.clone(),
            }),
            MessageRole::Assistant
                if m.status != MessageStatus::Failed && !m.content.trim().is_empty() =>
            {
                Some(ChatTurn {
                    role: ChatRole::Assistant,
                    content: m.content.clone(),
                })
            }
            MessageRole::Assistant => None,
            MessageRole::SystemSummary => Some(ChatTurn {
                role: ChatRole::User,
                content: format!("(A note from the app, not the person: {})", m.content),
            }),
        })
        .collect();
    let mut used = 0usize;
    let mut keep = 0usize;
    for (i, turn) in turns.iter().rev().enumerate() {
        let cost = estimate_tokens(&turn.content);
        if i > 0 && used + cost > budget {
            break;
        }
        used += cost;
        keep += 1;
    }
    turns[turns.len() - keep..].to_vec()
}

/// The whole request for a reply.
pub fn build_request(ctx: &PromptContext, messages: &[Message]) -> ChatRequest {
    let mut system = system_prompt(ctx);
    // Once: after this reply the summary is no longer unanswered. Not after a crisis signal.
    if !ctx.crisis && unanswered_summary(messages).is_some() {
        system.push_str("\n\n");
        system.push_str(FOLLOW_UP_NOTE);
    }
    ChatRequest {
        system,
        turns: history(messages, HISTORY_TOKEN_BUDGET),
        max_tokens: Some(REPLY_MAX_TOKENS),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failing test should panic
mod tests {
    use super::*;
    use crate::ids::{ConversationId, MessageId, ProfileId};

    fn msg(role: MessageRole, content: &str, status: MessageStatus) -> Message {
        Message {
            id: MessageId::new(),
            conversation_id: ConversationId::new(),
            profile_id: ProfileId::new(),
            role,
            content: content.into(),
            status,
            error: None,
            created_at: String::new(),
            proposal: None,
            safety: None,
            summary: None,
        }
    }

    #[test]
    fn onboarding_reads_as_sentences() {
        let mut a = OnboardingAnswers::neutral();
        a.challenges = vec![Challenge::Sleep, Challenge::Work, Challenge::Loneliness];
        a.communication_style = CommunicationStyle::Direct;
        let s = onboarding_sentences(&a).join(" ");
        assert!(
            s.contains("Lately they find sleep, work and loneliness hard."),
            "{s}"
        );
        assert!(s.contains("direct style"), "{s}");
        assert!(!s.contains('_'), "no raw enum values: {s}");
    }

    /// A context with every part present.
    fn full_context() -> PromptContext {
        PromptContext {
            display_name: "Ana".into(),
            onboarding: Some(OnboardingAnswers::neutral()),
            memory_block: "- Ana's sister is called Maya.".into(),
            recent_mood: Some((2, "2026-11-24T08:00:00Z".into())),
            crisis: true,
            helped: vec![Effectiveness {
                activity: crate::mood::MoodActivity::Breathing,
                kind: "relaxing_478".into(),
                started: 5,
                completed: 5,
                improved: 4,
                same: 1,
                declined: 0,
                score: 80.0,
                recommended: true,
                recent_improved: 4,
                recent_rated: 5,
            }],
            wellness: vec![
                item(WellnessKind::Topic, "work", 5.0, ""),
                item(
                    WellnessKind::Topic,
                    "self_esteem",
                    3.0,
                    "new job since March",
                ),
                item(WellnessKind::Trigger, "money", 2.0, ""),
                item(WellnessKind::Baseline, "mood", 2.84, ""),
                item(WellnessKind::Preference, "evenings", 0.7, ""),
            ],
        }
    }

    #[test]
    fn system_prompt_has_each_part_only_when_present() {
        let bare = system_prompt(&PromptContext::default());
        assert_eq!(bare, COMPANION);
        let full = system_prompt(&full_context());
        for part in [
            "They often talk about work and self esteem.",
            "Their low days often come with money.",
            "their mood averaged 2.8 out of 5",
            "They usually talk in the evening.",
            "In their own words, about self esteem: \"new job since March\"",
            "name is Ana",
            "Their main goal is to reduce stress.",
            "2 out of 5",
            "2026-11-24",
            "sister is called Maya",
            "- 4-7-8 breathing: their mood rose 4 of the last 5 times.",
            CRISIS_NOTE,
        ] {
            assert!(full.contains(part), "missing {part:?} in {full}");
        }
    }

    #[test]
    fn an_online_model_gets_only_what_the_person_shares() {
        let full = full_context();
        assert_eq!(full.for_remote(true, true), full);
        let memories = "sister is called Maya";
        let about_you = [
            "Their main goal is to reduce stress.",
            "They often talk about work",
            "4-7-8 breathing",
        ];
        let nothing = system_prompt(&full.for_remote(false, false));
        for kept in ["name is Ana", "2 out of 5", CRISIS_NOTE] {
            assert!(nothing.contains(kept), "missing {kept:?} in {nothing}");
        }
        for left in about_you.iter().chain([&memories]) {
            assert!(!nothing.contains(left), "{left:?} sent in {nothing}");
        }
        let only_memories = system_prompt(&full.for_remote(true, false));
        assert!(only_memories.contains(memories));
        assert!(about_you.iter().all(|part| !only_memories.contains(part)));
        let only_about_you = system_prompt(&full.for_remote(false, true));
        assert!(!only_about_you.contains(memories));
        assert!(about_you.iter().all(|part| only_about_you.contains(part)));
    }

    fn item(kind: WellnessKind, code: &str, value: f64, note: &str) -> WellnessItem {
        WellnessItem {
            id: crate::ids::WellnessItemId::new(),
            kind,
            code: code.into(),
            value,
            sources: crate::wellness::WellnessSources::default(),
            note: note.into(),
            updated_at: String::new(),
        }
    }

    #[test]
    fn the_wellness_profile_is_clipped_to_its_budget() {
        let items: Vec<WellnessItem> = (0..40)
            .map(|i| {
                item(
                    WellnessKind::Topic,
                    "work",
                    1.0,
                    &format!("note {i} {}", "x".repeat(150)),
                )
            })
            .collect();
        let sentences = wellness_sentences(&items);
        let chars: usize = sentences.iter().map(|s| s.chars().count() + 3).sum();
        assert!(chars <= WELLNESS_PROMPT_CHARS, "{chars}");
        assert!(sentences.len() >= 2, "{sentences:?}");
    }

    #[test]
    fn history_drops_the_oldest_first_and_keeps_the_last() {
        let long = "word ".repeat(400); // 500 tokens
        let mut messages = Vec::new();
        for i in 0..10 {
            messages.push(msg(
                MessageRole::User,
                &format!("{i} {long}"),
                MessageStatus::Complete,
            ));
        }
        let turns = history(&messages, 1_600);
        assert_eq!(turns.len(), 3);
        assert!(turns[0].content.starts_with("7 "));
        assert!(turns[2].content.starts_with("9 "));
        // The current message goes even over budget.
        let turns = history(&messages, 10);
        assert_eq!(turns.len(), 1);
        assert!(turns[0].content.starts_with("9 "));
    }

    #[test]
    fn the_reply_after_an_activity_follows_it_up_once() {
        let summary = msg(
            MessageRole::SystemSummary,
            "Activity finished: breathing box, 1 min 4 s, completed; mood 2 → 4 (1–5).",
            MessageStatus::Complete,
        );
        let mut messages = vec![
            msg(
                MessageRole::User,
                "help me breathe",
                MessageStatus::Complete,
            ),
            msg(
                MessageRole::Assistant,
                "Let's try box.",
                MessageStatus::Complete,
            ),
            summary,
            msg(MessageRole::User, "that was nice", MessageStatus::Complete),
        ];
        let ctx = PromptContext::default();
        assert!(build_request(&ctx, &messages)
            .system
            .contains(FOLLOW_UP_NOTE));
        let crisis = PromptContext {
            crisis: true,
            ..PromptContext::default()
        };
        assert!(!build_request(&crisis, &messages)
            .system
            .contains(FOLLOW_UP_NOTE));
        // The reply being written is still empty: the summary is unanswered until it arrives.
        messages.push(msg(MessageRole::Assistant, "", MessageStatus::Complete));
        assert!(build_request(&ctx, &messages)
            .system
            .contains(FOLLOW_UP_NOTE));
        messages.pop();
        messages.push(msg(
            MessageRole::Assistant,
            "Glad it helped!",
            MessageStatus::Complete,
        ));
        messages.push(msg(MessageRole::User, "what now?", MessageStatus::Complete));
        assert!(!build_request(&ctx, &messages)
            .system
            .contains(FOLLOW_UP_NOTE));
        assert!(!build_request(&ctx, &messages[..2])
            .system
            .contains(FOLLOW_UP_NOTE));
    }

    #[test]
    fn history_skips_failed_replies_and_notes_summaries() {
        let messages = vec![
            msg(MessageRole::User, "hi", MessageStatus::Complete),
            msg(MessageRole::Assistant, "", MessageStatus::Failed),
            msg(MessageRole::Assistant, "I hear", MessageStatus::Partial),
            msg(
                MessageRole::SystemSummary,
                "Activity finished.",
                MessageStatus::Complete,
            ),
        ];
        let turns = history(&messages, 1_000);
        assert_eq!(turns.len(), 3);
        assert_eq!(turns[1].content, "I hear");
        assert_eq!(turns[2].role, ChatRole::User);
        assert!(turns[2].content.contains("not the person"));
    }
}
