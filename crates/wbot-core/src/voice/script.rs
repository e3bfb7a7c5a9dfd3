//! A meditation script (SPEC §5): text to speak with `[PAUSE 5s]` markers, parsed into what is
//! spoken and the silences between.

use std::time::Duration;

use crate::error::{CoreError, Reason, Result, Subject};
use crate::text::check_fits;

/// The longest script: a 60-minute meditation at ~110 words a minute, with room to spare.
pub const MAX_SCRIPT_CHARS: usize = 60_000;
/// The shortest and longest pause a marker may ask for.
pub const MIN_PAUSE: Duration = Duration::from_millis(500);
pub const MAX_PAUSE: Duration = Duration::from_secs(300);

/// A part of a script: words to speak, or a silence.
#[derive(Debug, Clone, PartialEq)]
pub enum Segment {
    Speech(String),
    Pause(Duration),
}

/// A checked script: never empty of words.
#[derive(Debug, Clone, PartialEq)]
pub struct Script {
    segments: Vec<Segment>,
}

fn bad_marker(marker: &str) -> CoreError {
    CoreError::new(Reason::InvalidFormat)
        .subject(Subject::ScriptPause)
        .value(marker)
}

/// The seconds of a marker's inside, `PAUSE 5s` or `pause 2.5 s` (any case).
fn pause_of(inside: &str) -> Option<Duration> {
    let rest = inside.trim();
    let rest = rest
        .get(..5)
        .filter(|p| p.eq_ignore_ascii_case("pause"))
        .map(|_| &rest[5..])?;
    let rest = rest.trim_start();
    let number = rest.strip_suffix(['s', 'S'])?.trim_end();
    let secs: f64 = number.parse().ok()?;
    secs.is_finite()
        .then(|| Duration::from_secs_f64(secs.max(0.0)))
}

impl Script {
    /// Parses a script: `[PAUSE Ns]` markers (0.5–300 s) split it; any other text is spoken.
    pub fn parse(raw: &str) -> Result<Self> {
        check_fits(raw, Subject::Script, MAX_SCRIPT_CHARS)?;
        let mut segments = Vec::new();
        let mut speech = String::new();
        let mut rest = raw;
        while let Some(open) = rest.find('[') {
            let after = &rest[open + 1..];
            let Some(close) = after.find(']') else { break };
            let inside = &after[..close];
            let marker = &rest[open..open + close + 2];
            let is_pause = inside
                .trim_start()
                .get(..5)
                .is_some_and(|p| p.eq_ignore_ascii_case("pause"));
            if !is_pause {
                speech.push_str(&rest[..open + close + 2]);
                rest = &after[close + 1..];
                continue;
            }
            let pause = pause_of(inside).ok_or_else(|| bad_marker(marker))?;
            if !(MIN_PAUSE..=MAX_PAUSE).contains(&pause) {
                return Err(CoreError::out_of_range(
                    Subject::ScriptPause,
                    MIN_PAUSE.as_secs_f64(),
                    MAX_PAUSE.as_secs_f64(),
                )
                .actual(pause.as_secs_f64()));
            }
            speech.push_str(&rest[..open]);
            push_speech(&mut segments, &mut speech);
            segments.push(Segment::Pause(pause));
            rest = &after[close + 1..];
        }
        speech.push_str(rest);
        push_speech(&mut segments, &mut speech);
        if !segments.iter().any(|s| matches!(s, Segment::Speech(_))) {
            return Err(CoreError::empty(Subject::Script));
        }
        Ok(Self { segments })
    }

    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }
}

fn push_speech(segments: &mut Vec<Segment>, speech: &mut String) {
    let words = speech.split_whitespace().collect::<Vec<_>>().join(" ");
    speech.clear();
    if words.chars().any(char::is_alphanumeric) {
        segments.push(Segment::Speech(words));
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failing test should panic
mod tests {
    use super::*;

    #[test]
    fn markers_split_the_words_and_become_silences() {
        let script = Script::parse(
            "Settle in.\n[PAUSE 5s] Breathe   in slowly. [pause 2.5 s][PAUSE 1s]\nAnd rest [here].",
        )
        .unwrap();
        assert_eq!(
            script.segments(),
            [
                Segment::Speech("Settle in.".into()),
                Segment::Pause(Duration::from_secs(5)),
                Segment::Speech("Breathe in slowly.".into()),
                Segment::Pause(Duration::from_millis(2_500)),
                Segment::Pause(Duration::from_secs(1)),
                Segment::Speech("And rest [here].".into()),
            ]
        );
    }

    #[test]
    fn a_script_needs_words_and_sane_pauses() {
        for raw in ["", "   ", "[PAUSE 5s]", " [PAUSE 3s] ... [PAUSE 2s] "] {
            let err = Script::parse(raw).unwrap_err();
            assert_eq!(
                (err.reason, err.params.subject),
                (Reason::Empty, Some(Subject::Script)),
                "{raw:?}"
            );
        }
        let err = Script::parse("Rest. [PAUSE 400s]").unwrap_err();
        assert_eq!(
            (err.reason, err.params.max),
            (Reason::OutOfRange, Some(300.0))
        );
        let err = Script::parse("Rest. [PAUSE five]").unwrap_err();
        assert_eq!(
            (err.reason, err.params.value.as_deref()),
            (Reason::InvalidFormat, Some("[PAUSE five]"))
        );
        let err = Script::parse(&"a".repeat(MAX_SCRIPT_CHARS + 1)).unwrap_err();
        assert_eq!(err.reason, Reason::TooLong);
    }
}
