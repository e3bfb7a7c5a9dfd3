//! API keys in the real OS keychain. `scripts/test` runs the suite inside `scripts/with-keychain` (a
//! private D-Bus session with a throwaway GNOME Keyring) and sets WBOT_EXPECT_KEYCHAIN=1, so the round
//! trip below must work there; elsewhere (a developer's plain `cargo test`) it runs only if a keychain
//! answers.
#![allow(clippy::unwrap_used)]

use wbot_core::chat::secrets::KeychainSecretStore;
use wbot_core::chat::{ProviderInput, ProviderKind, SecretRef, SecretStore};
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

/// The provider's row is written before its key: a new provider whose key the keychain refuses is not
/// kept, and a changed one keeps its new settings without claiming a key.
async fn a_refused_key_keeps_no_provider_that_claims_it() {
    let dir = tempfile::tempdir().unwrap();
    let core = crate::memory_support::open(dir.path()).await;
    let profile = crate::memory_support::profile(&core, "Ana").await;
    let chat = core.chat();
    let mut input = ProviderInput {
        id: None,
        name: "Online".into(),
        kind: ProviderKind::OpenAiCompatible,
        base_url: "https://api.example.com/v1".into(),
        model: "m".into(),
        timeout_ms: 30_000,
        api_key: Some("sk-test".into()),
        clear_key: false,
    };
    let err = chat
        .save_provider(&profile, input.clone())
        .await
        .unwrap_err();
    assert_eq!(err.reason, Reason::KeychainUnavailable);
    assert_eq!(chat.list_providers(&profile).await.unwrap(), []);

    input.api_key = None;
    let saved = chat.save_provider(&profile, input.clone()).await.unwrap();
    input.id = Some(saved.id.clone());
    input.name = "Renamed".into();
    input.api_key = Some("sk-test".into());
    let err = chat.save_provider(&profile, input).await.unwrap_err();
    assert_eq!(err.reason, Reason::KeychainUnavailable);
    let kept = chat.list_providers(&profile).await.unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!((kept[0].name.as_str(), kept[0].has_key), ("Renamed", false));
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
        tokio::runtime::Runtime::new()
            .unwrap()
            .block_on(a_refused_key_keeps_no_provider_that_claims_it());
        return;
    }
    let child = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "chat_keychain::without_a_keychain_saving_a_key_says_so",
            "--nocapture",
        ])
        .env("WBOT_NO_KEYCHAIN_CHILD", "1")
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/wbot-test-bus",
        )
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&child.stdout);
    assert!(child.status.success(), "the child test failed: {out}");
    // Not vacuous: the child found this test by its path and ran it.
    assert!(out.contains("1 passed"), "the child ran no test: {out}");
}
