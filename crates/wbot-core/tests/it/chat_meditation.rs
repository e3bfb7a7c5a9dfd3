//! A meditation written for the person (issue 10 item 5): their chat model (a loopback server
//! speaking OpenAI's stream) is asked for the type their signals call for, and its script is spoken
//! by the real local voice into a guided track with the script kept beside it. A provider that
//! fails mid-script, an answer with no words and bad lengths leave nothing behind.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use crate::chat_support::*;
use crate::memory_support::{config, resources};
use crate::turn_support::*;
use wbot_core::chat::meditation::{WriteMeditation, WRITE_JOB};
use wbot_core::chat::ProviderKind;
use wbot_core::events::CoreEvent;
use wbot_core::meditation::{GuidedKind, VoicePaths, VOICE_JOB};
use wbot_core::memory::EnvPaths;
use wbot_core::mood::NewCheckin;
use wbot_core::{ErrorCode, Reason, Subject};

const SCRIPT: &str = "Welcome. Let yourself settle. [PAUSE 3s] \
    Notice the worry, and where it sits in your body. [PAUSE 2s] \
    Breathe around it, kindly. Now come back, gently.";

fn with_voice(h: &Harness) {
    h.core.meditation().configure_voice(VoicePaths::resolve(
        None,
        Some(&resources()),
        &EnvPaths::default(),
        config().runtime_path,
    ));
}

fn tracks_dir(h: &Harness) -> PathBuf {
    h.core.data_dir().join("tracks").join(h.profile.as_str())
}

fn files(h: &Harness) -> usize {
    std::fs::read_dir(tracks_dir(h)).map_or(0, |d| d.count())
}

fn write(minutes: u8) -> WriteMeditation {
    WriteMeditation {
        minutes,
        title: "For you".into(),
    }
}

#[tokio::test]
async fn the_model_writes_for_the_signals_and_the_voice_speaks_it_into_a_track() {
    let h = harness().await;
    with_voice(&h);
    let chat = h.core.chat();
    // Streamed in pieces, with markdown the core takes out.
    let server = Server::start(vec![stream(openai_stream(
        &[
            "**Welcome.** Let yourself settle. [PAUSE 3s] ",
            &SCRIPT[41..],
        ],
        true,
    ))])
    .await;
    chat.save_provider(
        &h.profile,
        input("Local", ProviderKind::OpenAiCompatible, &server.base_url),
    )
    .await
    .unwrap();
    h.core
        .mood()
        .add_checkin(
            &h.profile,
            NewCheckin {
                mood: 2,
                emotions: vec!["anxious".into()],
                note: "exam tomorrow".into(),
                at: None,
            },
        )
        .await
        .unwrap();
    let mut events = h.core.events().subscribe();

    let track = chat.write_meditation(&h.profile, write(5)).await.unwrap();

    assert_eq!(
        track.kind,
        GuidedKind::Difficulties,
        "anxious → working with difficulties"
    );
    assert_eq!(track.title, "For you");
    assert!(track.duration_ms > 5_000, "{track:?}");
    let asked = &server.requests()[0].body;
    let ask = asked["messages"][1]["content"].as_str().unwrap();
    assert!(
        ask.contains("Ana") && ask.contains("exam tomorrow") && ask.contains("2 of 5"),
        "{ask}"
    );
    assert!(
        ask.contains("worry or a hard feeling"),
        "the practice asked for: {ask}"
    );
    let script = h
        .core
        .meditation()
        .track_script(&h.profile, &track.id)
        .await
        .unwrap();
    assert_eq!(script.as_deref(), Some(SCRIPT));
    let mut jobs = Vec::new();
    while let Ok(event) = events.try_recv() {
        if let CoreEvent::Progress(p) = event {
            if jobs.last() != Some(&p.job) {
                jobs.push(p.job);
            }
        }
    }
    assert_eq!(jobs, [WRITE_JOB, VOICE_JOB], "writing, then speaking");

    h.core
        .meditation()
        .delete_track(&h.profile, &track.id)
        .await
        .unwrap();
    assert_eq!(files(&h), 0, "the script went with the track");
}

#[tokio::test]
async fn a_provider_that_fails_mid_script_or_writes_nothing_leaves_nothing_behind() {
    let h = harness().await;
    with_voice(&h);
    let chat = h.core.chat();
    let err = chat
        .write_meditation(&h.profile, write(5))
        .await
        .unwrap_err();
    assert_eq!(err.reason, Reason::NoChatModel);

    // Half a script, then the connection ends without [DONE]; then only pauses.
    let server = Server::start(vec![
        stream(openai_stream(
            &["Welcome. Let yourself ", "settle. [PAUSE 3s]"],
            false,
        )),
        stream(openai_stream(&["[PAUSE 10s] [PAUSE 5s]"], true)),
    ])
    .await;
    chat.save_provider(
        &h.profile,
        input("Local", ProviderKind::OpenAiCompatible, &server.base_url),
    )
    .await
    .unwrap();
    let err = chat
        .write_meditation(&h.profile, write(5))
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Unavailable, "{err}");
    assert_eq!(err.reason, Reason::ProviderUnavailable, "{err}");
    let err = chat
        .write_meditation(&h.profile, write(5))
        .await
        .unwrap_err();
    assert_eq!(err.reason, Reason::EmptyReply, "{err}");
    for minutes in [2, 31] {
        let err = chat
            .write_meditation(&h.profile, write(minutes))
            .await
            .unwrap_err();
        assert_eq!(
            (err.reason, err.params.subject),
            (Reason::OutOfRange, Some(Subject::MeditationLength))
        );
    }
    assert!(h
        .core
        .meditation()
        .tracks(&h.profile)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(files(&h), 0, "nothing half-written");
}
