//! Breathing runner jitter: runs the real-time runner over short phases and measures when each
//! event reaches the callback against the ideal schedule.
//!
//! `cargo run -p wbot-cli --bin breathing_jitter -- [seconds]` (default 60).

use std::sync::{Arc, Mutex};

use tokio::time::Instant;
use wbot_core::breathing::{Pattern, Session, SessionConfig, SessionEvent};
use wbot_core::runner::{SessionRunner, TICK_PERIOD};

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len().max(1) as f64
}

fn summary(name: &str, mut lateness_ms: Vec<f64>) -> String {
    // In emission order: the first and last quarters show whether lateness accumulates.
    let quarter = lateness_ms.len() / 4;
    let first = mean(&lateness_ms[..quarter]);
    let last = mean(&lateness_ms[lateness_ms.len() - quarter..]);
    lateness_ms.sort_by(f64::total_cmp);
    let early = lateness_ms.iter().filter(|v| **v < 0.0).count();
    format!(
        "| {name} | {} | {:.3} | {:.3} | {:.3} | {:.3} | {early} | {first:.3} | {last:.3} |",
        lateness_ms.len(),
        percentile(&lateness_ms, 0.5),
        percentile(&lateness_ms, 0.99),
        lateness_ms.last().copied().unwrap_or(f64::NAN),
        lateness_ms.first().copied().unwrap_or(f64::NAN),
    )
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let seconds: u32 = std::env::args()
        .nth(1)
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(60);
    // 0.3 + 0.2 + 0.3 + 0.2 = 1 s a cycle: four phase changes a second. A pattern holds at most
    // 50 cycles, so longer runs are split into back-to-back sessions.
    let rounds = seconds.max(1).div_ceil(50);
    let pattern = Pattern {
        inhale_s: 0.3,
        hold_s: 0.2,
        exhale_s: 0.3,
        hold_after_s: 0.2,
        cycles: seconds.max(1).div_ceil(rounds),
    };
    let mut phase_late = Vec::new();
    let mut tick_late = Vec::new();
    for _ in 0..rounds {
        let seen: Arc<Mutex<Vec<(Instant, SessionEvent)>>> = Arc::default();
        let sink = seen.clone();
        let runner = SessionRunner::start(
            Session::new(SessionConfig::Custom(pattern), std::time::Duration::ZERO)
                .expect("valid config"),
            move |event| {
                let at = Instant::now();
                if let Ok(mut seen) = sink.lock() {
                    seen.push((at, event));
                }
            },
            None,
        )?;
        let origin = runner.origin();
        runner.finish().await?;
        let seen = seen.lock().map_err(|_| "poisoned")?.clone();
        for (at, event) in &seen {
            let since = at.duration_since(origin).as_secs_f64() * 1000.0;
            match event {
                // The first phase starts with the session: there is no deadline to be late for.
                SessionEvent::PhaseChanged(c) if c.started_at_ms > 0.0 => {
                    phase_late.push(since - c.started_at_ms);
                }
                SessionEvent::Completed(done) => {
                    phase_late.push(since - done.stats.active_ms);
                }
                SessionEvent::Tick(_) => {
                    // Ticks fall on a fixed 100 ms grid from the start; lateness is the offset
                    // past the grid point the tick was due at.
                    let period = TICK_PERIOD.as_secs_f64() * 1000.0;
                    let late = since % period;
                    if since >= period {
                        tick_late.push(late);
                    }
                }
                _ => {}
            }
        }
    }
    println!("Breathing runner, {seconds} s of 0.3/0.2/0.3/0.2 s phases, lateness in ms (event at callback − ideal):");
    println!(
        "| events | n | p50 | p99 | max | min | early | mean, first quarter | mean, last quarter |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    println!("{}", summary("phase changes + completion", phase_late));
    println!("{}", summary("ticks (100 ms grid)", tick_late));
    Ok(())
}
