//! API keys in the operating system's keychain (macOS/iOS Keychain, Windows Credential Manager, the
//! Secret Service on Linux), behind the [`SecretStore`] trait the chat client reads keys through. Nothing
//! else in Wbot ever holds a key at rest.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use crate::error::{CoreError, Reason, Result, Subject};

/// Where API keys are kept, by [`SecretRef::key`]. The app implements it with the OS keychain; tests use
/// [`MemorySecretStore`]. Implementations must never log the secret.
pub trait SecretStore: Send + Sync {
    /// The secret, if one is stored.
    fn get(&self, key: &str) -> Result<Option<String>>;
    /// Stores (or replaces) a secret.
    fn set(&self, key: &str, secret: &str) -> Result<()>;
    /// Removes a secret; removing a missing one is fine.
    fn delete(&self, key: &str) -> Result<()>;
}

/// A [`SecretStore`] in memory (tests, the CLI).
#[derive(Default)]
pub struct MemorySecretStore(Mutex<HashMap<String, String>>);

impl std::fmt::Debug for MemorySecretStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MemorySecretStore(..)")
    }
}

impl SecretStore for MemorySecretStore {
    fn get(&self, key: &str) -> Result<Option<String>> {
        let map = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        Ok(map.get(key).cloned())
    }
    fn set(&self, key: &str, secret: &str) -> Result<()> {
        let mut map = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        map.insert(key.to_string(), secret.to_string());
        Ok(())
    }
    fn delete(&self, key: &str) -> Result<()> {
        let mut map = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        map.remove(key);
        Ok(())
    }
}

/// The keychain service every Wbot entry is filed under (the app's identifier).
pub const KEYCHAIN_SERVICE: &str = "app.wbot.companion";

/// The [`SecretStore`] the app uses: one keychain entry per key, under [`KEYCHAIN_SERVICE`].
#[derive(Debug, Default, Clone, Copy)]
pub struct KeychainSecretStore;

fn keychain_error(err: keyring::Error) -> CoreError {
    match err {
        keyring::Error::NoStorageAccess(_) | keyring::Error::PlatformFailure(_) => {
            // The platform's own message can name the session bus; it never holds the secret.
            tracing::warn!(error = %err, "keychain unavailable");
            CoreError::new(Reason::KeychainUnavailable)
        }
        keyring::Error::TooLong(..)
        | keyring::Error::Invalid(..)
        | keyring::Error::BadEncoding(_) => {
            CoreError::new(Reason::InvalidFormat).subject(Subject::ApiKey)
        }
        other => CoreError::internal(format!("keychain: {other}")),
    }
}

fn entry(key: &str) -> Result<keyring::Entry> {
    keyring::Entry::new(KEYCHAIN_SERVICE, key).map_err(keychain_error)
}

impl SecretStore for KeychainSecretStore {
    fn get(&self, key: &str) -> Result<Option<String>> {
        match entry(key)?.get_password() {
            Ok(secret) => Ok(Some(secret)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(err) => Err(keychain_error(err)),
        }
    }

    fn set(&self, key: &str, secret: &str) -> Result<()> {
        entry(key)?.set_password(secret).map_err(keychain_error)
    }

    fn delete(&self, key: &str) -> Result<()> {
        match entry(key)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(err) => Err(keychain_error(err)),
        }
    }
}
