//! The update channel, on a real SQLite file: one for the whole app, kept across opens.

use wbot_core::updates::UpdateChannel;
use wbot_core::{Core, Reason, Subject};

#[tokio::test]
async fn the_channel_starts_stable_and_a_change_survives_a_reopen() {
    let dir = tempfile::tempdir().expect("temp dir");
    let core = Core::open(dir.path()).await.expect("core");
    assert_eq!(
        core.updates().channel().await.expect("channel"),
        UpdateChannel::Stable
    );
    core.updates()
        .set_channel(UpdateChannel::Beta)
        .await
        .expect("set");
    core.close().await;
    let core = Core::open(dir.path()).await.expect("reopen");
    assert_eq!(
        core.updates().channel().await.expect("channel"),
        UpdateChannel::Beta
    );
    core.close().await;
}

#[test]
fn channel_names_round_trip_and_others_are_refused() {
    for channel in [UpdateChannel::Stable, UpdateChannel::Beta] {
        assert_eq!(channel.as_str().parse::<UpdateChannel>(), Ok(channel));
    }
    let err = "Beta".parse::<UpdateChannel>().expect_err("case matters");
    assert_eq!(err.reason, Reason::InvalidValue);
    assert_eq!(err.params.subject, Some(Subject::UpdateChannel));
}
