//! A meditation written for the person (SPEC §5 "Personalised"): the type chosen from their signals
//! (what they said lately, their latest check-in, the time of day), a script written by their chat
//! model through the same fallback chain as replies (an online provider only when allowed, ADR 0017),
//! then spoken by the local voice into a guided track with the script kept beside it (ADR 0021).

use serde::{Deserialize, Serialize};
use tokio_util::sync::CancellationToken;

use super::provider::{ChatRequest, ChatRole, ChatTurn};
use super::turn::chain;
use super::ChatService;
use super::MessageStatus;
use crate::db::local_now;
use crate::error::{CoreError, Reason, Result, Subject};
use crate::events::{CoreEvent, EventBus, Progress};
use crate::ids::ProfileId;
use crate::meditation::{GuidedKind, GuidedTrack};
use crate::mood::Emotion;
use crate::text::clip;

/// The progress job of writing the script (0 of 1, then 1 of 1); speaking it is `meditation.voice`.
pub const WRITE_JOB: &str = "meditation.write";
/// The shortest and longest meditation that can be asked for.
pub const MIN_MINUTES: u8 = 3;
pub const MAX_MINUTES: u8 = 30;
/// How much of what the person said lately the model is told.
const MAX_SITUATION_CHARS: usize = 1_200;
/// The person's latest messages that say how they are.
const RECENT_MESSAGES: i64 = 6;

/// What the type of a meditation is chosen from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MeditationSignals {
    /// What the person wrote lately (their messages and their latest check-in's note).
    pub text: String,
    /// Their latest check-in's emotions.
    pub emotions: Vec<Emotion>,
    /// The hour where they are, 0–23.
    pub hour: u8,
}

fn mentions(text: &str, stems: &[&str]) -> bool {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .any(|word| stems.iter().any(|s| word.starts_with(s)))
}

/// The type for these signals, in SPEC §5's order: anxiety → working with difficulties, tension →
/// body scan, sadness → loving kindness, sleep or night → sleep, morning → breathing focus; else daily
/// mindfulness. Words are matched in English and Spanish.
pub fn choose_kind(signals: &MeditationSignals) -> GuidedKind {
    let text = signals.text.to_lowercase();
    let felt = |e: &[Emotion]| signals.emotions.iter().any(|x| e.contains(x));
    let anxious = [
        "anxi",
        "worr",
        "panic",
        "nervous",
        "scared",
        "afraid",
        "overwhelm",
        "ansie",
        "preocup",
        "pánico",
        "panico",
        "nervios",
        "miedo",
        "agobi",
    ];
    let tense = [
        "tense",
        "tension",
        "tight",
        "stiff",
        "ache",
        "aching",
        "pain",
        "headache",
        "sore",
        "knot",
        "tens",
        "rígid",
        "rigid",
        "dolor",
        "contractur",
    ];
    let sad = [
        "sad", "lonely", "alone", "grief", "griev", "cry", "crying", "heartbr", "miss", "trist",
        "sola", "solo", "llor", "duelo",
    ];
    let sleep = [
        "sleep", "insomnia", "awake", "night", "bed", "dorm", "insomn", "noche", "despiert", "cama",
    ];
    if mentions(&text, &anxious) || felt(&[Emotion::Anxious, Emotion::Afraid, Emotion::Overwhelmed])
    {
        GuidedKind::Difficulties
    } else if mentions(&text, &tense) || felt(&[Emotion::Stressed]) {
        GuidedKind::BodyScan
    } else if mentions(&text, &sad) || felt(&[Emotion::Sad, Emotion::Lonely]) {
        GuidedKind::LovingKindness
    } else if mentions(&text, &sleep) || signals.hour >= 21 || signals.hour < 5 {
        GuidedKind::Sleep
    } else if (5..11).contains(&signals.hour) {
        GuidedKind::BreathingFocus
    } else {
        GuidedKind::DailyMindfulness
    }
}

fn practice(kind: GuidedKind) -> &'static str {
    match kind {
        GuidedKind::BodyScan => {
            "a body scan: attention moving slowly from the feet to the head, softening tension"
        }
        GuidedKind::BreathingFocus => {
            "breathing focus: resting attention on the breath, counting or noticing it"
        }
        GuidedKind::LovingKindness => {
            "loving kindness: warm wishes for oneself, then someone dear, then all beings"
        }
        GuidedKind::Difficulties => {
            "working with difficulties: noticing a worry or a hard feeling, where it sits in the body, and making room for it with kindness"
        }
        GuidedKind::Sleep => {
            "for sleep: slowing down, relaxing the body part by part, letting go of the day"
        }
        GuidedKind::DailyMindfulness => {
            "daily mindfulness: arriving in the present moment through the senses and the breath"
        }
    }
}

/// What the model is asked: a script of `minutes` of `kind` for `name`, from what they shared.
pub fn meditation_request(
    kind: GuidedKind,
    minutes: u8,
    name: &str,
    situation: &str,
    mood: Option<u8>,
) -> ChatRequest {
    let words = u32::from(minutes) * 65;
    let system = format!(
        "You write guided meditation scripts for Wbot, a gentle wellness companion. Write only the \
         words to be spoken aloud, in English, in plain sentences: no title, no headings, no lists, \
         no stage directions, no markdown. Mark each silence with [PAUSE Ns], N being seconds from 3 \
         to 60. Shape: an opening of one to two minutes that settles the listener; the main practice; \
         a closing of one to two minutes that brings them gently back. The whole meditation lasts \
         about {minutes} minutes: about {words} words spoken at about 110 words a minute, the rest in \
         pauses. Speak warmly and simply, to \"you\". Never diagnose, never promise a cure."
    );
    let mut ask = format!(
        "Write a {minutes}-minute meditation for {name}. The practice: {}.",
        practice(kind)
    );
    if !situation.trim().is_empty() {
        ask.push_str(&format!(
            " What they shared lately, to speak to gently without repeating it word for word: {}",
            clip(situation.trim(), MAX_SITUATION_CHARS)
        ));
    }
    if let Some(mood) = mood {
        ask.push_str(&format!(" Their latest mood: {mood} of 5."));
    }
    ChatRequest {
        system,
        turns: vec![ChatTurn {
            role: ChatRole::User,
            content: ask,
        }],
        max_tokens: Some(u32::from(minutes) * 200),
    }
}

/// The model's text as a script: markdown emphasis, headings and list marks taken out.
pub fn script_from_reply(reply: &str) -> String {
    reply
        .lines()
        .map(str::trim)
        .filter(|l| !l.starts_with('#') && !l.starts_with("```"))
        .map(|l| l.trim_start_matches(['-', '*', '•', '>']).trim_start())
        .map(|l| l.replace("**", "").replace('*', "").replace('_', " "))
        .collect::<Vec<_>>()
        .join("\n")
}

/// What writing a meditation needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct WriteMeditation {
    /// 3–30.
    pub minutes: u8,
    /// The new track's title (the UI's words).
    pub title: String,
}

fn progress(events: &EventBus, profile: &ProfileId, done: u32) {
    events.emit(CoreEvent::Progress(Progress {
        job: WRITE_JOB.into(),
        profile_id: Some(profile.clone()),
        done,
        total: 1,
    }));
}

impl ChatService {
    /// The signals a meditation's type is chosen from, as they are now.
    async fn meditation_signals(
        &self,
        profile: &ProfileId,
    ) -> Result<(MeditationSignals, Option<u8>)> {
        let messages: Vec<String> = sqlx::query_scalar(
            "SELECT content FROM messages WHERE profile_id = ? AND role = 'user'
             ORDER BY seq DESC LIMIT ?",
        )
        .bind(profile)
        .bind(RECENT_MESSAGES)
        .fetch_all(self.db.reader())
        .await?;
        let checkin: Option<(i64, String, String)> = sqlx::query_as(
            "SELECT mood, emotions, note FROM mood_checkins WHERE profile_id = ?
             ORDER BY created_at DESC LIMIT 1",
        )
        .bind(profile)
        .fetch_optional(self.db.reader())
        .await?;
        let mut text = messages.into_iter().rev().collect::<Vec<_>>().join("\n");
        let mut emotions = Vec::new();
        let mut mood = None;
        if let Some((m, codes, note)) = checkin {
            mood = u8::try_from(m).ok();
            let codes: Vec<String> = serde_json::from_str(&codes).unwrap_or_default();
            emotions = codes.iter().filter_map(|c| c.parse().ok()).collect();
            if !note.is_empty() {
                text.push('\n');
                text.push_str(&note);
            }
        }
        let signals = MeditationSignals {
            text,
            emotions,
            hour: local_now().hour(),
        };
        Ok((signals, mood))
    }

    /// Writes a meditation for the person with their chat model and speaks it into a new guided
    /// track, its script kept beside it. The model's whole answer is needed: a provider that fails
    /// or stops mid-script leaves nothing behind.
    pub async fn write_meditation(
        &self,
        profile_id: &ProfileId,
        input: WriteMeditation,
    ) -> Result<GuidedTrack> {
        let profile = self.profiles.require_profile(profile_id).await?;
        if !(MIN_MINUTES..=MAX_MINUTES).contains(&input.minutes) {
            return Err(CoreError::out_of_range(
                Subject::MeditationLength,
                f64::from(MIN_MINUTES),
                f64::from(MAX_MINUTES),
            )
            .actual(f64::from(input.minutes)));
        }
        let providers = self.list_providers(&profile).await?;
        if providers.is_empty() {
            return Err(CoreError::new(Reason::NoChatModel));
        }
        let (signals, mood) = self.meditation_signals(&profile).await?;
        let kind = choose_kind(&signals);
        let name = self.profiles.profile(&profile).await?.display_name;
        let request = meditation_request(kind, input.minutes, &name, &signals.text, mood);
        progress(self.meditation.events(), &profile, 0);
        // An allowed online provider is sent this request too: the person's name, latest mood and
        // what they said lately, which ADR 0017 lets one have.
        let outcome = self
            .runtime
            .client
            .stream_reply(
                &chain(&providers, &request, Some(&request)),
                &CancellationToken::new(),
                |_| {},
            )
            .await;
        if outcome.status != MessageStatus::Complete {
            return Err(outcome.error.map(CoreError::from).unwrap_or_else(|| {
                CoreError::new(Reason::ProviderUnavailable).value("incomplete")
            }));
        }
        let script = script_from_reply(&outcome.text);
        progress(self.meditation.events(), &profile, 1);
        self.meditation
            .speak_meditation(&profile, &script, kind, &input.title)
            .await
            .map_err(|err| match (err.reason, err.params.subject) {
                // The model wrote nothing to say (or only pauses).
                (Reason::Empty, Some(Subject::Script)) => CoreError::new(Reason::EmptyReply),
                _ => err,
            })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failing test should panic
mod tests {
    use super::*;

    fn signals(text: &str, emotions: &[Emotion], hour: u8) -> MeditationSignals {
        MeditationSignals {
            text: text.into(),
            emotions: emotions.to_vec(),
            hour,
        }
    }

    #[test]
    fn the_type_follows_the_signals_in_the_spec_s_order() {
        use GuidedKind::*;
        let cases = [
            ("I'm so anxious about the exam", &[][..], 14, Difficulties),
            ("estoy muy preocupada por mañana", &[], 14, Difficulties),
            ("", &[Emotion::Overwhelmed][..], 14, Difficulties),
            (
                "my shoulders are tight and my back aches",
                &[],
                14,
                BodyScan,
            ),
            ("tengo la espalda tensa", &[], 14, BodyScan),
            ("I feel sad and lonely tonight", &[], 23, LovingKindness),
            ("", &[Emotion::Sad], 14, LovingKindness),
            ("I can't sleep", &[], 14, Sleep),
            ("", &[], 23, Sleep),
            ("", &[], 3, Sleep),
            ("", &[], 7, BreathingFocus),
            ("a normal day", &[Emotion::Content], 15, DailyMindfulness),
            // Anxiety before tension before sadness.
            ("worried, tense and sad", &[], 14, Difficulties),
            ("tense and sad", &[], 14, BodyScan),
        ];
        for (text, emotions, hour, want) in cases {
            assert_eq!(
                choose_kind(&signals(text, emotions, hour)),
                want,
                "{text:?} at {hour}"
            );
        }
    }

    #[test]
    fn the_request_asks_for_the_shape_and_the_length() {
        let r = meditation_request(
            GuidedKind::Sleep,
            10,
            "Ada",
            "I keep waking at 3am",
            Some(2),
        );
        assert!(r.system.contains("[PAUSE Ns]") && r.system.contains("about 10 minutes"));
        assert!(r.system.contains("about 650 words"));
        let ask = &r.turns[0].content;
        assert!(ask.contains("Ada") && ask.contains("for sleep") && ask.contains("3am"));
        assert!(ask.contains("2 of 5"));
    }

    #[test]
    fn markdown_is_taken_out_of_the_model_s_text() {
        let reply = "# A meditation\n\n**Welcome.** Settle in. [PAUSE 5s]\n- Breathe in\n```\n";
        assert_eq!(
            script_from_reply(reply),
            "\nWelcome. Settle in. [PAUSE 5s]\nBreathe in"
        );
    }
}
