//! Ids cross the boundary as UUID strings; parsing them is the first validation of every command.

use uuid::Uuid;

use crate::error::{CoreError, Result};

/// Parses `raw` as a UUID, naming `what` in the error.
pub fn parse_id(raw: &str, what: &str) -> Result<Uuid> {
    Uuid::parse_str(raw.trim()).map_err(|_| {
        CoreError::validation(format!(
            "“{}” is not a valid {what} id.",
            crate::text::clip(raw, 40)
        ))
    })
}

/// A new random id.
pub fn new_id() -> Uuid {
    Uuid::new_v4()
}
