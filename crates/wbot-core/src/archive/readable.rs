//! The parts of an archive made to be read rather than imported: CSV for sessions and check-ins,
//! Markdown for conversations and journal entries. Headers are column codes; the only words are the
//! person's own, their name and Wbot's.

use std::collections::BTreeMap;

use serde_json::Value;

use super::rows::Row;

/// (file name in the archive, its text) for every readable file.
pub(super) fn files(tables: &BTreeMap<String, Vec<Row>>) -> Vec<(String, String)> {
    let table = |name: &str| tables.get(name).map(Vec::as_slice).unwrap_or_default();
    let name = table("profiles")
        .first()
        .map(|p| text(p, "display_name"))
        .unwrap_or_default();
    let mut files = vec![
        (
            "sessions.csv".to_string(),
            sessions_csv(table("breathing_sessions"), table("meditation_sessions")),
        ),
        (
            "checkins.csv".to_string(),
            checkins_csv(table("mood_checkins")),
        ),
    ];
    for conversation in table("conversations") {
        let id = text(conversation, "id");
        let messages = table("messages")
            .iter()
            .filter(|m| text(m, "conversation_id") == id);
        files.push((
            format!("conversations/{}.md", file_stem(conversation, "created_at")),
            conversation_md(conversation, messages, name),
        ));
    }
    for entry in table("journal_entries") {
        files.push((
            format!("journal/{}.md", file_stem(entry, "created_at")),
            journal_md(entry),
        ));
    }
    files
}

fn text<'a>(row: &'a Row, column: &str) -> &'a str {
    row.get(column).and_then(Value::as_str).unwrap_or_default()
}

fn number(row: &Row, column: &str) -> f64 {
    row.get(column).and_then(Value::as_f64).unwrap_or_default()
}

/// `<date>-<first 8 characters of the id>`: sorted by date, unique.
fn file_stem(row: &Row, time_column: &str) -> String {
    let date: String = text(row, time_column).chars().take(10).collect();
    let id: String = text(row, "id").chars().take(8).collect();
    format!("{date}-{id}")
}

/// One CSV line: every field quoted when it holds a comma, a quote or a line break.
fn csv_line(fields: &[String]) -> String {
    let quoted: Vec<String> = fields
        .iter()
        .map(|f| {
            if f.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", f.replace('"', "\"\""))
            } else {
                f.clone()
            }
        })
        .collect();
    quoted.join(",") + "\r\n"
}

fn sessions_csv(breathing: &[Row], meditation: &[Row]) -> String {
    let mut out = csv_line(
        &[
            "kind",
            "id",
            "local_date",
            "started_at",
            "ended_at",
            "duration_s",
            "completed",
            "technique",
            "planned_min",
        ]
        .map(String::from),
    );
    let line = |kind: &str, row: &Row, technique: String, planned: String| {
        csv_line(&[
            kind.to_string(),
            text(row, "id").to_string(),
            text(row, "local_date").to_string(),
            text(row, "started_at").to_string(),
            text(row, "ended_at").to_string(),
            format!("{:.0}", number(row, "duration_ms") / 1000.0),
            format!("{}", number(row, "completed")),
            technique,
            planned,
        ])
    };
    for row in breathing {
        out += &line(
            "breathing",
            row,
            text(row, "technique").into(),
            String::new(),
        );
    }
    for row in meditation {
        let planned = format!("{}", number(row, "planned_ms") / 60_000.0);
        out += &line("meditation", row, String::new(), planned);
    }
    out
}

fn checkins_csv(checkins: &[Row]) -> String {
    let mut out = csv_line(
        &[
            "id",
            "created_at",
            "mood",
            "emotions",
            "note",
            "activity",
            "activity_id",
            "moment",
        ]
        .map(String::from),
    );
    for row in checkins {
        let emotions: Vec<String> = serde_json::from_str(text(row, "emotions")).unwrap_or_default();
        out += &csv_line(&[
            text(row, "id").to_string(),
            text(row, "created_at").to_string(),
            format!("{}", number(row, "mood")),
            emotions.join(";"),
            text(row, "note").to_string(),
            text(row, "activity").to_string(),
            text(row, "activity_id").to_string(),
            text(row, "moment").to_string(),
        ]);
    }
    out
}

fn conversation_md<'a>(
    conversation: &Row,
    messages: impl Iterator<Item = &'a Row>,
    name: &str,
) -> String {
    let title = match text(conversation, "title") {
        "" => text(conversation, "created_at"),
        title => title,
    };
    let mut out = format!("# {title}\n");
    for message in messages {
        let speaker = match text(message, "role") {
            "user" => name,
            "assistant" => "Wbot",
            // Summaries of earlier messages are Wbot's own bookkeeping.
            _ => continue,
        };
        let content = text(message, "content");
        if content.is_empty() {
            continue;
        }
        out += &format!(
            "\n**{speaker}** · {}\n\n{content}\n",
            text(message, "created_at")
        );
    }
    out
}

fn journal_md(entry: &Row) -> String {
    let mut out = format!("# {}\n\n", text(entry, "created_at"));
    let prompt = text(entry, "prompt");
    if !prompt.is_empty() {
        out += &format!("> {prompt}\n\n");
    }
    out + text(entry, "text") + "\n"
}
