//! Shared by the memory integration tests: the real model and runtime from the repository's resources
//! (put there by scripts/fetch-assets), with ORT_DYLIB_PATH as an override.
#![allow(dead_code, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use wbot_core::memory::MemoryConfig;
use wbot_core::profile::{NewProfile, OnboardingAnswers};
use wbot_core::{Core, ProfileId};

pub fn resources() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../src-tauri/resources")
}

pub fn config() -> MemoryConfig {
    let mut config = MemoryConfig::from_resource_dir(&resources());
    if let Some(p) = std::env::var_os("ORT_DYLIB_PATH") {
        config.runtime_path = PathBuf::from(p);
    }
    assert!(
        config.runtime_path.is_file() && config.model_dir.join("model.onnx").is_file(),
        "the memory model assets are missing: run scripts/fetch-assets"
    );
    config.save_delay = Duration::from_millis(100);
    config
}

pub async fn open(dir: &Path) -> Core {
    open_with(dir, config()).await
}

pub async fn open_with(dir: &Path, config: MemoryConfig) -> Core {
    let core = Core::open(dir).await.expect("core opens");
    core.memory().configure(config).await;
    core
}

pub async fn profile(core: &Core, name: &str) -> ProfileId {
    core.profiles()
        .create_profile(NewProfile {
            display_name: name.into(),
            onboarding: OnboardingAnswers::neutral(),
        })
        .await
        .expect("profile created")
        .id
}

pub fn index_file(dir: &Path, profile_id: &ProfileId) -> PathBuf {
    dir.join("index").join(format!("{profile_id}.usearch"))
}

/// Fails when any file under `dir` (the database, its WAL, the indexes) still holds one of `gone`.
pub fn assert_no_trace(dir: &Path, gone: &[&str]) {
    let mut paths = vec![dir.to_path_buf()];
    while let Some(path) = paths.pop() {
        if path.is_dir() {
            let entries = std::fs::read_dir(&path).expect("read folder");
            paths.extend(entries.flatten().map(|e| e.path()));
            continue;
        }
        let bytes = std::fs::read(&path).expect("read file");
        for word in gone {
            let found = bytes.windows(word.len()).any(|w| w == word.as_bytes());
            assert!(!found, "{} still holds {word:?}", path.display());
        }
    }
}
