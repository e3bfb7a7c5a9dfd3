//! Where the memory model and ONNX Runtime are found, one rule for the app and the command line: the
//! bundle's resource directory in an installed app, the environment, or the repository's
//! `src-tauri/resources` in development.

use std::path::{Path, PathBuf};

use super::MemoryConfig;

/// The model file whose presence marks a resource directory as usable.
const MODEL_FILE: &str = "models/multilingual-e5-small/model.onnx";

/// The environment variables that place the model and runtime, as seen at start.
#[derive(Debug, Default, Clone)]
pub struct EnvPaths {
    /// `WBOT_RESOURCE_DIR`: an explicit resource directory (tests, portable use); it wins.
    pub resource_dir: Option<PathBuf>,
    /// `ORT_DYLIB_PATH`: the ONNX Runtime library (scripts/lib.sh sets it in development).
    pub runtime: Option<PathBuf>,
    /// `WBOT_MODEL_DIR`: the model folder.
    pub model_dir: Option<PathBuf>,
}

impl EnvPaths {
    /// The variables of this process, in a debug build; none in a release build (loading a native
    /// library named by the environment would let any program that sets it run code inside Wbot).
    pub fn from_process() -> Self {
        if !cfg!(debug_assertions) {
            return Self::default();
        }
        Self {
            resource_dir: std::env::var_os("WBOT_RESOURCE_DIR").map(PathBuf::from),
            runtime: std::env::var_os("ORT_DYLIB_PATH").map(PathBuf::from),
            model_dir: std::env::var_os("WBOT_MODEL_DIR").map(PathBuf::from),
        }
    }
}

fn has_model(dir: &Path) -> bool {
    dir.join(MODEL_FILE).is_file()
}

impl MemoryConfig {
    /// The memory configuration to use, and where it came from (for the log).
    ///
    /// Order: `WBOT_RESOURCE_DIR`; the bundle's resource directory when it holds the model (an installed
    /// app must not pick up a stray `ORT_DYLIB_PATH` meant for other software); the environment; then the
    /// repository's resources for whatever the environment left unset.
    pub fn resolve(
        bundle_dir: Option<&Path>,
        dev_dir: Option<&Path>,
        env: &EnvPaths,
    ) -> (Self, &'static str) {
        if let Some(dir) = &env.resource_dir {
            return (Self::from_resource_dir(dir), "WBOT_RESOURCE_DIR");
        }
        if let Some(dir) = bundle_dir.filter(|d| has_model(d)) {
            let mut config = Self::from_resource_dir(dir);
            // A bundle always carries both; a half-copied one still works with a runtime from the environment.
            if !config.runtime_path.is_file() {
                if let Some(runtime) = &env.runtime {
                    config.runtime_path = runtime.clone();
                }
            }
            return (config, "bundle resources");
        }
        let dev = dev_dir
            .filter(|d| has_model(d))
            .map(Self::from_resource_dir);
        let mut config = Self::default();
        let mut source = "environment";
        match &env.runtime {
            Some(runtime) => config.runtime_path = runtime.clone(),
            None => {
                if let Some(dev) = &dev {
                    config.runtime_path = dev.runtime_path.clone();
                    source = "repository resources";
                }
            }
        }
        match &env.model_dir {
            Some(model_dir) => config.model_dir = model_dir.clone(),
            None => {
                if let Some(dev) = &dev {
                    config.model_dir = dev.model_dir.clone();
                    source = "repository resources";
                }
            }
        }
        (config, source)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)] // a failing test should panic
mod tests {
    use super::*;

    fn resources(with_runtime: bool) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let model = dir.path().join(MODEL_FILE);
        std::fs::create_dir_all(model.parent().unwrap()).unwrap();
        std::fs::write(&model, b"onnx").unwrap();
        if with_runtime {
            let runtime = MemoryConfig::from_resource_dir(dir.path()).runtime_path;
            std::fs::create_dir_all(runtime.parent().unwrap()).unwrap();
            std::fs::write(runtime, b"so").unwrap();
        }
        dir
    }

    #[test]
    fn the_bundle_wins_over_a_stray_runtime_variable() {
        let bundle = resources(true);
        let env = EnvPaths {
            runtime: Some("/elsewhere/libonnxruntime.so".into()),
            ..EnvPaths::default()
        };
        let (config, source) = MemoryConfig::resolve(Some(bundle.path()), None, &env);
        assert_eq!(config, MemoryConfig::from_resource_dir(bundle.path()));
        assert_eq!(source, "bundle resources");
    }

    #[test]
    fn a_bundle_without_its_runtime_borrows_the_environments() {
        let bundle = resources(false);
        let env = EnvPaths {
            runtime: Some("/ort/libonnxruntime.so".into()),
            ..EnvPaths::default()
        };
        let (config, _) = MemoryConfig::resolve(Some(bundle.path()), None, &env);
        assert_eq!(config.runtime_path, Path::new("/ort/libonnxruntime.so"));
        assert_eq!(
            config.model_dir,
            MemoryConfig::from_resource_dir(bundle.path()).model_dir
        );
    }

    #[test]
    fn an_explicit_resource_dir_wins() {
        let bundle = resources(true);
        let env = EnvPaths {
            resource_dir: Some("/r".into()),
            ..EnvPaths::default()
        };
        let (config, _) = MemoryConfig::resolve(Some(bundle.path()), None, &env);
        assert_eq!(config, MemoryConfig::from_resource_dir(Path::new("/r")));
    }

    #[test]
    fn development_fills_what_the_environment_leaves_unset() {
        let dev = resources(true);
        let empty = tempfile::tempdir().unwrap();
        let env = EnvPaths {
            runtime: Some("/ort/libonnxruntime.so".into()),
            ..EnvPaths::default()
        };
        let (config, _) = MemoryConfig::resolve(Some(empty.path()), Some(dev.path()), &env);
        assert_eq!(config.runtime_path, Path::new("/ort/libonnxruntime.so"));
        assert_eq!(
            config.model_dir,
            MemoryConfig::from_resource_dir(dev.path()).model_dir
        );

        let (config, source) = MemoryConfig::resolve(None, Some(dev.path()), &EnvPaths::default());
        assert_eq!(config, MemoryConfig::from_resource_dir(dev.path()));
        assert_eq!(source, "repository resources");
    }

    #[test]
    fn nothing_found_leaves_the_paths_empty() {
        let (config, source) = MemoryConfig::resolve(None, None, &EnvPaths::default());
        assert_eq!(config, MemoryConfig::default());
        assert_eq!(source, "environment");
    }
}
