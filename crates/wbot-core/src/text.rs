//! Text helpers every domain shares: closed sets of string values (`string_enum!`), the one check of a
//! text a person wrote, and the clipping and whitespace folding that previews and prompts use.

use crate::error::{CoreError, Reason, Result, Subject};

/// Declares a closed set of snake_case string values shared with TypeScript.
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, specta::Type)]
        pub enum $name {
            $(#[serde(rename = $text)] $variant),+
        }

        impl $name {
            /// Every value, in order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The value as stored and sent.
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text),+ }
            }
        }

        impl std::str::FromStr for $name {
            type Err = CoreError;
            fn from_str(s: &str) -> Result<Self> {
                match s {
                    $($text => Ok(Self::$variant),)+
                    other => Err(CoreError::new(crate::error::Reason::InvalidValue)
                        .value(other)
                        .expected(&[$($text),+])),
                }
            }
        }
    };
}
pub(crate) use string_enum;

/// Trims and checks a text a person wrote (a message, a memory, a search, a journal entry): not blank, at
/// most `max` characters, no NUL (which SQLite's text cannot hold). The errors name `subject`.
pub fn checked_text(raw: &str, subject: Subject, max: usize) -> Result<String> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(CoreError::empty(subject));
    }
    check_fits(text, subject, max)?;
    Ok(text.to_string())
}

/// Checks a text that may be empty (a draft, a note), as it is: at most `max` characters, no NUL.
pub fn check_fits(text: &str, subject: Subject, max: usize) -> Result<()> {
    let count = text.chars().count();
    if count > max {
        return Err(CoreError::too_long(subject, max, count));
    }
    if text.contains('\0') {
        return Err(CoreError::new(Reason::InvalidCharacters).subject(subject));
    }
    Ok(())
}

/// At most `max` characters: the first `max - 1` and "…" when longer.
pub fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Whitespace runs (line breaks included) as single spaces.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clips_to_at_most_max_characters() {
        assert_eq!(clip("hello", 5), "hello");
        assert_eq!(clip("hello!", 5), "hell…");
        assert_eq!(clip("ñandú ñandú", 3), "ña…");
    }
}
