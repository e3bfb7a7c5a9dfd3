//! Ids cross the boundary as UUID strings; parsing them is the first validation of every command.

use uuid::Uuid;

use crate::error::{CoreError, Reason, Result, Subject};

/// Parses `raw` as a UUID, naming what it is the id of in the error.
pub fn parse_id(raw: &str, what: Subject) -> Result<Uuid> {
    Uuid::parse_str(raw.trim()).map_err(|_| {
        CoreError::new(Reason::InvalidFormat)
            .subject(what)
            .value(raw)
    })
}

/// A new random id.
pub fn new_id() -> Uuid {
    Uuid::new_v4()
}
