//! What the webview may do is fixed by ADR 0004: this test fails when a capability grants a permission
//! beyond today's, a capability file is added, or the CSP widens. Widening any of it needs an ADR first;
//! then this list changes with it (issue 13, "Proof").

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

const SHELL: &str = env!("CARGO_MANIFEST_DIR");

/// ADR 0004: listen to Wbot's events, read the app's name and version; nothing else.
const PERMISSIONS: &[&str] = &["core:event:default", "core:app:default"];

/// ADR 0004's CSP, directive by directive.
const CSP: &[(&str, &str)] = &[
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data: asset: http://asset.localhost"),
    ("media-src", "'self' asset: http://asset.localhost"),
    ("font-src", "'self' data:"),
    ("connect-src", "ipc: http://ipc.localhost"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'none'"),
    ("frame-ancestors", "'none'"),
];

fn json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_webview_gets_no_permission_beyond_adr_0004() {
    let dir = Path::new(SHELL).join("capabilities");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("capabilities/")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        ["desktop.json", "mobile.json"],
        "a new capability file needs an ADR"
    );
    for file in &files {
        let capability = json(&dir.join(file));
        let granted: Vec<&str> = capability["permissions"]
            .as_array()
            .expect("permissions")
            .iter()
            .map(|p| {
                p.as_str()
                    .expect("a permission is named, not scoped (a scope widens it)")
            })
            .collect();
        assert_eq!(
            granted, PERMISSIONS,
            "{file}: a permission beyond ADR 0004 needs an ADR"
        );
        assert_eq!(capability["windows"], serde_json::json!(["main"]), "{file}");
        assert!(
            capability.get("remote").is_none(),
            "{file}: no remote origin may call commands"
        );
    }
}

#[test]
fn the_csp_is_adr_0004s() {
    let config = json(&Path::new(SHELL).join("tauri.conf.json"));
    let security = &config["app"]["security"];
    let csp: BTreeMap<&str, &str> = security["csp"]
        .as_object()
        .expect("a CSP, directive by directive")
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str().expect("a directive's sources")))
        .collect();
    assert_eq!(
        csp,
        CSP.iter().copied().collect(),
        "a wider CSP needs an ADR"
    );
    for risky in [
        "dangerousDisableAssetCspModification",
        "devCsp",
        "assetProtocol",
    ] {
        assert!(security.get(risky).is_none(), "{risky} needs an ADR");
    }
    assert_ne!(
        config["app"]["withGlobalTauri"], true,
        "no global Tauri object"
    );
}
