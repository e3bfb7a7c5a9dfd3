//! The gate before a Wim Hof session (SPEC §4): contraindications block it, newcomers are pointed
//! to box breathing first, discomfort points to deep calm, and the safety notice shows until the
//! person has acknowledged it once.

use serde::{Deserialize, Serialize};

use super::config::Technique;
use crate::profile::Contraindication;

/// Completed breathing sessions before Wim Hof stops suggesting box breathing first.
pub const WIM_HOF_MIN_COMPLETED: u32 = 3;

/// The first-time safety notice, one line each.
pub const WIM_HOF_SAFETY_NOTICE: [&str; 3] = [
    "Never practise in or near water.",
    "Never practise while driving or anywhere fainting could hurt you.",
    "Sit or lie down somewhere comfortable.",
];

/// Why the gate answered as it did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum GateReason {
    /// A contraindication from onboarding: Wim Hof is blocked.
    Contraindication,
    /// The latest message mentions feeling unwell.
    Discomfort,
    /// Fewer than three completed breathing sessions.
    NewToBreathing,
}

/// The gate's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SafetyDecision {
    /// Whether Wim Hof may start (a suggestion still lets the person choose).
    pub allowed: bool,
    /// A gentler technique to offer instead, if any.
    pub suggested_technique: Option<Technique>,
    pub reason: Option<GateReason>,
    /// What to tell the person, if anything.
    pub message: Option<String>,
    /// Show the safety notice before starting (until acknowledged once).
    pub show_safety_notice: bool,
    /// The notice's lines, when it is to be shown.
    pub safety_notice: Vec<String>,
}

/// Words in the latest message that suggest a calmer technique.
pub fn mentions_discomfort(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    const SINGLE: [&str; 8] = [
        "dizzy",
        "dizziness",
        "lightheaded",
        "lightheadedness",
        "nauseous",
        "nausea",
        "nauseated",
        "uncomfortable",
    ];
    words.iter().any(|w| SINGLE.contains(w))
        || words
            .windows(2)
            .any(|pair| pair[0] == "light" && pair[1].starts_with("headed"))
}

/// Decides whether Wim Hof may start, from the onboarding contraindications, the number of
/// completed breathing sessions, the latest message (if any) and whether the notice was acknowledged.
pub fn wim_hof_gate(
    contraindications: &[Contraindication],
    completed_sessions: u32,
    latest_message: Option<&str>,
    notice_acknowledged: bool,
) -> SafetyDecision {
    let show = !notice_acknowledged;
    let decision = |allowed, suggested, reason, message: Option<&str>| SafetyDecision {
        allowed,
        suggested_technique: suggested,
        reason,
        message: message.map(str::to_string),
        show_safety_notice: show && allowed,
        safety_notice: if show && allowed {
            WIM_HOF_SAFETY_NOTICE
                .iter()
                .map(|s| s.to_string())
                .collect()
        } else {
            Vec::new()
        },
    };
    if !contraindications.is_empty() {
        return decision(
            false,
            Some(Technique::Coherent),
            Some(GateReason::Contraindication),
            Some(
                "Because of the health condition you told us about, the Wim Hof method isn't a safe \
                 choice. Coherent breathing gives a calm, steady rhythm instead.",
            ),
        );
    }
    if latest_message.is_some_and(mentions_discomfort) {
        return decision(
            true,
            Some(Technique::DeepCalm),
            Some(GateReason::Discomfort),
            Some(
                "You mentioned not feeling well. Deep Calm is gentler right now; the Wim Hof method \
                 can make dizziness or nausea worse.",
            ),
        );
    }
    if completed_sessions < WIM_HOF_MIN_COMPLETED {
        return decision(
            true,
            Some(Technique::Box),
            Some(GateReason::NewToBreathing),
            Some(
                "The Wim Hof method is intense. A few sessions of box breathing first make it \
                 easier and safer.",
            ),
        );
    }
    decision(true, None, None, None)
}
