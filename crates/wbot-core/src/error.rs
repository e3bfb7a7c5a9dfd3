//! The core's one error type. Every variant carries a message written for people.

use serde::Serialize;

/// A stable, machine-readable error class; the UI switches on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    Validation,
    NotFound,
    Conflict,
    Unavailable,
    Internal,
}

/// Everything that can go wrong in the core.
#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error("{0}")]
    Validation(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    Unavailable(String),
    #[error("Something went wrong on this device: {0}")]
    Internal(String),
}

impl CoreError {
    /// The stable code of this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Validation(_) => ErrorCode::Validation,
            Self::NotFound(_) => ErrorCode::NotFound,
            Self::Conflict(_) => ErrorCode::Conflict,
            Self::Unavailable(_) => ErrorCode::Unavailable,
            Self::Internal(_) => ErrorCode::Internal,
        }
    }

    /// A validation error from any displayable message.
    pub fn validation(message: impl Into<String>) -> Self {
        Self::Validation(message.into())
    }
}

impl From<sqlx::Error> for CoreError {
    fn from(err: sqlx::Error) -> Self {
        match &err {
            sqlx::Error::Database(db) if db.message().contains("database is locked") => {
                Self::Unavailable("The database is busy; please try again.".into())
            }
            _ => Self::Internal(format!("storage error ({err})")),
        }
    }
}

impl From<sqlx::migrate::MigrateError> for CoreError {
    fn from(err: sqlx::migrate::MigrateError) -> Self {
        Self::Internal(format!("could not prepare the database ({err})"))
    }
}

impl From<serde_json::Error> for CoreError {
    fn from(err: serde_json::Error) -> Self {
        Self::Internal(format!("stored data could not be read ({err})"))
    }
}

/// The core's result type.
pub type Result<T, E = CoreError> = std::result::Result<T, E>;
