//! Haptics on mobile (SPEC §4): which vibration a session event calls for, and the timing of its
//! pulses. Pure and tested here; the shell's only part is the one call into the device's
//! vibrator for each pulse (`tauri-plugin-haptics`, mobile builds only).

use std::time::Duration;

use super::engine::{Phase, PhaseChange, SessionEvent};

/// What a vibration marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Haptic {
    /// A new phase: one 50 ms buzz.
    Phase,
    /// A new cycle or Wim Hof round: 50 ms buzz, 50 ms gap, three times.
    Cycle,
    /// The session is complete: 100, gap 50, 100, gap 50, 200 ms.
    Done,
}

/// One buzz of a pattern: when it starts (from the pattern's start) and how long it lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pulse {
    pub at_ms: u32,
    pub buzz_ms: u32,
}

impl Haptic {
    /// The pattern as the SPEC writes it: buzz, gap, buzz, gap, ... in ms.
    pub fn spec(self) -> &'static [u32] {
        match self {
            Self::Phase => &[50],
            Self::Cycle => &[50, 50, 50, 50, 50],
            Self::Done => &[100, 50, 100, 50, 200],
        }
    }

    /// The pulses to play: each buzz with its start, gaps left out.
    pub fn pulses(self) -> Vec<Pulse> {
        let mut at_ms = 0;
        let mut pulses = Vec::new();
        for (i, &ms) in self.spec().iter().enumerate() {
            if i % 2 == 0 {
                pulses.push(Pulse { at_ms, buzz_ms: ms });
            }
            at_ms += ms;
        }
        pulses
    }

    /// How long the whole pattern lasts.
    pub fn total(self) -> Duration {
        Duration::from_millis(self.spec().iter().map(|&ms| u64::from(ms)).sum())
    }

    /// Plays the pattern: `vibrate(ms)` for each buzz, each at its time from one start instant
    /// (sleeping until that deadline, never adding up waits, so a slow call does not shift the
    /// next buzz). Platforms without a vibrator pass a `vibrate` that does nothing.
    pub async fn play(self, mut vibrate: impl FnMut(u32)) {
        let start = tokio::time::Instant::now();
        for pulse in self.pulses() {
            tokio::time::sleep_until(start + Duration::from_millis(u64::from(pulse.at_ms))).await;
            vibrate(pulse.buzz_ms);
        }
    }
}

/// Follows one session's events and says which vibration each calls for. Mirrors the audio
/// cues: nothing for the first phase (the person just pressed Start), nothing for each paced Wim
/// Hof breath (every 1–3 s would be a constant buzz) or a breath the person tapped themselves,
/// nothing for a stop they asked for.
#[derive(Debug, Default, Clone)]
pub struct HapticCues {
    last: Option<PhaseChange>,
}

impl HapticCues {
    /// A tracker for a new session.
    pub fn new() -> Self {
        Self::default()
    }

    /// The vibration `event` calls for, if any.
    pub fn on_event(&mut self, event: &SessionEvent) -> Option<Haptic> {
        match event {
            SessionEvent::PhaseChanged(change) => {
                let previous = self.last.replace(change.clone())?;
                let group = |c: &PhaseChange| c.cycle.or(c.round);
                if group(change) != group(&previous) {
                    return Some(Haptic::Cycle);
                }
                match change.phase {
                    // Paced Wim Hof breaths (they carry a breath number), and manual ones.
                    Phase::Inhale | Phase::Exhale if change.breath.is_some() => None,
                    Phase::Breath => None,
                    _ => Some(Haptic::Phase),
                }
            }
            SessionEvent::Completed(_) => Some(Haptic::Done),
            SessionEvent::Tick(_)
            | SessionEvent::Paused(_)
            | SessionEvent::Resumed(_)
            | SessionEvent::Stopped(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_are_the_specs() {
        let p = |at_ms, buzz_ms| Pulse { at_ms, buzz_ms };
        assert_eq!(Haptic::Phase.pulses(), [p(0, 50)]);
        assert_eq!(Haptic::Cycle.pulses(), [p(0, 50), p(100, 50), p(200, 50)]);
        assert_eq!(Haptic::Done.pulses(), [p(0, 100), p(150, 100), p(300, 200)]);
        assert_eq!(Haptic::Cycle.total(), Duration::from_millis(250));
        assert_eq!(Haptic::Done.total(), Duration::from_millis(500));
    }

    #[tokio::test]
    async fn play_buzzes_in_order_never_early() {
        let start = std::time::Instant::now();
        let mut seen = Vec::new();
        Haptic::Done
            .play(|ms| seen.push((start.elapsed(), ms)))
            .await;
        let lengths: Vec<u32> = seen.iter().map(|&(_, ms)| ms).collect();
        assert_eq!(lengths, [100, 100, 200]);
        for ((at, _), pulse) in seen.iter().zip(Haptic::Done.pulses()) {
            assert!(
                *at >= Duration::from_millis(u64::from(pulse.at_ms)),
                "{at:?}"
            );
        }
        // Deadlines from one start: a loaded machine delays a buzz, never the whole pattern.
        assert!(start.elapsed() < Duration::from_secs(2));
    }
}
