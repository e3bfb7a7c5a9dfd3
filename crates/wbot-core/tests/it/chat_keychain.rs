//! API keys in the real OS keychain. `scripts/test` runs the suite inside `scripts/with-keychain` (a
//! private D-Bus session with a throwaway GNOME Keyring) and sets WBOT_EXPECT_KEYCHAIN=1, so the round
//! trip below must work there; elsewhere (a developer's plain `cargo test`) it runs only if a keychain
//! answers.
#![allow(clippy::unwrap_used)]

use wbot_core::chat::secrets::KeychainSecretStore;
use wbot_core::chat::{SecretRef, SecretStore};
use wbot_core::{ErrorCode, Reason};

fn expect_keychain() -> bool {
    std::env::var_os("WBOT_EXPECT_KEYCHAIN").is_some()
}

#[test]
fn keys_round_trip_through_the_os_keychain() {
    let store = KeychainSecretStore;
    let key = SecretRef::for_provider(&format!("test-{}", std::process::id())).key;
    match store.set(&key, "sk-test-123") {
        Ok(()) => {}
        Err(err) if !expect_keychain() && err.code() == ErrorCode::Unavailable => {
            eprintln!("no keychain here ({err}); run under scripts/with-keychain to test it");
            return;
        }
        Err(err) => panic!("the keychain refused a key: {err}"),
    }
    assert_eq!(store.get(&key).unwrap().as_deref(), Some("sk-test-123"));
    store.set(&key, "sk-test-456").unwrap();
    assert_eq!(store.get(&key).unwrap().as_deref(), Some("sk-test-456"));
    store.delete(&key).unwrap();
    assert_eq!(store.get(&key).unwrap(), None);
    store.delete(&key).unwrap();
}

/// Runs this test binary again with D-Bus pointed nowhere (an environment change must not leak into the
/// other tests of this process).
#[test]
fn without_a_keychain_saving_a_key_says_so() {
    if std::env::var_os("WBOT_NO_KEYCHAIN_CHILD").is_some() {
        let err = KeychainSecretStore
            .set("provider.x.api_key", "sk")
            .unwrap_err();
        assert_eq!(err.code(), ErrorCode::Unavailable, "{err}");
        assert_eq!(err.reason, Reason::KeychainUnavailable);
        let err = KeychainSecretStore.get("provider.x.api_key").unwrap_err();
        assert_eq!(err.code(), ErrorCode::Unavailable, "{err}");
        return;
    }
    let status = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "without_a_keychain_saving_a_key_says_so",
            "--nocapture",
        ])
        .env("WBOT_NO_KEYCHAIN_CHILD", "1")
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/wbot-test-bus",
        )
        .status()
        .unwrap();
    assert!(status.success(), "the child test failed");
}
