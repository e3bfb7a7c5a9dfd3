//! A breathing session's sound switches live in the profile's settings (a real SQLite file): the
//! mute and the ambient bed set during a session are saved, followed at once by the audio engine,
//! applied again when the next session starts and after the app reopens, and never leak to
//! another profile. What the engine plays is checked by rendering its mix.

use std::sync::Arc;
use std::time::Duration;

use crate::memory_support::profile;
use wbot_core::audio::{AmbientKind, AmbientLoop, ChimeKind, LayerId, Mix, AMBIENT_FADE_OUT};
use wbot_core::breathing::{Pattern, SessionConfig, StartBreathing};
use wbot_core::{BreathingRunId, Core, ErrorCode, ProfileId};

/// Long phases: the session is still running, with no chime, while the test looks.
fn slow() -> StartBreathing {
    StartBreathing {
        config: SessionConfig::Custom(Pattern {
            inhale_s: 30.0,
            hold_s: 0.0,
            exhale_s: 30.0,
            hold_after_s: 0.0,
            cycles: 1,
        }),
        mood_before: None,
    }
}

async fn start(core: &Core, profile: &ProfileId) -> BreathingRunId {
    core.breathing()
        .start_breathing(profile, slow(), |_| {})
        .await
        .expect("start")
        .run_id
}

fn muted_everywhere(core: &Core) -> bool {
    core.breathing()
        .audio()
        .with_mix(|m| LayerId::ALL.iter().all(|&l| m.is_muted(l)))
}

/// Rings a chime now and renders 300 ms: the loudest sample after the 20 ms mute ramp.
fn chime_peak(core: &Core) -> f32 {
    let samples = core.breathing().audio().with_mix(|m| {
        m.schedule_chime(ChimeKind::Inhale, m.position());
        m.render_for(Duration::from_millis(300))
    });
    let skip = (0.03 * 48_000.0) as usize * 2;
    samples[skip.min(samples.len())..]
        .iter()
        .fold(0.0f32, |a, s| a.max(s.abs()))
}

#[tokio::test]
async fn a_mute_set_in_a_session_holds_for_the_next_one_and_after_reopening() {
    let dir = tempfile::tempdir().expect("dir");
    let core = Core::open(dir.path()).await.expect("open");
    let ada = profile(&core, "Ada").await;
    let ben = profile(&core, "Ben").await;

    let run = start(&core, &ada).await;
    assert!(!muted_everywhere(&core));
    let state = core
        .breathing()
        .set_audio_muted(&ada, true)
        .await
        .expect("mute");
    assert!(state.muted);
    assert!(muted_everywhere(&core), "applied at once");
    let silent = !core.breathing().audio().status().available;
    if silent {
        // Nobody else pulls the mix: what it renders is what would be heard.
        assert_eq!(chime_peak(&core), 0.0);
    }
    core.breathing()
        .finish_breathing(&ada, &run, None)
        .await
        .expect("finish");
    assert!(
        core.profiles().settings(&ada).await.expect("ada").muted,
        "saved"
    );
    assert!(
        !core.profiles().settings(&ben).await.expect("ben").muted,
        "Ben's own"
    );

    // Ben's session plays with Ben's settings, then Ada's next one is muted again.
    let run = start(&core, &ben).await;
    assert!(!muted_everywhere(&core));
    if silent {
        // Cue volume 70 %: the chime peaks near 0.35 and has decayed a little 30 ms in.
        assert!(chime_peak(&core) > 0.2);
    }
    core.breathing()
        .finish_breathing(&ben, &run, None)
        .await
        .expect("finish");
    let run = start(&core, &ada).await;
    assert!(muted_everywhere(&core));
    core.breathing()
        .finish_breathing(&ada, &run, None)
        .await
        .expect("finish");
    core.close().await;

    // The app restarts: a new core on the same file.
    let core = Core::open(dir.path()).await.expect("reopen");
    assert!(
        core.breathing()
            .audio_state(&ada)
            .await
            .expect("state")
            .muted
    );
    let run = start(&core, &ada).await;
    assert!(muted_everywhere(&core));
    // Unmuting from the settings screen mid-session is followed too.
    let mut settings = core.profiles().settings(&ada).await.expect("settings");
    settings.muted = false;
    core.update_settings(&ada, settings).await.expect("update");
    assert!(!muted_everywhere(&core));
    core.breathing()
        .finish_breathing(&ada, &run, None)
        .await
        .expect("finish");
}

fn rms(x: &[f32]) -> f32 {
    (x.iter().map(|v| v * v).sum::<f32>() / x.len().max(1) as f32).sqrt()
}

fn assert_same(live: &[f32], reference: &[f32], what: &str) {
    assert_eq!(live.len(), reference.len(), "{what}: length");
    let worst = live
        .iter()
        .zip(reference)
        .fold(0.0f32, |a, (l, r)| a.max((l - r).abs()));
    assert!(worst < 1e-6, "{what}: differs by {worst}");
}

#[tokio::test]
async fn the_ambient_toggle_plays_the_bed_with_its_fades_at_the_profiles_volume() {
    let dir = tempfile::tempdir().expect("dir");
    let core = Core::open(dir.path()).await.expect("open");
    let ada = profile(&core, "Ada").await;
    let ben = profile(&core, "Ben").await;
    let mut settings = core.profiles().settings(&ada).await.expect("settings");
    settings.ambient_volume = 40;
    settings.ambient_sound = AmbientKind::Pink;
    core.update_settings(&ada, settings).await.expect("volume");

    // Outside a session the switch is only saved: nothing plays.
    let state = core
        .breathing()
        .set_breathing_ambient(&ada, true)
        .await
        .expect("on");
    assert!(state.ambient_on);
    assert_eq!(state.ambient_sound, AmbientKind::Pink);
    assert_eq!(core.breathing().audio().with_mix(|m| m.ambient()), None);

    let run = start(&core, &ada).await;
    assert_eq!(
        core.breathing().audio().with_mix(|m| m.ambient()),
        Some(AmbientKind::Pink),
        "the saved switch starts the bed with the session"
    );
    core.breathing()
        .set_breathing_ambient(&ada, false)
        .await
        .expect("off");
    assert_eq!(core.breathing().audio().with_mix(|m| m.ambient()), None);
    let state = core
        .breathing()
        .set_breathing_ambient(&ada, true)
        .await
        .expect("on");
    assert!(state.ambient_on);
    let silent = !core.breathing().audio().status().available;
    if silent {
        // What the engine renders equals a reference mix doing the same: volume 0.4 (ramped from
        // 1.0 as in a fresh engine), the bed restarted with its 2 s fade-in, then its 1 s fade-out.
        let rate = core.breathing().audio().with_mix(|m| m.rate());
        let sound = Arc::new(AmbientLoop::generate(AmbientKind::Pink, rate));
        let mut reference = Mix::new(rate);
        reference.set_volume(LayerId::Ambient, 0.4).expect("volume");
        reference.start_ambient(sound, wbot_core::audio::AMBIENT_FADE_IN);
        let live = core
            .breathing()
            .audio()
            .with_mix(|m| m.render_for(Duration::from_secs(3)));
        let expected = reference.render_for(Duration::from_secs(3));
        assert_same(&live, &expected, "fade-in");
        let frame = |s: f64| (s * f64::from(rate)) as usize * 2;
        let early = rms(&live[..frame(0.1)]);
        let full = rms(&live[frame(2.0)..]);
        assert!(full > 0.03, "the bed is heard: {full}");
        assert!(early < full * 0.1, "it fades in: {early} vs {full}");
        // Not louder than the profile's 40 %: the loop's own level is 0.12 RMS.
        assert!(full < 0.12 * 0.4 * 1.5, "{full}");

        core.breathing()
            .set_breathing_ambient(&ada, false)
            .await
            .expect("off");
        reference.stop_ambient(AMBIENT_FADE_OUT);
        let live = core
            .breathing()
            .audio()
            .with_mix(|m| m.render_for(Duration::from_millis(1100)));
        let expected = reference.render_for(Duration::from_millis(1100));
        assert_same(&live, &expected, "fade-out");
        assert!(rms(&live[frame(1.0)..]) == 0.0, "silent after 1 s");
        assert!(!core.breathing().audio().with_mix(|m| m.ambient_playing()));
        core.breathing()
            .set_breathing_ambient(&ada, true)
            .await
            .expect("on");
    }
    assert!(
        core.profiles()
            .settings(&ada)
            .await
            .expect("ada")
            .ambient_on
    );
    assert!(
        !core
            .profiles()
            .settings(&ben)
            .await
            .expect("ben")
            .ambient_on
    );

    // The bed ends with the session.
    core.breathing()
        .finish_breathing(&ada, &run, None)
        .await
        .expect("finish");
    assert_eq!(core.breathing().audio().with_mix(|m| m.ambient()), None);
    // Ben's session plays none; after a restart, Ada's starts hers again.
    let run = start(&core, &ben).await;
    assert_eq!(core.breathing().audio().with_mix(|m| m.ambient()), None);
    core.breathing()
        .finish_breathing(&ben, &run, None)
        .await
        .expect("finish");
    core.close().await;
    let core = Core::open(dir.path()).await.expect("reopen");
    let run = start(&core, &ada).await;
    assert_eq!(
        core.breathing().audio().with_mix(|m| m.ambient()),
        Some(AmbientKind::Pink)
    );
    core.breathing()
        .finish_breathing(&ada, &run, None)
        .await
        .expect("finish");
}

#[tokio::test]
async fn sound_switches_refuse_unknown_profiles() {
    let dir = tempfile::tempdir().expect("dir");
    let core = Core::open(dir.path()).await.expect("open");
    let unknown = ProfileId::new();
    for result in [
        core.breathing().set_audio_muted(&unknown, true).await,
        core.breathing().set_breathing_ambient(&unknown, true).await,
        core.breathing().audio_state(&unknown).await,
    ] {
        assert_eq!(result.expect_err("unknown").code(), ErrorCode::NotFound);
    }
    assert!("thunder".parse::<AmbientKind>().is_err());
}
