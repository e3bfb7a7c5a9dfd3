//! The core's "now". Everything the core dates (sessions, check-ins, messages, streaks, reminders) reads
//! it here. Tests of the whole app run it on other days: in a debug build `WBOT_CLOCK_OFFSET_DAYS` (a
//! whole number, e.g. `-2`) moves this clock, as `WBOT_DATA_DIR` moves the data folder; a release build
//! reads the system clock only. Durations (session timing, timeouts) use monotonic `Instant`s instead.

use std::sync::OnceLock;

use time::{Duration, OffsetDateTime};

/// The environment variable a debug build takes its offset from.
pub const OFFSET_ENV: &str = "WBOT_CLOCK_OFFSET_DAYS";

/// Now, in UTC.
pub fn now_utc() -> OffsetDateTime {
    OffsetDateTime::now_utc() + offset()
}

fn offset() -> Duration {
    static OFFSET: OnceLock<Duration> = OnceLock::new();
    *OFFSET.get_or_init(|| {
        if !cfg!(debug_assertions) {
            return Duration::ZERO;
        }
        match std::env::var(OFFSET_ENV) {
            Ok(days) => match parse_days(&days) {
                Some(offset) => {
                    tracing::warn!(days = %days, "the clock is moved (a debug build's test setting)");
                    offset
                }
                None => {
                    tracing::warn!("{OFFSET_ENV} is not a whole number of days; ignored");
                    Duration::ZERO
                }
            },
            Err(_) => Duration::ZERO,
        }
    })
}

/// A whole number of days, within ten years either way.
fn parse_days(text: &str) -> Option<Duration> {
    let days: i64 = text.trim().parse().ok()?;
    (days.abs() <= 3653).then(|| Duration::days(days))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_offset_is_a_whole_number_of_days_within_ten_years() {
        assert_eq!(parse_days("-2"), Some(Duration::days(-2)));
        assert_eq!(parse_days(" 3 "), Some(Duration::days(3)));
        assert_eq!(parse_days("1.5"), None);
        assert_eq!(parse_days("yesterday"), None);
        assert_eq!(parse_days("100000"), None);
    }
}
