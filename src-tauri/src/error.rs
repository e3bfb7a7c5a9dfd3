//! How errors and inputs cross the command boundary.

use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use wbot_core::{CoreError, Reason};

/// The one error every command returns (and reply events carry): code, reason and parameters, which
/// the UI words in the person's language.
pub use wbot_core::AppError;

/// A command argument received as raw JSON and typed for TypeScript as `T`.
///
/// Tauri rejects an argument that does not deserialize with an untyped string, before the command
/// runs. Taking the JSON first and converting it here turns a wrong shape or an unknown enum value
/// into our typed `validation` error instead.
#[derive(Debug)]
pub struct Input<T> {
    raw: serde_json::Value,
    ty: PhantomData<T>,
}

impl<T: DeserializeOwned> Input<T> {
    /// The value, or a validation error naming what was wrong with it.
    pub fn parse(self, what: &str) -> Result<T, CoreError> {
        serde_json::from_value(self.raw).map_err(|e| {
            CoreError::new(Reason::InvalidInput)
                .value(what)
                .detail(e.to_string())
        })
    }
}

impl<'de, T> Deserialize<'de> for Input<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Self {
            raw: serde_json::Value::deserialize(deserializer)?,
            ty: PhantomData,
        })
    }
}

impl<T: specta::Type> specta::Type for Input<T> {
    fn definition(types: &mut specta::Types) -> specta::datatype::DataType {
        T::definition(types)
    }
}
