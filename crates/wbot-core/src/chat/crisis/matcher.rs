//! The pattern matcher: text normalised (case, accents, apostrophes, contractions, chat spellings) and cut into clauses, and phrase patterns compiled once and matched word by word.

use super::*;

#[derive(Debug)]
pub(in crate::chat) enum Tok {
    Words(Vec<(String, bool)>),
    Gap,
    End,
}

/// A compiled phrase pattern (see [`RULES`] for the syntax).
#[derive(Debug)]
pub(in crate::chat) struct Pattern {
    pub(in crate::chat) toks: Vec<Tok>,
    pub(in crate::chat) source: &'static str,
    /// Already first-person ("kill myself", "without me"): no check of who it is about.
    pub(super) first_person: bool,
}

pub(in crate::chat) fn compile(source: &'static str) -> Pattern {
    let toks = source
        .split_whitespace()
        .map(|t| match t {
            "*" => Tok::Gap,
            "$" => Tok::End,
            alts => Tok::Words(
                alts.split('|')
                    .map(|a| match a.strip_suffix('~') {
                        Some(prefix) => (prefix.to_string(), true),
                        None => (a.to_string(), false),
                    })
                    .collect(),
            ),
        })
        .collect();
    let first_person = source.split([' ', '|']).any(|w| FIRST.contains(&w));
    Pattern {
        toks,
        source,
        first_person,
    }
}

/// The end of a match of `toks` starting at `at` in `words`, if it matches there.
pub(in crate::chat) fn match_at(toks: &[Tok], words: &[String], at: usize) -> Option<usize> {
    let Some((first, rest)) = toks.split_first() else {
        return Some(at);
    };
    match first {
        Tok::End => (at == words.len()).then_some(at),
        Tok::Gap => (0..=3)
            .filter(|skip| at + skip <= words.len())
            .find_map(|skip| match_at(rest, words, at + skip)),
        Tok::Words(alts) => {
            let word = words.get(at)?;
            let hit = alts.iter().any(|(w, prefix)| {
                if *prefix {
                    word.starts_with(w.as_str())
                } else {
                    word == w
                }
            });
            if hit {
                match_at(rest, words, at + 1)
            } else {
                None
            }
        }
    }
}

/// Spellings folded before matching.
fn expand(word: &str, out: &mut Vec<String>) {
    let mut push = |ws: &[&str]| out.extend(ws.iter().map(|w| (*w).to_string()));
    match word {
        "can't" | "cant" | "cannot" => push(&["can", "not"]),
        "won't" | "wont" => push(&["will", "not"]),
        "shan't" => push(&["shall", "not"]),
        "dont" => push(&["do", "not"]),
        "doesnt" => push(&["does", "not"]),
        "didnt" => push(&["did", "not"]),
        "isnt" => push(&["is", "not"]),
        "wasnt" => push(&["was", "not"]),
        "arent" => push(&["are", "not"]),
        "wouldnt" => push(&["would", "not"]),
        "couldnt" => push(&["could", "not"]),
        "shouldnt" => push(&["should", "not"]),
        "havent" => push(&["have", "not"]),
        "im" => push(&["i", "am"]),
        "ive" => push(&["i", "have"]),
        "wanna" => push(&["want", "to"]),
        "gonna" => push(&["going", "to"]),
        "kms" | "kmss" | "kmsss" => push(&["kill", "myself"]),
        "noone" | "no1" => push(&["no", "one"]),
        // Chat spellings, English.
        "2" => push(&["to"]),
        "2nite" | "2night" | "tonite" => push(&["tonight"]),
        "4ever" => push(&["forever"]),
        "b" => push(&["be"]),
        "u" => push(&["you"]),
        "r" => push(&["are"]),
        "abt" => push(&["about"]),
        "wnt" | "wnna" => push(&["want"]),
        "ded" => push(&["dead"]),
        "nemore" => push(&["anymore"]),
        "idw" => push(&["i", "do", "not", "want"]),
        "imma" | "ima" => push(&["i", "am", "going", "to"]),
        "tryna" => push(&["trying", "to"]),
        "wud" => push(&["would"]),
        "agn" => push(&["again"]),
        "sh" => push(&["self", "harm"]),
        // Chat spellings, Spanish.
        "kiero" => push(&["quiero"]),
        "q" | "ke" => push(&["que"]),
        "xq" => push(&["porque"]),
        "x" => push(&["por"]),
        "m" => push(&["me"]),
        "d" => push(&["de"]),
        "dl" => push(&["del"]),
        "tngo" => push(&["tengo"]),
        "toy" => push(&["estoy"]),
        "nd" => push(&["nada"]),
        "pastis" => push(&["pastillas"]),
        "thats" | "whats" | "theres" | "its" => {
            push(&[&word[..word.len() - 1], "is"]);
        }
        w => {
            if let Some(base) = w.strip_suffix("n't") {
                push(&[base, "not"]);
            } else if let Some((base, tail)) = w.split_once('\'') {
                let tail = match tail {
                    "m" => Some("am"),
                    "re" => Some("are"),
                    "ve" => Some("have"),
                    "ll" => Some("will"),
                    "d" => Some("would"),
                    "s" if matches!(
                        base,
                        "it" | "that" | "there" | "what" | "he" | "she" | "who"
                    ) =>
                    {
                        Some("is")
                    }
                    // Possessive 's and anything else: keep the base word.
                    _ => None,
                };
                expand(base, out);
                if let Some(t) = tail {
                    out.push(t.to_string());
                }
            } else {
                push(&[w]);
            }
        }
    }
}

/// The letter without its accent ("á" is "a", "ñ" is "n"), so Spanish typed with or without accents matches.
pub(in crate::chat) fn fold_accent(c: char) -> char {
    match c {
        'á' | 'à' | 'ä' | 'â' => 'a',
        'é' | 'è' | 'ë' | 'ê' => 'e',
        'í' | 'ì' | 'ï' | 'î' => 'i',
        'ó' | 'ò' | 'ö' | 'ô' => 'o',
        'ú' | 'ù' | 'ü' | 'û' => 'u',
        'ñ' => 'n',
        c => c,
    }
}

/// Lower-case words per clause, accents folded; sentence punctuation and commas end a clause.
pub(crate) fn clauses(text: &str) -> Vec<Vec<String>> {
    let mut out = vec![Vec::new()];
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut Vec<Vec<String>>| {
        let w = word.trim_matches('\'');
        if !w.is_empty() {
            if let Some(last) = out.last_mut() {
                expand(w, last);
            }
        }
        word.clear();
    };
    for c in text.chars().flat_map(char::to_lowercase).map(fold_accent) {
        match c {
            '\'' | '’' | '‘' | '`' => word.push('\''),
            c if c.is_alphanumeric() => word.push(c),
            '.' | '!' | '?' | ';' | ',' | ':' | '\n' | '(' | ')' | '"' | '“' | '”' | '¿' | '¡' =>
            {
                flush(&mut word, &mut out);
                out.push(Vec::new());
            }
            _ => flush(&mut word, &mut out),
        }
    }
    flush(&mut word, &mut out);
    out.retain(|c| !c.is_empty());
    out
}
