//! Runs a [`Session`] in real time on a tokio task: it sleeps until the next deadline of the
//! schedule (computed from one start instant, never from accumulated intervals), sends events
//! through a callback, takes commands over a channel, and hands the audio engine the cues the
//! schedule fixes so they are placed in samples ahead of time.

use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;
use tokio::time::Instant;

use super::config::SessionConfig;
use super::engine::{Session, SessionEvent, SessionSummary};
use crate::audio::PlannedCue;
use crate::db::{local_now_rfc3339, now_rfc3339};
use crate::error::{CoreError, Reason, Result};

/// How often the runner sends a [`SessionEvent::Tick`].
pub const TICK_PERIOD: Duration = Duration::from_millis(100);

/// What the user can do to a running session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum RunnerCommand {
    Pause,
    Resume,
    Stop,
    /// Manual Wim Hof pacing: one breath done.
    Tap,
    /// End the Wim Hof retention.
    Release,
}

/// Receives a session's cues ahead of time (the audio engine implements it).
pub trait CueSink: Send + Sync {
    /// The session started at `origin` (its time 0): a cue at `at_ms` sounds at `origin + at_ms`.
    fn session_started(&self, origin: std::time::Instant);
    /// Replaces every cue not yet played with `cues` (session-clock ms).
    fn plan(&self, cues: &[PlannedCue]);
    /// The session is over; drop pending cues.
    fn session_ended(&self);
}

/// A finished run: what happened and when (wall clock), ready to save.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RunOutcome {
    pub summary: SessionSummary,
    /// RFC 3339.
    pub started_at: String,
    /// RFC 3339.
    pub ended_at: String,
}

type Envelope = (RunnerCommand, oneshot::Sender<Result<()>>);

/// A session running in real time.
#[derive(Debug)]
pub struct SessionRunner {
    commands: mpsc::UnboundedSender<Envelope>,
    task: JoinHandle<RunOutcome>,
    origin: Instant,
}

impl SessionRunner {
    /// Validates `config` and starts the session now on the current tokio runtime. Events go to
    /// `on_event` in order; dropping the runner stops the session.
    pub fn start<F>(
        config: SessionConfig,
        on_event: F,
        cues: Option<Arc<dyn CueSink>>,
    ) -> Result<Self>
    where
        F: FnMut(SessionEvent) + Send + 'static,
    {
        let runtime = tokio::runtime::Handle::try_current()
            .map_err(|_| CoreError::internal("a breathing session needs the async runtime"))?;
        let origin = Instant::now();
        let session = Session::new(config, Duration::ZERO)?;
        let (tx, rx) = mpsc::unbounded_channel();
        let task = runtime.spawn(run(session, origin, rx, on_event, cues));
        Ok(Self {
            commands: tx,
            task,
            origin,
        })
    }

    /// The instant the session started: every `startedAtMs` counts from it.
    pub fn origin(&self) -> Instant {
        self.origin
    }

    /// Sends a command and waits until the session has applied it.
    pub async fn command(&self, command: RunnerCommand) -> Result<()> {
        self.control().command(command).await
    }

    /// A handle that can send commands while someone else owns the runner (and may finish it).
    pub fn control(&self) -> SessionControl {
        SessionControl {
            commands: self.commands.clone(),
        }
    }

    /// Pauses the session.
    pub async fn pause(&self) -> Result<()> {
        self.command(RunnerCommand::Pause).await
    }

    /// Resumes a paused session.
    pub async fn resume(&self) -> Result<()> {
        self.command(RunnerCommand::Resume).await
    }

    /// Stops the session early.
    pub async fn stop(&self) -> Result<()> {
        self.command(RunnerCommand::Stop).await
    }

    /// Manual Wim Hof pacing: one breath done.
    pub async fn tap(&self) -> Result<()> {
        self.command(RunnerCommand::Tap).await
    }

    /// Ends the Wim Hof retention.
    pub async fn release(&self) -> Result<()> {
        self.command(RunnerCommand::Release).await
    }

    /// True once the session has completed or stopped.
    pub fn is_finished(&self) -> bool {
        self.task.is_finished()
    }

    /// Waits for the session to end and returns what happened.
    pub async fn finish(self) -> Result<RunOutcome> {
        self.task
            .await
            .map_err(|e| CoreError::internal(format!("the breathing session task failed ({e})")))
    }
}

/// Sends commands to a running session; cheap to clone. A session stops once the runner and
/// every control are dropped, so hold a control only while sending.
#[derive(Debug, Clone)]
pub struct SessionControl {
    commands: mpsc::UnboundedSender<Envelope>,
}

impl SessionControl {
    /// Sends a command and waits until the session has applied it.
    pub async fn command(&self, command: RunnerCommand) -> Result<()> {
        let (reply, answer) = oneshot::channel();
        self.commands
            .send((command, reply))
            .map_err(|_| CoreError::new(Reason::SessionEnded))?;
        answer
            .await
            .map_err(|_| CoreError::new(Reason::SessionEnded))?
    }
}

async fn run<F>(
    mut session: Session,
    origin: Instant,
    mut commands: mpsc::UnboundedReceiver<Envelope>,
    mut on_event: F,
    cues: Option<Arc<dyn CueSink>>,
) -> RunOutcome
where
    F: FnMut(SessionEvent) + Send + 'static,
{
    // In the device's offset: the session's day is where the person breathed.
    let started_at = local_now_rfc3339();
    let now = move || origin.elapsed();
    let plan = |session: &Session| {
        if let Some(sink) = &cues {
            sink.plan(&session.planned_cues());
        }
    };
    if let Some(sink) = &cues {
        sink.session_started(origin.into_std());
    }
    for event in session.advance(now()) {
        on_event(event);
    }
    plan(&session);
    if let Some(tick) = session.tick(now()) {
        on_event(tick);
    }
    while !session.is_finished() {
        let elapsed = now();
        let tick_at = (!session.is_paused()).then(|| next_tick(elapsed));
        let wake = match (session.next_deadline(), tick_at) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        tokio::select! {
            biased;
            received = commands.recv() => {
                let Some((command, reply)) = received else {
                    // Nobody can control the session any more: end it rather than run unseen.
                    for event in session.stop(now()) {
                        on_event(event);
                    }
                    break;
                };
                let t = now();
                let result = match command {
                    RunnerCommand::Pause => Ok(session.pause(t)),
                    RunnerCommand::Resume => Ok(session.resume(t)),
                    RunnerCommand::Stop => Ok(session.stop(t)),
                    RunnerCommand::Tap => session.breath_tap(t),
                    RunnerCommand::Release => session.release(t),
                };
                let reply_result = match result {
                    Ok(events) => {
                        for event in events {
                            on_event(event);
                        }
                        plan(&session);
                        Ok(())
                    }
                    Err(e) => Err(e),
                };
                let _ = reply.send(reply_result);
            }
            () = sleep_until_opt(wake.map(|w| origin + w)) => {
                let t = now();
                let events = session.advance(t);
                let changed = !events.is_empty();
                for event in events {
                    on_event(event);
                }
                if changed {
                    // A new user-ended phase (or a late wake) can change what is fixed ahead.
                    plan(&session);
                }
                if tick_at.is_some_and(|at| t >= at) {
                    if let Some(tick) = session.tick(t) {
                        on_event(tick);
                    }
                }
            }
        }
    }
    if let Some(sink) = &cues {
        sink.session_ended();
    }
    RunOutcome {
        summary: session.summary(),
        started_at,
        ended_at: now_rfc3339(),
    }
}

/// The first tick of the fixed grid (every [`TICK_PERIOD`] from the start) after `elapsed`.
fn next_tick(elapsed: Duration) -> Duration {
    let period = TICK_PERIOD.as_nanos();
    let k = elapsed.as_nanos() / period + 1;
    Duration::from_nanos(u64::try_from(k * period).unwrap_or(u64::MAX))
}

async fn sleep_until_opt(deadline: Option<Instant>) {
    match deadline {
        Some(deadline) => tokio::time::sleep_until(deadline).await,
        None => std::future::pending().await,
    }
}
