//! A profile's rows of a table as JSON objects keyed by column, read and inserted by name.

use std::collections::HashMap;

use serde_json::Value;
use sqlx::{Row as _, Sqlite, Transaction, TypeInfo, ValueRef};

use crate::db::Db;
use crate::error::{CoreError, Result};
use crate::ids::ProfileId;

/// One row: column → value (null, integer, real or text).
pub(super) type Row = serde_json::Map<String, Value>;

/// Columns an archive leaves out: row numbers (an import numbers its rows anew, in the same order),
/// vectors, which are derived from the text and computed again, the profile's lock (an archive is
/// readable anyway; a PIN hash in it would only be a PIN to guess offline), and the guided track a
/// listen or a series day came from (the tracks' audio stays on the device; a series day is spoken
/// again on its next play).
const SKIPPED: &[&str] = &[
    "seq",
    "key",
    "embedding",
    "embedding_model",
    "pin_hash",
    "pin_failures",
    "pin_retry_at",
    "track_id",
];

/// The stored (not generated) columns of each table, as this database has them.
pub(super) struct TableColumns(HashMap<String, Vec<String>>);

impl TableColumns {
    pub(super) async fn read(db: &Db, tables: &[&str]) -> Result<Self> {
        let mut columns = HashMap::new();
        for table in tables {
            // `hidden` is 0 for a stored column, 2 or 3 for a generated one.
            let names: Vec<String> = sqlx::query_scalar(
                "SELECT name FROM pragma_table_xinfo(?) WHERE hidden = 0 ORDER BY cid",
            )
            .bind(table)
            .fetch_all(db.reader())
            .await?;
            let names = names
                .into_iter()
                .filter(|name| !SKIPPED.contains(&name.as_str()))
                .collect();
            columns.insert((*table).to_string(), names);
        }
        Ok(Self(columns))
    }

    pub(super) fn get(&self, table: &str) -> Option<&Vec<String>> {
        self.0.get(table)
    }

    pub(super) fn of(&self, table: &str) -> &[String] {
        self.0.get(table).map(Vec::as_slice).unwrap_or_default()
    }
}

/// The column naming a table's owner.
pub(super) fn owner(table: &str) -> &'static str {
    if table == "profiles" {
        "id"
    } else {
        "profile_id"
    }
}

pub(super) async fn count(db: &Db, table: &str, profile_id: &ProfileId) -> Result<usize> {
    let n: i64 = sqlx::query_scalar(&format!(
        "SELECT count(*) FROM {table} WHERE {} = ?",
        owner(table)
    ))
    .bind(profile_id)
    .fetch_one(db.reader())
    .await?;
    Ok(usize::try_from(n).unwrap_or_default())
}

/// The profile's rows of `table`, in the order they were stored.
pub(super) async fn read(
    db: &Db,
    table: &str,
    columns: &[String],
    profile_id: &ProfileId,
) -> Result<Vec<Row>> {
    let list = quoted(columns);
    let found = sqlx::query(&format!(
        "SELECT {list} FROM {table} WHERE {} = ? ORDER BY rowid",
        owner(table)
    ))
    .bind(profile_id)
    .fetch_all(db.reader())
    .await?;
    let mut rows = Vec::with_capacity(found.len());
    for stored in found {
        let mut row = Row::new();
        for (i, column) in columns.iter().enumerate() {
            let raw = stored.try_get_raw(i)?;
            let value = if raw.is_null() {
                Value::Null
            } else {
                match raw.type_info().name() {
                    "INTEGER" => Value::from(stored.try_get::<i64, _>(i)?),
                    "REAL" => Value::from(stored.try_get::<f64, _>(i)?),
                    "TEXT" => Value::from(stored.try_get::<String, _>(i)?),
                    other => {
                        return Err(CoreError::internal(format!(
                            "{table}.{column} holds a {other} value"
                        )))
                    }
                }
            };
            row.insert(column.clone(), value);
        }
        rows.push(row);
    }
    Ok(rows)
}

/// Inserts one row; its columns were checked to be the table's.
pub(super) async fn insert(
    tx: &mut Transaction<'static, Sqlite>,
    table: &str,
    row: &Row,
) -> std::result::Result<(), sqlx::Error> {
    let columns: Vec<String> = row.keys().cloned().collect();
    let marks = vec!["?"; columns.len()].join(", ");
    let sql = format!(
        "INSERT INTO {table} ({}) VALUES ({marks})",
        quoted(&columns)
    );
    let mut query = sqlx::query(&sql);
    for value in row.values() {
        query = match value {
            Value::Bool(b) => query.bind(i64::from(*b)),
            Value::Number(n) => match n.as_i64() {
                Some(i) => query.bind(i),
                None => query.bind(n.as_f64()),
            },
            Value::String(s) => query.bind(s.clone()),
            _ => query.bind(None::<String>),
        };
    }
    query.execute(&mut **tx).await?;
    Ok(())
}

fn quoted(columns: &[String]) -> String {
    columns
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `text` with every id of `ids` in it (a whole value, or inside JSON) replaced by its new id.
pub(super) fn replace_ids(text: &str, ids: &HashMap<String, String>) -> String {
    const LEN: usize = 36;
    let bytes = text.as_bytes();
    if bytes.len() < LEN {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i + LEN <= bytes.len() {
        if looks_like_uuid(&bytes[i..i + LEN]) {
            // Only ASCII bytes: `i` and `i + LEN` are character boundaries.
            if let Some(new) = ids.get(&text[i..i + LEN]) {
                out.push_str(&text[copied..i]);
                out.push_str(new);
                i += LEN;
                copied = i;
                continue;
            }
        }
        i += 1;
    }
    out.push_str(&text[copied..]);
    out
}

fn looks_like_uuid(bytes: &[u8]) -> bool {
    bytes.iter().enumerate().all(|(i, b)| match i {
        8 | 13 | 18 | 23 => *b == b'-',
        _ => b.is_ascii_hexdigit(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_replaced_whole_and_inside_json() {
        let old = "0b6e2c1a-1111-4222-8333-444455556666";
        let new = "9f000000-aaaa-4bbb-8ccc-dddddddddddd";
        let ids = HashMap::from([(old.to_string(), new.to_string())]);
        assert_eq!(replace_ids(old, &ids), new);
        let json = format!(r#"{{"sessionId":"{old}","note":"ñandú {old}"}}"#);
        assert_eq!(
            replace_ids(&json, &ids),
            format!(r#"{{"sessionId":"{new}","note":"ñandú {new}"}}"#)
        );
        // An id this archive does not hold is left alone, as are short texts.
        let other = "0b6e2c1a-1111-4222-8333-444455550000";
        assert_eq!(replace_ids(other, &ids), other);
        assert_eq!(replace_ids("día", &ids), "día");
    }
}
