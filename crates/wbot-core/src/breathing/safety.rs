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
    /// Why (the UI words it).
    pub reason: Option<GateReason>,
    /// Show the safety notice (SPEC §4: water, driving, sit or lie down) before starting, until
    /// acknowledged once.
    pub show_safety_notice: bool,
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
    let decision = |allowed, suggested, reason| SafetyDecision {
        allowed,
        suggested_technique: suggested,
        reason,
        show_safety_notice: show && allowed,
    };
    if !contraindications.is_empty() {
        return decision(
            false,
            Some(Technique::Coherent),
            Some(GateReason::Contraindication),
        );
    }
    if latest_message.is_some_and(mentions_discomfort) {
        return decision(
            true,
            Some(Technique::DeepCalm),
            Some(GateReason::Discomfort),
        );
    }
    if completed_sessions < WIM_HOF_MIN_COMPLETED {
        return decision(true, Some(Technique::Box), Some(GateReason::NewToBreathing));
    }
    decision(true, None, None)
}
