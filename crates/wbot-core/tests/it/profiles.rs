//! Profiles, settings and onboarding against a real migrated SQLite file.

use wbot_core::audio::AmbientKind;
use wbot_core::profile::{
    Challenge, Contraindication, Locale, NewProfile, OnboardingAnswers, Settings, Theme,
};
use wbot_core::{Core, ErrorCode, ProfileId};

fn new_profile(name: &str) -> NewProfile {
    NewProfile {
        display_name: name.into(),
        onboarding: OnboardingAnswers::neutral(),
    }
}

#[tokio::test]
async fn data_survives_reopening_the_database() {
    let dir = tempfile::tempdir().expect("temp dir");
    let core = Core::open(dir.path()).await.expect("open");
    let ana = core
        .profiles()
        .create_profile(new_profile("Ana"))
        .await
        .expect("create");
    let dark = Settings {
        theme: Theme::Dark,
        locale: Locale::Es,
        cue_volume: 10,
        ambient_volume: 90,
        muted: true,
        ambient_on: true,
        ambient_sound: AmbientKind::Brown,
        streaks_on: false,
        badges_on: false,
        weekly_goal_days: 3,
        voice_cues_on: true,
        voice_cue_volume: 60,
        breath_sounds_on: true,
        breath_volume: 25,
        remote_memories: true,
        remote_about_you: false,
    };
    core.update_settings(&ana.id, dark.clone())
        .await
        .expect("settings");
    core.close().await;

    let core = Core::open(dir.path()).await.expect("reopen");
    assert_eq!(
        core.profiles().active_profile().await.expect("active"),
        Some(ana.clone())
    );
    assert_eq!(
        core.profiles().settings(&ana.id).await.expect("settings"),
        dark
    );
}

#[tokio::test]
async fn each_profile_sees_only_its_own_settings_and_answers() {
    let dir = tempfile::tempdir().expect("temp dir");
    let core = Core::open(dir.path()).await.expect("open");
    let mut answers = OnboardingAnswers::neutral();
    answers.challenges = vec![Challenge::Sleep, Challenge::Anxiety, Challenge::Sleep];
    answers.contraindications = vec![Contraindication::Pregnancy];
    let ana = core
        .profiles()
        .create_profile(NewProfile {
            display_name: "Ana".into(),
            onboarding: answers,
        })
        .await
        .expect("ana");
    let ben = core
        .profiles()
        .create_profile(new_profile("Ben"))
        .await
        .expect("ben");
    let mut dark = core.profiles().settings(&ana.id).await.expect("settings");
    dark.theme = Theme::Dark;
    core.update_settings(&ana.id, dark).await.expect("update");

    assert_eq!(
        core.profiles()
            .settings(&ben.id)
            .await
            .expect("ben settings")
            .theme,
        Theme::System
    );
    let ana_answers = core
        .profiles()
        .onboarding(&ana.id)
        .await
        .expect("ana answers");
    assert_eq!(
        ana_answers.challenges,
        vec![Challenge::Anxiety, Challenge::Sleep],
        "sorted, de-duplicated"
    );
    assert_eq!(
        core.profiles()
            .onboarding(&ben.id)
            .await
            .expect("ben answers"),
        OnboardingAnswers::neutral()
    );

    core.delete_profile(&ana.id).await.expect("delete");
    assert_eq!(
        core.profiles()
            .settings(&ana.id)
            .await
            .expect_err("gone")
            .code(),
        ErrorCode::NotFound
    );
    assert_eq!(
        core.profiles().list_profiles().await.expect("list"),
        vec![ben.clone()]
    );
    assert_eq!(
        core.profiles().active_profile().await.expect("active"),
        Some(ben)
    );
}

#[tokio::test]
async fn invalid_input_is_rejected_with_clear_messages() {
    let dir = tempfile::tempdir().expect("temp dir");
    let core = Core::open(dir.path()).await.expect("open");
    for (name, needle) in [
        ("   ".to_string(), "empty display_name"),
        ("é".repeat(101), "too_long display_name max=100 actual=101"),
        ("two\nlines".to_string(), "invalid_characters display_name"),
    ] {
        let err = core
            .profiles()
            .create_profile(new_profile(&name))
            .await
            .expect_err("invalid");
        assert_eq!(err.code(), ErrorCode::Validation);
        assert!(err.to_string().contains(needle), "{err}");
    }
    assert!(
        core.profiles()
            .create_profile(new_profile(&"é".repeat(100)))
            .await
            .is_ok(),
        "100 characters is fine"
    );
    let err = core
        .profiles()
        .settings(&ProfileId::new())
        .await
        .expect_err("unknown id");
    assert_eq!(err.code(), ErrorCode::NotFound);
    let ana = core
        .profiles()
        .active_profile()
        .await
        .expect("active")
        .expect("some");
    let loud = Settings {
        theme: Theme::Light,
        locale: Locale::En,
        cue_volume: 101,
        ambient_volume: 0,
        muted: false,
        ambient_on: false,
        ambient_sound: AmbientKind::Ocean,
        streaks_on: true,
        badges_on: true,
        weekly_goal_days: 5,
        voice_cues_on: false,
        voice_cue_volume: 80,
        breath_sounds_on: false,
        breath_volume: 50,
        remote_memories: false,
        remote_about_you: false,
    };
    let err = core
        .update_settings(&ana.id, loud.clone())
        .await
        .expect_err("too loud");
    assert_eq!(
        err.to_string(),
        "out_of_range cue_volume min=0 max=100 actual=101"
    );
    for days in [0, 8] {
        let goal = Settings {
            cue_volume: 50,
            weekly_goal_days: days,
            ..loud.clone()
        };
        let err = core.update_settings(&ana.id, goal).await.expect_err("goal");
        assert_eq!(
            err.to_string(),
            format!("out_of_range weekly_goal min=1 max=7 actual={days}")
        );
    }
    assert_eq!(
        core.profiles().settings(&ana.id).await.expect("kept").theme,
        Theme::System
    );
    assert!("neon".parse::<Theme>().is_err());
}

#[tokio::test]
async fn a_change_of_settings_is_published_once_saved_and_a_refused_one_is_not() {
    use wbot_core::events::{CoreEvent, ProfileSettings};
    let dir = tempfile::tempdir().expect("temp dir");
    let core = Core::open(dir.path()).await.expect("open");
    let ana = core
        .profiles()
        .create_profile(new_profile("Ana"))
        .await
        .expect("ana");
    let mut events = core.events().subscribe();
    let mut settings = core.profiles().settings(&ana.id).await.expect("settings");
    settings.cue_volume = 101;
    assert!(core
        .update_settings(&ana.id, settings.clone())
        .await
        .is_err());
    settings.cue_volume = 40;
    settings.muted = true;
    core.update_settings(&ana.id, settings.clone())
        .await
        .expect("saved");
    let published = events.try_recv().expect("one event");
    assert_eq!(
        published,
        CoreEvent::SettingsChanged(ProfileSettings {
            profile_id: ana.id.clone(),
            settings: settings.clone(),
        })
    );
    assert!(
        events.try_recv().is_err(),
        "the refused change published nothing"
    );
}

#[tokio::test]
async fn the_data_folder_is_private_and_a_deleted_profile_leaves_no_trace_in_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("nested").join("data");
    let core = Core::open(&data).await.expect("open");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&data)
            .expect("folder")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o700, "{mode:o}");
    }
    let (name, word) = ("Quokka Zyxwvutsrq", "qwertzuiopyx");
    let profile = core
        .profiles()
        .create_profile(new_profile(name))
        .await
        .expect("create");
    let chat = core.chat();
    let conversation = chat
        .create_conversation(&profile.id)
        .await
        .expect("conversation");
    chat.append_user_message(
        &profile.id,
        &conversation.id,
        &format!("{word} keeps me up"),
    )
    .await
    .expect("message");
    core.delete_profile(&profile.id).await.expect("delete");
    // While the app still runs, in every file (the database, its WAL): neither the name nor the
    // message's word, in its table or in the full-text index.
    crate::memory_support::assert_no_trace(&data, &[name, word]);
    core.close().await;
}

#[tokio::test]
async fn one_core_at_a_time_has_the_data_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let core = Core::open(dir.path()).await.expect("open");
    let err = Core::open(dir.path()).await.expect_err("a second open");
    assert_eq!(err.reason, wbot_core::Reason::DataInUse, "{err}");
    assert_eq!(err.code(), ErrorCode::Conflict);
    assert_eq!(
        err.params.value.as_deref(),
        Some(std::process::id().to_string().as_str())
    );
    core.close().await;
    Core::open(dir.path())
        .await
        .expect("open again once closed")
        .close()
        .await;
}

#[tokio::test]
async fn a_profile_can_be_renamed_and_a_bad_name_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let core = Core::open(dir.path()).await.expect("open");
    let ana = core
        .profiles()
        .create_profile(new_profile("Ana"))
        .await
        .expect("ana");
    let renamed = core
        .profiles()
        .rename_profile(&ana.id, "  Ana María ")
        .await
        .expect("rename");
    assert_eq!(renamed.display_name, "Ana María");
    assert_eq!(renamed.created_at, ana.created_at);
    for (name, needle) in [
        ("   ".to_string(), "empty display_name"),
        ("é".repeat(101), "too_long display_name"),
        ("two\nlines".to_string(), "invalid_characters display_name"),
    ] {
        let err = core
            .profiles()
            .rename_profile(&ana.id, &name)
            .await
            .expect_err("invalid");
        assert!(err.to_string().contains(needle), "{err}");
    }
    let err = core
        .profiles()
        .rename_profile(&ProfileId::new(), "Bo")
        .await
        .expect_err("unknown");
    assert_eq!(err.code(), ErrorCode::NotFound);
    // Read back after a reopen: the last good name stays.
    core.close().await;
    drop(core);
    let core = Core::open(dir.path()).await.expect("reopen");
    assert_eq!(
        core.profiles()
            .profile(&ana.id)
            .await
            .expect("profile")
            .display_name,
        "Ana María"
    );
}
