//! `wbot updates channel` end to end: the real binary reads and switches the app's release channel.

use crate::support::{failure, ok};

#[test]
fn the_update_channel_can_be_read_and_switched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    assert_eq!(ok(d, &["updates", "channel"], "")[0]["channel"], "stable");
    assert_eq!(
        ok(d, &["updates", "channel", "beta"], "")[0]["channel"],
        "beta"
    );
    let err = failure(d, &["updates", "channel", "nightly"], "");
    assert_eq!(err["reason"], "invalid_value");
    assert_eq!(err["params"]["subject"], "update_channel");
    assert_eq!(ok(d, &["updates", "channel"], "")[0]["channel"], "beta");
}
