//! The crisis detector's pattern layer (SPEC §2; the semantic and conversation layers are in
//! [`super::judgement`]): deterministic, so it works with no model and cannot be talked out of it.
//! Text is normalised (case, accents, apostrophes, contractions, chat spellings), cut into clauses, and
//! matched against English and Spanish phrase patterns for suicidal ideation, self-harm and acute
//! hopelessness. A match does not count when a
//! negation comes just before it ("I would never kill myself"), when it is about someone else ("my sister is
//! suicidal"), when it is history ("I used to self-harm"), or when it is a known idiom ("killing myself at
//! work"). Recall matters more than precision here: a false alarm costs a calm card, a miss costs more.

mod helplines;
mod matcher;

pub use helplines::*;
pub(crate) use matcher::*;

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::judgement::CrisisLayer;

/// What kind of risk a message shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum CrisisCategory {
    Suicidal,
    SelfHarm,
    Hopelessness,
}

/// The detector's finding for a message: the layer that raised it, and for the pattern layer the pattern
/// (never the user's words), for the semantic and conversation layers the classifier's score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CrisisSignal {
    pub category: CrisisCategory,
    pub layer: CrisisLayer,
    pub rule: Option<String>,
    /// `1 - p(none)` from the semantic classifier (0–1).
    pub score: Option<f32>,
}

impl CrisisSignal {
    /// Raised by the semantic classifier alone.
    pub fn semantic(category: CrisisCategory, score: f32) -> Self {
        Self {
            category,
            layer: CrisisLayer::Semantic,
            rule: None,
            score: Some(score),
        }
    }

    /// Raised by signals across the conversation.
    pub fn conversation(category: CrisisCategory, score: f32) -> Self {
        Self {
            category,
            layer: CrisisLayer::Conversation,
            rule: None,
            score: Some(score),
        }
    }
}

use CrisisCategory::{Hopelessness, SelfHarm, Suicidal};

/// Patterns: space-separated tokens; `a|b` alternatives; `word~` a prefix; `*` skips 0–3 tokens; `$` the end of
/// a clause. Matched on normalised text (contractions expanded: "don't" is "do not", "I'm" is "i am").
const RULES: &[(CrisisCategory, &str)] = &[
    (Suicidal, "kill~ myself"),
    (Suicidal, "end~ my life"),
    (Suicidal, "end~ my own life"),
    (Suicidal, "tak~ my own life"),
    (Suicidal, "end it all"),
    (Suicidal, "want|wish|ready|deserve|going|trying|plan to die"),
    (Suicidal, "ways to die|kill|end"),
    (Suicidal, "not want to live"),
    (Suicidal, "not want to be alive|exist"),
    (Suicidal, "not want to be here anymore"),
    (Suicidal, "want to be alive|here anymore"),
    (Suicidal, "want to live|exist anymore"),
    (Suicidal, "no longer want to live|exist|be"),
    (Suicidal, "not feel like living"),
    (Suicidal, "not worth living"),
    (Suicidal, "better off dead"),
    (Suicidal, "better off without me"),
    (Suicidal, "better off if i was|were|am dead|gone"),
    (Suicidal, "wish i was|were|am dead"),
    (Suicidal, "wish i could die"),
    (Suicidal, "wish i had never been born"),
    (Suicidal, "wish i was|were never born"),
    (Suicidal, "suicidal"),
    (Suicidal, "think~|thought~ about|of suicide"),
    (Suicidal, "consider~|contemplat~|plan~|commit~ suicide"),
    (Suicidal, "suicide note|plan|attempt"),
    (Suicidal, "overdos~"),
    (Suicidal, "how many pills|tablets"),
    (
        Suicidal,
        "take|taking|took|swallow all my pills|meds|tablets|medication",
    ),
    (
        Suicidal,
        "stockpil~|saved|saving|hoard~ * pills|meds|tablets",
    ),
    (Suicidal, "never wake up again"),
    (Suicidal, "sleep and never wake up"),
    (Suicidal, "never want to wake up"),
    (Suicidal, "hope i do not|never wake up"),
    (Suicidal, "to not wake up"),
    (Suicidal, "one|nobody would * miss me"),
    (Suicidal, "one|nobody would * care if i"),
    (Suicidal, "rope|noose"),
    (Suicidal, "hang~ myself"),
    (
        Suicidal,
        "jump~ off the|a bridge|building|roof|cliff|balcony",
    ),
    (Suicidal, "bridge * jump~"),
    (
        Suicidal,
        "step|jump|walk in front of a|the train|bus|car|truck|lorry",
    ),
    (Suicidal, "throw myself in front of|under|off"),
    (Suicidal, "giv~ away my things|stuff|belongings|possessions"),
    (Suicidal, "goodbye letter~|note~"),
    (Suicidal, "rather be dead|gone"),
    // Farewells (warning signs: "remember me", "when I'm gone").
    (Suicidal, "remember me"),
    (Suicidal, "when|after i am gone"),
    (Suicidal, "will not be around|here much|for longer|long"),
    (Suicidal, "will not be around|here anymore"),
    (Suicidal, "painless way~|death|method~"),
    // Internet shorthand ("catch the bus", "kill yourself", "unalive", "sewerslide", "sui").
    (Suicidal, "ctb|ctbd|kys|sewerslid~|sewerslidey|sui|suey"),
    (Suicidal, "unaliv~"),
    (Suicidal, "sewer slid~"),
    (
        SelfHarm,
        "want|going|need|urge|trying|tempted to hurt|harm|cut|burn myself",
    ),
    (SelfHarm, "feel like hurting|harming|cutting myself"),
    (
        SelfHarm,
        "hurting|harming|cutting|burning|hitting|punching|scratching myself",
    ),
    (SelfHarm, "harm myself"),
    (SelfHarm, "self harm~"),
    (SelfHarm, "make myself bleed"),
    (SelfHarm, "cut myself * purpose|deliberately"),
    (SelfHarm, "relaps~ * cut~|harm~|burn~"),
    (SelfHarm, "cut again"),
    (
        Hopelessness,
        "no point in|of living|life|going|anything|trying",
    ),
    (Hopelessness, "point of living|life|anything|existing"),
    (Hopelessness, "point of going on"),
    (Hopelessness, "point of it all"),
    (Hopelessness, "nothing to live for"),
    (Hopelessness, "no reason to live|go|keep|be|exist"),
    (Hopelessness, "can not go on $"),
    (Hopelessness, "can not go on like|anymore|living"),
    (Hopelessness, "can not take|do it|this anymore"),
    (Hopelessness, "can not do this $"),
    (Hopelessness, "can not cope anymore"),
    (Hopelessness, "everything is|feels hopeless|pointless"),
    (Hopelessness, "life is|feels hopeless|pointless|meaningless"),
    (Hopelessness, "feel~ * hopeless"),
    (Hopelessness, "so|completely|totally|utterly hopeless"),
    (Hopelessness, "burden to|on everyone|everybody|others"),
    (
        Hopelessness,
        "burden to|on my family|friends|parents|partner|kids",
    ),
    (Hopelessness, "burden to|on the people"),
    (Hopelessness, "no way out"),
    (Hopelessness, "giv~ up on life|living|myself|everything"),
    (Hopelessness, "done with life|living|everything"),
    (Hopelessness, "done with it all"),
    (Hopelessness, "disappear forever"),
    (Hopelessness, "disappear and never come back"),
    (Hopelessness, "never get better"),
    // Spanish (accents folded: "daño" is "dano", "más" is "mas").
    (
        Suicidal,
        "quiero|quisiera|deseo|necesito|prefiero morir|morirme",
    ),
    (Suicidal, "voy a morir|morirme"),
    (Suicidal, "ganas de morir~"),
    (Suicidal, "me quiero matar|morir|suicidar"),
    (Suicidal, "me voy a matar|morir|suicidar"),
    (Suicidal, "que alguien me mate"),
    (Suicidal, "desvivir~"),
    (Suicidal, "cuando ya no este"),
    (Suicidal, "ya lo decidi"),
    (Suicidal, "me tiro|tire|aviento|lanzo por|de|del|desde"),
    (Suicidal, "matarme|suicidarme"),
    (Suicidal, "quitarme la vida"),
    (Suicidal, "acabar con mi vida"),
    (Suicidal, "acabar con todo"),
    (Suicidal, "terminar con todo"),
    (Suicidal, "no quiero vivir|existir|despertar"),
    (Suicidal, "no quiero seguir viviendo|aqui"),
    (Suicidal, "no quiero estar vivo|viva|aqui"),
    (Suicidal, "ya no quiero estar"),
    (Suicidal, "mejor muerto|muerta"),
    (Suicidal, "estarian|estaria|estaran mejor sin mi"),
    (Suicidal, "nadie me echaria|echara de menos"),
    (
        Suicidal,
        "pienso|pensando|pense en matarme|suicidarme|morirme|el suicidio",
    ),
    (Suicidal, "carta de despedida"),
    (Suicidal, "todas las|mis pastillas"),
    (Suicidal, "juntando|guardando|acumulando * pastillas"),
    (Suicidal, "cuantas pastillas"),
    (Suicidal, "tirarme|lanzarme|aventarme de|del|por|desde|a"),
    (Suicidal, "dormir y no despertar"),
    (Suicidal, "no despertar nunca|mas"),
    (SelfHarm, "cortarme|quemarme|lastimarme|autolesionarme"),
    (SelfHarm, "hacerme dano"),
    (SelfHarm, "me corto|corte|quemo|queme|lastimo|autolesiono"),
    (SelfHarm, "me volvi a cortar|lastimar|quemar"),
    (Hopelessness, "no hay salida"),
    (Hopelessness, "ya no puedo mas $"),
    (
        Hopelessness,
        "no le veo sentido a|al nada|vivir|la vida|seguir",
    ),
    (Hopelessness, "soy una carga"),
    (Hopelessness, "sin razon|razones para vivir|seguir"),
    (Hopelessness, "nada va a mejorar"),
    (Hopelessness, "me rindo $"),
];

/// Idioms and accidents: a rule match that overlaps one of these does not count.
const EXCLUDE: &[&str] = &[
    "kill~ myself laughing",
    "killing myself at|over|trying",
    "to die of|for|laughing",
    "want to die of|for|laughing",
    "not want to live with|in|at|near|there|on|together|alone|abroad",
    "no way out of the|this parking|car|building|room|maze|lot|garage|traffic",
    "about suicidal",
    "suicidal teens|people|patients|characters",
    "point of this|that|the",
    "rope swing|ladder|course|bridge",
    "jump rope",
    "never get better at",
    "morir~ de risa|hambre|sueno|calor|frio|ganas|amor|verguenza|envidia|aburrimiento|cansancio|miedo",
    "me corte|corto el|la|las|los|un|una|con",
    "me queme con|el|la|al",
    "tirarme en|al sofa|la cama|a la piscina|al agua|en paracaidas",
    "tirarme a dormir|descansar",
    "todas las pastillas de|del",
    "me tiro|tire de los pelos",
    "morir~ de la|el|lo",
    "you remember me",
    "remember me saying|telling|asking|talking|mentioning|to|for|as|at|in|on|by",
];

/// Words that mark someone else as the subject ("my sister is suicidal").
const THIRD: &[&str] = &[
    "he",
    "she",
    "they",
    "him",
    "her",
    "them",
    "his",
    "their",
    "friend",
    "friends",
    "brother",
    "sister",
    "mom",
    "mum",
    "dad",
    "mother",
    "father",
    "son",
    "daughter",
    "wife",
    "husband",
    "partner",
    "boyfriend",
    "girlfriend",
    "cousin",
    "colleague",
    "coworker",
    "someone",
    "somebody",
    "people",
    "person",
    "patient",
    "character",
    "hero",
    "heroine",
    "kid",
    "kids",
    "child",
    "student",
    "client",
    "wants",
    "thinks",
    "feels",
    "says",
    "said",
    "told",
    "el",
    "ella",
    "ellos",
    "ellas",
    "amigo",
    "amiga",
    "hermano",
    "hermana",
    "mama",
    "papa",
    "madre",
    "padre",
    "hijo",
    "hija",
    "novio",
    "novia",
    "pareja",
    "alguien",
    "gente",
    "personaje",
    "protagonista",
    "paciente",
    "dice",
    "dijo",
];
const FIRST: &[&str] = &[
    "i", "me", "my", "myself", "mine", "yo", "mi", "mis", "conmigo",
];

struct Compiled {
    rules: Vec<(CrisisCategory, Pattern)>,
    exclude: Vec<Pattern>,
}

fn compiled() -> &'static Compiled {
    static C: OnceLock<Compiled> = OnceLock::new();
    C.get_or_init(|| Compiled {
        rules: RULES.iter().map(|&(c, s)| (c, compile(s))).collect(),
        exclude: EXCLUDE.iter().map(|&s| compile(s)).collect(),
    })
}

/// A negation, or "used to", in the three words before `start` cancels a match.
fn negated(words: &[String], start: usize) -> bool {
    let from = start.saturating_sub(3);
    (from..start).any(|i| {
        let w = words[i].as_str();
        let next = words.get(i + 1).map(String::as_str);
        let prev = i.checked_sub(1).map(|p| words[p].as_str());
        match w {
            // "not sure I want to live", "whether or not to": not a negation of what follows.
            "not" => !matches!(next, Some("sure" | "certain" | "only")) && prev != Some("or"),
            "never" | "nunca" | "jamas" => true,
            // "antes me cortaba", "solía pensar en...": history.
            "antes" | "solia" => true,
            // "no one would miss me" is the phrase itself; "no longer" does negate.
            // "no sé si quiero vivir" doubts; it does not negate.
            "no" => !matches!(next, Some("one" | "se")),
            "used" => next == Some("to"),
            // "no quiero morir" negates; "no quiero vivir" is the rule itself (it starts at "no").
            "ni" => true,
            _ => false,
        }
    })
}

/// Whether the nearest person word before `start` (in this clause) is someone else.
fn about_someone_else(words: &[String], start: usize) -> bool {
    for w in words[..start].iter().rev().take(8) {
        if FIRST.contains(&w.as_str()) {
            return false;
        }
        if THIRD.contains(&w.as_str()) {
            return true;
        }
    }
    false
}

fn excluded(words: &[String], start: usize, end: usize) -> bool {
    compiled().exclude.iter().any(|p| {
        (start.saturating_sub(4)..end)
            .any(|j| match_at(&p.toks, words, j).is_some_and(|e| j < end && e > start && e > j))
    })
}

/// Looks for signs of crisis in one message; `None` when there are none.
pub fn detect_crisis(text: &str) -> Option<CrisisSignal> {
    for words in clauses(text) {
        for (category, pattern) in &compiled().rules {
            for start in 0..words.len() {
                let Some(end) = match_at(&pattern.toks, &words, start) else {
                    continue;
                };
                if end == start
                    || negated(&words, start)
                    || (!pattern.first_person && about_someone_else(&words, start))
                    || excluded(&words, start, end)
                {
                    continue;
                }
                return Some(CrisisSignal {
                    category: *category,
                    layer: CrisisLayer::Pattern,
                    rule: Some(pattern.source.to_string()),
                    score: None,
                });
            }
        }
    }
    None
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failing test should panic
mod tests {
    use super::*;

    #[test]
    fn normalises_contractions_and_punctuation() {
        assert_eq!(
            clauses("I can’t go on. I'm DONE, kms"),
            vec![
                vec!["i", "can", "not", "go", "on"],
                vec!["i", "am", "done"],
                vec!["kill", "myself"]
            ]
        );
    }

    #[test]
    fn examples() {
        assert_eq!(
            detect_crisis("I want to kill myself").unwrap().category,
            Suicidal
        );
        assert_eq!(
            detect_crisis("I've been cutting myself").unwrap().category,
            SelfHarm
        );
        assert_eq!(
            detect_crisis("there's no point in living")
                .unwrap()
                .category,
            Hopelessness
        );
        assert!(detect_crisis("this traffic is killing me").is_none());
        assert!(detect_crisis("I would never kill myself").is_none());
        assert!(detect_crisis("my sister is suicidal").is_none());
        assert!(detect_crisis("").is_none());
        assert!(detect_crisis("!!! ,,, ''").is_none());
    }

    #[test]
    fn chat_spellings_and_shorthand() {
        for (text, category) in [
            ("i want 2 die", Suicidal),
            ("kmsss", Suicidal),
            ("ctb tonight", Suicidal),
            ("lowkey wanna unalive", Suicidal),
            ("srsly considering sewer slide", Suicidal),
            ("sh again", SelfHarm),
            ("relapsed on sh smh", SelfHarm),
            ("no kiero vivir mas", Suicidal),
            ("tengo las pastis listas, todas mis pastis", Suicidal),
            ("m kiero morir", Suicidal),
        ] {
            assert_eq!(
                detect_crisis(text).map(|s| s.category),
                Some(category),
                "{text}"
            );
        }
        // Folding a chat spelling must not turn an ordinary word into a sign.
        for text in ["my toy broke", "she's 2", "u ok?", "plan b it is"] {
            assert!(detect_crisis(text).is_none(), "{text}");
        }
    }

    #[test]
    fn spanish_wishes_to_die_without_a() {
        // "Me quiero morir" is the commonest way to say it; the rule once needed "a" ("voy a morir").
        for text in ["Me quiero morir", "quiero morirme ya", "me quiero matar"] {
            assert_eq!(
                detect_crisis(text).map(|s| s.category),
                Some(Suicidal),
                "{text}"
            );
        }
        assert!(detect_crisis("me quiero morir de la vergüenza").is_none());
        assert!(detect_crisis("me voy a morir de risa").is_none());
    }

    #[test]
    fn farewells() {
        for text in [
            "Remember me kindly, okay?",
            "when I'm gone, look after my cat",
            "I won't be around much longer",
            "cuando ya no esté, cuida a mi perro",
        ] {
            assert_eq!(
                detect_crisis(text).map(|s| s.category),
                Some(Suicidal),
                "{text}"
            );
        }
        // Asking the companion what it remembers is not a farewell.
        for text in ["Do you remember me?", "remember me telling you about Ana?"] {
            assert!(detect_crisis(text).is_none(), "{text}");
        }
    }

    #[test]
    fn helpline_regions() {
        let us = helplines("us");
        assert_eq!(us[0].phone.as_deref(), Some("988"));
        assert_eq!(us.last().unwrap().url, "https://findahelpline.com");
        assert_eq!(helplines("UK")[0].phone.as_deref(), Some("116 123"));
        let unknown = helplines("");
        assert_eq!(unknown.len(), 3);
        assert_eq!(unknown[1].name, "Samaritans");
    }
}
