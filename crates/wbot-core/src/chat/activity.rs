//! The offline activity classifier (SPEC §2): does a message ask for (or would it clearly benefit from)
//! breathing, meditation or journaling now? Deterministic vetoes for past, finished, deferred,
//! hypothetical, declined, sceptical and second-hand mentions, which embeddings alone confuse with requests
//! ("I used to do breathing exercises" sits right next to "let's do a breathing exercise"), then a
//! classifier over the message's embedding ([`super::judgement::judge_activity`]).

use serde::{Deserialize, Serialize};

use super::crisis::{clauses, compile, match_at, Pattern};

/// What the companion may offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Activity {
    None,
    Breathing,
    Meditation,
    Journaling,
}

impl Activity {
    /// Every value, in order.
    pub const ALL: [Self; 4] = [
        Self::None,
        Self::Breathing,
        Self::Meditation,
        Self::Journaling,
    ];

    /// The value as written in the examples and sent.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Breathing => "breathing",
            Self::Meditation => "meditation",
            Self::Journaling => "journaling",
        }
    }

    /// From its name.
    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == raw)
    }
}

/// The classifier's answer for one message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ActivityGuess {
    pub activity: Activity,
    /// 0–1: the classifier's probability of that activity (1 for a rule's veto).
    pub confidence: f32,
    /// Whether to offer it: an activity at or above the trained threshold.
    pub propose: bool,
    /// The rule that vetoed a proposal, if one did (a pattern, never the user's words).
    pub rule: Option<String>,
}

/// Phrases that mean "not now / not me / not a request" (normalised like the crisis detector's input:
/// "don't" is "do not", accents folded; `*` skips up to 3 words). English, then Spanish.
const VETO: &[&str] = &[
    "used to",
    "already",
    "stopped|quit|skipped",
    "tried * once|before",
    "years|months|weeks ago",
    "last year|month|week|night",
    "this morning",
    "just finished|did|wrote|meditated|breathed",
    "did not help|work",
    "never work~|help~",
    "does not work|help",
    "not want to|any",
    "no thanks|thank",
    "not now|today",
    "not right now",
    "maybe later",
    "later today|tonight",
    "some other time",
    "remind me",
    "rather not",
    "let not",
    "not suggest",
    "just want to talk|chat|vent",
    "someone to listen",
    "just talk|chat|vent",
    "instead of",
    "not for me",
    "not * into",
    "not like",
    "not think",
    "make~ me more",
    "hate~",
    "sceptical|skeptical|fad|expensive|overrated",
    "difference between",
    "explain",
    "what is|are",
    "why do",
    "wonder~",
    "science",
    "read * about",
    "article",
    "would * help * if",
    "if i ever",
    "someday|one day",
    "next week|month|time",
    "my sister|brother|friend|mom|mum|dad|teacher|therapist|partner|colleague|daughter|son|wife|husband",
    "teacher",
    "meditates|journals|breathes",
    "solia",
    "ya hice|medite|respire|escribi|termine",
    "acabo de",
    "hace * anos|meses|semanas|dias",
    "esta manana",
    "anoche",
    "no gracias",
    "ahora no",
    "luego|despues|otro dia|mas tarde",
    "recuerdame",
    "no me apetece|funciona|sirve|gusta|ayuda",
    "no quiero",
    "solo quiero hablar|desahogarme|charlar",
    "nunca me funciona|sirve|ayuda",
    "es una moda",
    "que es|son",
    "diferencia entre",
    "por que",
    "si algun dia",
    "algun dia",
    "la semana|el mes que viene",
    "mi hermana|hermano|amiga|amigo|madre|padre|mama|papa|hija|hijo|pareja|psicologo|psicologa|terapeuta|novio|novia",
];

fn vetoes() -> &'static [Pattern] {
    static V: std::sync::OnceLock<Vec<Pattern>> = std::sync::OnceLock::new();
    V.get_or_init(|| VETO.iter().map(|&s| compile(s)).collect())
}

/// The veto pattern a message matches, if any.
pub fn veto(text: &str) -> Option<&'static str> {
    let clauses = clauses(text);
    vetoes().iter().find_map(|p| {
        clauses
            .iter()
            .any(|words| (0..words.len()).any(|i| match_at(&p.toks, words, i).is_some()))
            .then_some(p.source)
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failing test should panic
mod tests {
    use super::*;

    #[test]
    fn vetoes_catch_past_declined_and_sceptical() {
        for t in [
            "I used to do breathing exercises a lot",
            "I know breathing helps but can we just talk?",
            "No thanks, I don't want to meditate.",
            "My friend swears by journaling.",
            "I'm sceptical about meditation",
            "Ya medité esta mañana, gracias.",
            "Mi psicóloga quiere que escriba un diario.",
            "Quizá respiramos luego, ahora no.",
        ] {
            assert!(veto(t).is_some(), "{t}");
        }
        for t in [
            "I feel anxious, can you help me breathe?",
            "Can we meditate together?",
            "I want to write about my day.",
            "I can't catch my breath",
            "¿Hacemos un ejercicio de respiración?",
            "Necesito sacar todo esto por escrito.",
        ] {
            assert_eq!(veto(t), None, "{t}");
        }
    }
}
