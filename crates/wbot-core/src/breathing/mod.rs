//! Guided breathing (SPEC §4): techniques and their settings, the session state machine, its
//! real-time runner, the Wim Hof safety gate, saved sessions with their statistics, and which
//! vibration each session event calls for on mobile.

pub mod clock;
mod config;
mod engine;
pub mod haptics;
mod live;
mod runner;
mod safety;
mod store;

pub use clock::{Clock, SystemClock, VirtualClock};
pub use config::*;
pub use engine::*;
pub use live::*;
pub use runner::*;
pub use safety::*;
pub use store::*;
