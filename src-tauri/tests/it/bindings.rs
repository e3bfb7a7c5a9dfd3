//! The drift gate: `ui/src/bindings.ts` must be exactly what the one builder exports.
//! Run with `WBOT_UPDATE_BINDINGS=1` to rewrite it after changing a command or a type.

use std::path::Path;

#[test]
fn bindings_match_the_builder() {
    let checked_in = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings.ts");
    let fresh = tempfile::NamedTempFile::new().expect("temp file");
    wbot_app_lib::export_bindings(fresh.path()).expect("export bindings");
    let fresh = std::fs::read_to_string(fresh.path()).expect("read export");
    if std::env::var_os("WBOT_UPDATE_BINDINGS").is_some() {
        std::fs::write(&checked_in, &fresh).expect("write bindings");
        return;
    }
    let current = std::fs::read_to_string(&checked_in).unwrap_or_default();
    assert!(
        current == fresh,
        "ui/src/bindings.ts is out of date with the Rust commands and types; run \
         `WBOT_UPDATE_BINDINGS=1 cargo test -p wbot-app --test bindings` and commit the result"
    );
}
