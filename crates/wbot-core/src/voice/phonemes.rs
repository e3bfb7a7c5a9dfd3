//! Text to the phoneme ids a Piper voice reads, as piper-phonemize makes them: the text split into
//! sentences and clauses at their punctuation, each clause's IPA phonemes from espeak-ng (run as a
//! program of its own, so its GPL does not reach the app; ADR 0021), the punctuation put back
//! (`,` `:` `;` with a space after), and each sentence framed `^ _ p _ p _ … $`.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::error::{CoreError, Reason, Result, Subject};

/// The espeak-ng program (Debian's `espeak-ng` package).
pub const ESPEAK: &str = "espeak-ng";

/// Where a sentence or clause ends, and the mark piper keeps for it.
fn mark_of(c: char) -> Option<(&'static str, bool)> {
    Some(match c {
        '.' => (".", true),
        '!' => ("!", true),
        '?' => ("?", true),
        ',' => (", ", false),
        ':' => (": ", false),
        ';' | '—' | '–' => ("; ", false),
        _ => return None,
    })
}

/// A sentence as clauses, each with the mark after it (empty at an unpunctuated end).
pub(crate) fn sentences(text: &str) -> Vec<Vec<(String, &'static str)>> {
    let mut out = Vec::new();
    let mut clauses = Vec::new();
    let mut clause = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        // A point inside a number ("2.5") or a word ("e.g") is not an end.
        let inside_word = c == '.'
            && clause.chars().last().is_some_and(char::is_alphanumeric)
            && chars.peek().is_some_and(|n| n.is_alphanumeric());
        match mark_of(c).filter(|_| !inside_word) {
            Some((mark, ends)) => {
                // "..." and "?!" are one mark: the first.
                while chars.peek().is_some_and(|n| mark_of(*n).is_some()) {
                    chars.next();
                }
                let words = clause.trim().to_string();
                clause.clear();
                if !words.is_empty() {
                    clauses.push((words, mark));
                }
                if ends && !clauses.is_empty() {
                    out.push(std::mem::take(&mut clauses));
                }
            }
            None => clause.push(c),
        }
    }
    let words = clause.trim().to_string();
    if !words.is_empty() {
        clauses.push((words, ""));
    }
    if !clauses.is_empty() {
        out.push(clauses);
    }
    out
}

fn phonemizer_error(value: &str, detail: impl Into<String>) -> CoreError {
    CoreError::new(Reason::VoiceUnavailable)
        .subject(Subject::Voice)
        .value(value)
        .detail(detail)
}

/// One clause's IPA phonemes from espeak-ng (its lines, one per clause it saw, joined by spaces).
fn espeak_ipa(program: &Path, voice: &str, clause: &str) -> Result<String> {
    let mut child = Command::new(program)
        .args(["-q", "--ipa", "-v", voice])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            phonemizer_error("phonemizer_missing", format!("{}: {e}", program.display()))
        })?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(clause.as_bytes())
            .map_err(|e| phonemizer_error("phonemizer_failed", e.to_string()))?;
    }
    let out = child
        .wait_with_output()
        .map_err(|e| phonemizer_error("phonemizer_failed", e.to_string()))?;
    if !out.status.success() {
        return Err(phonemizer_error(
            "phonemizer_failed",
            format!(
                "{} {}: {}",
                program.display(),
                out.status,
                String::from_utf8_lossy(&out.stderr)
            ),
        ));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    Ok(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// A voice's phoneme table: each IPA character to its ids.
#[derive(Debug, Clone)]
pub(crate) struct PhonemeIds {
    /// The espeak-ng program ([`ESPEAK`] on the PATH).
    pub(crate) program: PathBuf,
    pub(crate) espeak_voice: String,
    pub(crate) map: HashMap<char, Vec<i64>>,
}

impl PhonemeIds {
    fn id(&self, c: char) -> &[i64] {
        self.map.get(&c).map_or(&[], Vec::as_slice)
    }

    /// One sentence's phonemes as ids: `^`, `_`, each phoneme followed by `_`, `$`. Characters the
    /// voice does not know are left out, as piper does.
    pub(crate) fn frame(&self, phonemes: &str) -> Vec<i64> {
        let pad = self.id('_');
        let mut ids: Vec<i64> = self.id('^').to_vec();
        ids.extend_from_slice(pad);
        for c in phonemes.chars() {
            let id = self.id(c);
            if !id.is_empty() {
                ids.extend_from_slice(id);
                ids.extend_from_slice(pad);
            }
        }
        ids.extend_from_slice(self.id('$'));
        ids
    }

    /// Every sentence of `text` as the ids the voice reads.
    pub(crate) fn sentence_ids(&self, text: &str) -> Result<Vec<Vec<i64>>> {
        sentences(text)
            .into_iter()
            .map(|clauses| {
                let mut phonemes = String::new();
                for (words, mark) in clauses {
                    phonemes.push_str(&espeak_ipa(&self.program, &self.espeak_voice, &words)?);
                    phonemes.push_str(mark);
                }
                Ok(self.frame(phonemes.trim_end()))
            })
            .collect()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failing test should panic
mod tests {
    use super::*;

    fn clauses(text: &str) -> Vec<Vec<(&str, &str)>> {
        let got = sentences(text);
        // Leak for readable comparisons in tests only.
        got.into_iter()
            .map(|s| {
                s.into_iter()
                    .map(|(w, m)| (&*Box::leak(w.into_boxed_str()), m))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn sentences_and_clauses_split_at_their_punctuation() {
        assert_eq!(
            clauses("Breathe in slowly. Now hold, gently; and rest... Ready?! Yes"),
            vec![
                vec![("Breathe in slowly", ".")],
                vec![("Now hold", ", "), ("gently", "; "), ("and rest", ".")],
                vec![("Ready", "?")],
                vec![("Yes", "")],
            ]
        );
        assert_eq!(
            clauses("Rest for 2.5 breaths — then go."),
            vec![vec![("Rest for 2.5 breaths", "; "), ("then go", ".")]]
        );
    }
}
