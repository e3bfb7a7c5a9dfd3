//! Where the app looks for its bundled resources in development; the rule that picks the memory model
//! is the core's [`wbot_core::memory::MemoryConfig::resolve`].

use std::path::{Path, PathBuf};

/// The repository's resources, for debug builds run from a checkout (a plain `cargo build` has no
/// bundle next to it). Release builds never look at the build machine's paths.
pub fn dev_resource_dir() -> Option<PathBuf> {
    if cfg!(debug_assertions) {
        Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("resources"))
    } else {
        None
    }
}
