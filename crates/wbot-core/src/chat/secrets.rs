//! API keys in the operating system's keychain (macOS/iOS Keychain, Windows Credential Manager, the
//! Secret Service on Linux). Nothing else in Wbot ever holds a key at rest.

use crate::error::{CoreError, Result};

use super::provider::SecretStore;

/// The keychain service every Wbot entry is filed under (the app's identifier).
pub const KEYCHAIN_SERVICE: &str = "app.wbot.companion";

/// The [`SecretStore`] the app uses: one keychain entry per key, under [`KEYCHAIN_SERVICE`].
#[derive(Debug, Default, Clone, Copy)]
pub struct KeychainSecretStore;

/// Said when there is no keychain to use (e.g. a Linux session with no Secret Service running).
pub const NO_KEYCHAIN: &str = "This device has no keychain Wbot can use, so API keys cannot be saved. \
     On Linux, start a Secret Service (GNOME Keyring or KWallet) and try again; a local server such as \
     Ollama needs no key.";

fn keychain_error(err: keyring::Error) -> CoreError {
    match err {
        keyring::Error::NoStorageAccess(_) | keyring::Error::PlatformFailure(_) => {
            // The platform's own message can name the session bus; it never holds the secret.
            tracing::warn!(error = %err, "keychain unavailable");
            CoreError::Unavailable(NO_KEYCHAIN.into())
        }
        keyring::Error::TooLong(..)
        | keyring::Error::Invalid(..)
        | keyring::Error::BadEncoding(_) => CoreError::validation(
            "The API key could not be stored: it is too long or not valid text.",
        ),
        other => CoreError::Internal(format!("keychain: {other}")),
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
