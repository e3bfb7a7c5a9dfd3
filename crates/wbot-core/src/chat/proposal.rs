//! Activity proposals (SPEC §2): what the companion offers after a message, what the user chose, and the
//! summary added to the conversation when the activity ends. All typed; nothing lives in message text.

use serde::{Deserialize, Serialize};

use super::activity::{Activity, ActivityGuess};
use crate::breathing::{BreathingSession, Technique};
use crate::error::{CoreError, Result, Subject};
use crate::ids::{BreathingSessionId, JournalEntryId, MeditationSessionId};
use crate::mood::MoodActivity;
use crate::profile::{OnboardingAnswers, SessionLength};
use crate::progress::Effectiveness;
use crate::text::string_enum;

string_enum!(
    /// A journaling prompt's category (SPEC §6).
    JournalCategory {
        Reflection = "reflection", Gratitude = "gratitude", Processing = "processing",
        Growth = "growth", SelfCompassion = "self_compassion",
    }
);

string_enum!(
    /// Why an activity is offered; the UI words it in the person's language.
    ProposalReason {
        Sleep = "sleep", Anxiety = "anxiety", Calm = "calm", Space = "space",
        Gratitude = "gratitude", SelfCompassion = "self_compassion", Processing = "processing",
        Helped = "helped",
    }
);

/// Why a `helped` proposal was chosen: of the latest sessions of it with a mood before and after, how
/// many lifted the mood ("box breathing helped you 4 of the last 5 times").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ProposalEvidence {
    pub improved: u32,
    pub rated: u32,
}

/// What an activity card starts with; the user may change every field before starting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ActivitySuggestion {
    Breathing {
        technique: Technique,
    },
    Meditation {
        minutes: u32,
    },
    Journaling {
        category: JournalCategory,
        /// The prompt chosen (1–500 characters). Empty in a proposal: the UI offers its own prompt of
        /// the category, worded in the person's language (the core words nothing a person reads).
        prompt: String,
    },
}

impl ActivitySuggestion {
    /// Which activity this is.
    pub fn activity(&self) -> Activity {
        match self {
            Self::Breathing { .. } => Activity::Breathing,
            Self::Meditation { .. } => Activity::Meditation,
            Self::Journaling { .. } => Activity::Journaling,
        }
    }

    /// Checks a choice the user made in a card.
    pub fn validate(&self) -> Result<()> {
        match self {
            Self::Breathing { .. } => Ok(()),
            Self::Meditation { minutes } if (1..=120).contains(minutes) => Ok(()),
            Self::Meditation { minutes } => {
                Err(
                    CoreError::out_of_range(Subject::MeditationLength, 1.0, 120.0)
                        .actual(f64::from(*minutes)),
                )
            }
            Self::Journaling { prompt, .. } => {
                let n = prompt.trim().chars().count();
                if n == 0 || n > 500 {
                    Err(CoreError::out_of_range(Subject::JournalPrompt, 1.0, 500.0))
                } else {
                    Ok(())
                }
            }
        }
    }
}

/// What the user did with a proposal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ProposalDecision {
    /// Started, with the choice actually made (which may differ from the suggestion).
    Started { choice: ActivitySuggestion },
    /// "Not now".
    Declined,
}

/// An activity offered after a user message; the user starts, changes or declines it in a card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ActivityProposal {
    pub activity: Activity,
    /// The classifier's confidence, 0–1.
    pub confidence: f32,
    pub suggestion: ActivitySuggestion,
    pub reason: ProposalReason,
    /// With the reason `helped`: the person's own history.
    #[serde(default)]
    pub evidence: Option<ProposalEvidence>,
    /// What the user chose, once they have.
    pub decision: Option<ProposalDecision>,
}

/// How an activity that was started from the conversation went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ActivitySummary {
    pub activity: Activity,
    /// The technique (breathing) or kind of practice, as stored.
    pub technique: String,
    pub duration_ms: u32,
    pub completed: bool,
    pub mood_before: Option<u8>,
    pub mood_after: Option<u8>,
    /// The saved session it describes.
    pub session_id: String,
}

/// Which saved session ended, for [`ActivitySummary`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ActivityResult {
    #[serde(rename_all = "camelCase")]
    Breathing { session_id: BreathingSessionId },
    #[serde(rename_all = "camelCase")]
    Journaling { entry_id: JournalEntryId },
    #[serde(rename_all = "camelCase")]
    Meditation { session_id: MeditationSessionId },
}

fn mentions(text: &str, words: &[&str]) -> bool {
    let lower = text.to_lowercase();
    words.iter().any(|w| lower.contains(w))
}

/// The suggestion of the kind of activity that is recommended for the person and helped most, if any
/// (`helped` is best first); `usual` is what would be proposed without the history. Wim Hof (behind its
/// safety gate) and custom patterns are never proposed.
fn helped_most<'a>(
    usual: &ActivitySuggestion,
    helped: &'a [Effectiveness],
) -> Option<(ActivitySuggestion, &'a Effectiveness)> {
    helped.iter().filter(|e| e.recommended).find_map(|e| {
        let suggestion = match (usual.activity(), e.activity) {
            (Activity::Breathing, MoodActivity::Breathing) => {
                let technique: Technique = e.kind.parse().ok()?;
                if matches!(technique, Technique::WimHof | Technique::Custom) {
                    return None;
                }
                ActivitySuggestion::Breathing { technique }
            }
            (Activity::Journaling, MoodActivity::Journaling) => {
                let category: JournalCategory = e.kind.parse().ok()?;
                ActivitySuggestion::Journaling {
                    category,
                    prompt: String::new(),
                }
            }
            // The card runs the timer: the usual one, at the person's length (a guided type that
            // helped is not what it offers).
            (Activity::Meditation, MoodActivity::Meditation) if e.kind == "silent" => usual.clone(),
            _ => return None,
        };
        Some((suggestion, e))
    })
}

/// The proposal for a message the classifier judged, or none when it should not propose. What helped this
/// person before (`helped`, from [`crate::progress::ProgressService::effectiveness`]) comes first.
pub fn propose(
    text: &str,
    guess: &ActivityGuess,
    onboarding: Option<&OnboardingAnswers>,
    helped: &[Effectiveness],
) -> Option<ActivityProposal> {
    if !guess.propose {
        return None;
    }
    let length = onboarding.map_or(SessionLength::Short, |o| o.session_length);
    let (suggestion, reason) = match guess.activity {
        Activity::None => return None,
        Activity::Breathing => {
            let (technique, reason) = if mentions(text, &["sleep", "night", "bed", "insomnia"]) {
                (Technique::Relaxing478, ProposalReason::Sleep)
            } else if mentions(text, &["panic", "anxious", "anxiety", "racing", "nervous"]) {
                (Technique::Box, ProposalReason::Anxiety)
            } else {
                (Technique::Coherent, ProposalReason::Calm)
            };
            (ActivitySuggestion::Breathing { technique }, reason)
        }
        Activity::Meditation => {
            let minutes = match length {
                SessionLength::Short => 5,
                SessionLength::Medium => 10,
                SessionLength::Long => 20,
            };
            (
                ActivitySuggestion::Meditation { minutes },
                ProposalReason::Space,
            )
        }
        Activity::Journaling => {
            let (category, reason) = if mentions(text, &["grateful", "gratitude", "thankful"]) {
                (JournalCategory::Gratitude, ProposalReason::Gratitude)
            } else if mentions(text, &["hard on myself", "my fault", "failure", "ashamed"]) {
                (
                    JournalCategory::SelfCompassion,
                    ProposalReason::SelfCompassion,
                )
            } else {
                (JournalCategory::Processing, ProposalReason::Processing)
            };
            (
                ActivitySuggestion::Journaling {
                    category,
                    prompt: String::new(),
                },
                reason,
            )
        }
    };
    let (suggestion, reason, evidence) = match helped_most(&suggestion, helped) {
        Some((suggestion, e)) => (
            suggestion,
            ProposalReason::Helped,
            Some(ProposalEvidence {
                improved: e.recent_improved,
                rated: e.recent_rated,
            }),
        ),
        None => (suggestion, reason, None),
    };
    Some(ActivityProposal {
        activity: guess.activity,
        confidence: guess.confidence,
        suggestion,
        reason,
        evidence,
        decision: None,
    })
}

impl ActivitySummary {
    /// The summary of a saved breathing session.
    pub fn of_breathing(session: &BreathingSession) -> Self {
        Self {
            activity: Activity::Breathing,
            technique: session.technique.as_str().to_string(),
            duration_ms: session.duration_ms,
            completed: session.completed,
            mood_before: session.mood_before,
            mood_after: session.mood_after,
            session_id: session.id.to_string(),
        }
    }

    /// One plain sentence, shown in the conversation and given to the model.
    pub fn sentence(&self) -> String {
        let secs = self.duration_ms / 1000;
        let duration = if secs >= 60 {
            format!("{} min {} s", secs / 60, secs % 60)
        } else {
            format!("{secs} s")
        };
        let how = if self.completed {
            "completed"
        } else {
            "stopped early"
        };
        let mood = match (self.mood_before, self.mood_after) {
            (Some(b), Some(a)) => format!("; mood {b} → {a} (1–5)"),
            (None, Some(a)) => format!("; mood after {a} (1–5)"),
            (Some(b), None) => format!("; mood before {b} (1–5)"),
            (None, None) => String::new(),
        };
        format!(
            "Activity finished: {} {}, {duration}, {how}{mood}.",
            self.activity.as_str(),
            self.technique.replace('_', " "),
        )
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failing test should panic
mod tests {
    use super::*;

    fn guess(activity: Activity, propose: bool) -> ActivityGuess {
        ActivityGuess {
            activity,
            confidence: 0.8,
            propose,
            rule: None,
        }
    }

    #[test]
    fn proposals_follow_the_guess_and_the_words() {
        let p = propose(
            "I feel anxious, can you help me breathe?",
            &guess(Activity::Breathing, true),
            None,
            &[],
        )
        .unwrap();
        assert_eq!(
            p.suggestion,
            ActivitySuggestion::Breathing {
                technique: Technique::Box
            }
        );
        let p = propose(
            "I can't sleep, help me breathe",
            &guess(Activity::Breathing, true),
            None,
            &[],
        )
        .unwrap();
        assert_eq!(
            p.suggestion,
            ActivitySuggestion::Breathing {
                technique: Technique::Relaxing478
            }
        );
        assert!(propose("x", &guess(Activity::Breathing, false), None, &[]).is_none());
        assert!(propose("x", &guess(Activity::None, true), None, &[]).is_none());
        let mut answers = OnboardingAnswers::neutral();
        answers.session_length = SessionLength::Long;
        let p = propose(
            "meditate",
            &guess(Activity::Meditation, true),
            Some(&answers),
            &[],
        )
        .unwrap();
        assert_eq!(p.suggestion, ActivitySuggestion::Meditation { minutes: 20 });
    }

    #[test]
    fn what_helped_the_person_comes_first_and_says_why() {
        let helped = |kind: &str, recommended: bool| Effectiveness {
            activity: MoodActivity::Breathing,
            kind: kind.into(),
            started: 5,
            completed: 5,
            improved: 4,
            same: 1,
            declined: 0,
            score: 82.0,
            recommended,
            recent_improved: 4,
            recent_rated: 5,
        };
        let text = "I feel anxious, can you help me breathe?";
        let breathing = guess(Activity::Breathing, true);
        let p = propose(text, &breathing, None, &[helped("deep_calm", true)]).unwrap();
        assert_eq!(
            p.suggestion,
            ActivitySuggestion::Breathing {
                technique: Technique::DeepCalm
            }
        );
        assert_eq!(p.reason, ProposalReason::Helped);
        assert_eq!(
            p.evidence,
            Some(ProposalEvidence {
                improved: 4,
                rated: 5
            })
        );
        // Not recommended, Wim Hof, or another activity's: the usual proposal.
        for history in [
            vec![helped("deep_calm", false)],
            vec![helped("wim_hof", true)],
        ] {
            let p = propose(text, &breathing, None, &history).unwrap();
            assert_eq!(p.reason, ProposalReason::Anxiety);
            assert_eq!(p.evidence, None);
        }
        let p = propose(
            "write",
            &guess(Activity::Journaling, true),
            None,
            &[helped("box", true)],
        )
        .unwrap();
        assert_eq!(p.reason, ProposalReason::Processing);
        // The card runs the timer: a timer that helped is offered as helping, a guided type is not.
        let meditation = guess(Activity::Meditation, true);
        let meditated = |kind: &str| Effectiveness {
            activity: MoodActivity::Meditation,
            ..helped(kind, true)
        };
        let p = propose("meditate", &meditation, None, &[meditated("silent")]).unwrap();
        assert_eq!(p.reason, ProposalReason::Helped);
        let p = propose("meditate", &meditation, None, &[meditated("sleep")]).unwrap();
        assert_eq!(
            (p.suggestion, p.reason),
            (
                ActivitySuggestion::Meditation { minutes: 5 },
                ProposalReason::Space
            )
        );
        // A proposal saved before evidence existed still reads.
        let old = serde_json::json!({"activity": "breathing", "confidence": 0.8,
            "suggestion": {"kind": "breathing", "technique": "box"}, "reason": "anxiety", "decision": null});
        let p: ActivityProposal = serde_json::from_value(old).unwrap();
        assert_eq!(p.evidence, None);
    }

    #[test]
    fn choices_are_checked() {
        assert!(ActivitySuggestion::Meditation { minutes: 0 }
            .validate()
            .is_err());
        assert!(ActivitySuggestion::Journaling {
            category: JournalCategory::Growth,
            prompt: " ".into()
        }
        .validate()
        .is_err());
        let json = serde_json::to_value(ProposalDecision::Started {
            choice: ActivitySuggestion::Breathing {
                technique: Technique::DeepCalm,
            },
        })
        .unwrap();
        assert_eq!(
            json,
            serde_json::json!({"kind": "started", "choice": {"kind": "breathing", "technique": "deep_calm"}})
        );
    }

    #[test]
    fn summary_sentence() {
        let s = ActivitySummary {
            activity: Activity::Breathing,
            technique: "deep_calm".into(),
            duration_ms: 64_500,
            completed: true,
            mood_before: Some(2),
            mood_after: Some(4),
            session_id: "x".into(),
        };
        assert_eq!(
            s.sentence(),
            "Activity finished: breathing deep calm, 1 min 4 s, completed; mood 2 → 4 (1–5)."
        );
    }
}
