//! Monotonic time for sessions: a real clock for the app, a virtual one for tests.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// A monotonic clock: time since its own origin.
pub trait Clock: Send + Sync {
    /// Time elapsed since the clock's origin; never goes backwards.
    fn now(&self) -> Duration;
}

/// The real monotonic clock, from [`Instant`].
#[derive(Debug, Clone, Copy)]
pub struct SystemClock {
    origin: Instant,
}

impl SystemClock {
    /// A clock whose origin is now.
    pub fn new() -> Self {
        Self {
            origin: Instant::now(),
        }
    }

    /// A clock with a given origin.
    pub fn with_origin(origin: Instant) -> Self {
        Self { origin }
    }

    /// The instant this clock counts from.
    pub fn origin(&self) -> Instant {
        self.origin
    }
}

impl Default for SystemClock {
    fn default() -> Self {
        Self::new()
    }
}

impl Clock for SystemClock {
    fn now(&self) -> Duration {
        self.origin.elapsed()
    }
}

/// A clock that moves only when told to (for tests); nanosecond resolution.
#[derive(Debug, Default)]
pub struct VirtualClock {
    nanos: AtomicU64,
}

impl VirtualClock {
    /// A clock at zero.
    pub fn new() -> Self {
        Self::default()
    }

    /// Moves the clock forward by `by`.
    pub fn advance(&self, by: Duration) -> Duration {
        let by = u64::try_from(by.as_nanos()).unwrap_or(u64::MAX);
        Duration::from_nanos(
            self.nanos
                .fetch_add(by, Ordering::SeqCst)
                .saturating_add(by),
        )
    }

    /// Sets the clock to `to` (ignored if that would go backwards).
    pub fn set(&self, to: Duration) {
        let to = u64::try_from(to.as_nanos()).unwrap_or(u64::MAX);
        self.nanos.fetch_max(to, Ordering::SeqCst);
    }
}

impl Clock for VirtualClock {
    fn now(&self) -> Duration {
        Duration::from_nanos(self.nanos.load(Ordering::SeqCst))
    }
}
