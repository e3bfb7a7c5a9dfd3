//! Where to get help now: helplines per region, and an international directory for the rest.

use serde::{Deserialize, Serialize};

/// A place to get help now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Helpline {
    pub name: String,
    /// ISO 3166 region it serves, or "INT" for the directory.
    pub region: String,
    /// To call, as dialled.
    pub phone: Option<String>,
    /// To text, when different from calling.
    pub text: Option<String>,
    pub url: String,
    /// A short line for the card.
    pub description: String,
}

fn line(
    name: &str,
    region: &str,
    phone: Option<&str>,
    text: Option<&str>,
    url: &str,
    description: &str,
) -> Helpline {
    Helpline {
        name: name.into(),
        region: region.into(),
        phone: phone.map(Into::into),
        text: text.map(Into::into),
        url: url.into(),
        description: description.into(),
    }
}

/// The international directory, always offered last.
fn directory() -> Helpline {
    line(
        "Find a Helpline",
        "INT",
        None,
        None,
        "https://findahelpline.com",
        "Free, confidential helplines in your country.",
    )
}

/// Helplines for a region (ISO 3166 alpha-2, e.g. "US", "GB"; "UK" is accepted). An unknown or empty region
/// gets the US and UK lines; every answer ends with the international directory.
pub fn helplines(region: &str) -> Vec<Helpline> {
    let us = || {
        line(
            "988 Suicide & Crisis Lifeline",
            "US",
            Some("988"),
            Some("988"),
            "https://988lifeline.org",
            "Call or text 988, any time, free.",
        )
    };
    let samaritans = |region: &str| {
        line(
            "Samaritans",
            region,
            Some("116 123"),
            None,
            "https://www.samaritans.org",
            "Call 116 123, any time, free.",
        )
    };
    let mut out = match region.trim().to_ascii_uppercase().as_str() {
        "US" => vec![us()],
        "GB" | "UK" => vec![samaritans("GB")],
        "IE" => vec![samaritans("IE")],
        "CA" => vec![line(
            "9-8-8 Suicide Crisis Helpline",
            "CA",
            Some("988"),
            Some("988"),
            "https://988.ca",
            "Call or text 988, any time.",
        )],
        "AU" => vec![line(
            "Lifeline",
            "AU",
            Some("13 11 14"),
            None,
            "https://www.lifeline.org.au",
            "Call 13 11 14, any time.",
        )],
        "NZ" => vec![line(
            "1737, Need to Talk?",
            "NZ",
            Some("1737"),
            Some("1737"),
            "https://1737.org.nz",
            "Call or text 1737, any time, free.",
        )],
        "ES" => vec![line(
            "Línea 024",
            "ES",
            Some("024"),
            None,
            "https://www.sanidad.gob.es/linea024/",
            "Llama al 024, a cualquier hora, gratis.",
        )],
        _ => vec![us(), samaritans("GB")],
    };
    out.push(directory());
    out
}
