//! Runs a timed session (a breathing [`crate::breathing::Session`], a meditation
//! [`crate::meditation::Timer`]) in real time on a tokio task: it sleeps until the next deadline
//! of the schedule (computed from one start instant, never from accumulated intervals), sends
//! events through a callback, takes commands over a channel, and hands the audio engine the cues
//! the schedule fixes so they are placed in samples ahead of time.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;
use tokio::time::Instant;

use crate::audio::PlannedCue;
use crate::db::{local_now_rfc3339, now_rfc3339};
use crate::error::{CoreError, ErrorCode, Reason, Result};
use crate::ids::ProfileId;

/// How often the runner sends a session's tick event.
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

/// A session timed from one start instant, as the runner drives it: every method takes the
/// session clock (time since the start, pauses included).
pub trait Timed: Send + 'static {
    /// What the session tells its listener.
    type Event: Send + 'static;
    /// What is saved once it ends.
    type Summary: Send + 'static;
    /// Moves to `now`, returning what happened on the way.
    fn advance(&mut self, now: Duration) -> Vec<Self::Event>;
    /// The next instant something happens (None while paused or finished).
    fn next_deadline(&self) -> Option<Duration>;
    /// Where the session is now, for a progress display (None when there is nothing to show).
    fn tick(&self, now: Duration) -> Option<Self::Event>;
    fn is_finished(&self) -> bool;
    fn is_paused(&self) -> bool;
    /// Applies what the person did; a command the session cannot take is a typed error.
    fn apply(&mut self, command: RunnerCommand, now: Duration) -> Result<Vec<Self::Event>>;
    /// The cues fixed from now on, in session-clock ms (empty while paused or finished).
    fn planned_cues(&self) -> Vec<PlannedCue>;
    fn summary(&self) -> Self::Summary;
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
pub struct RunOutcome<S> {
    pub summary: S,
    /// RFC 3339.
    pub started_at: String,
    /// RFC 3339.
    pub ended_at: String,
}

type Envelope = (RunnerCommand, oneshot::Sender<Result<()>>);

/// A session running in real time.
pub struct SessionRunner<S: Timed> {
    commands: mpsc::UnboundedSender<Envelope>,
    task: JoinHandle<RunOutcome<S::Summary>>,
    origin: Instant,
}

impl<S: Timed> std::fmt::Debug for SessionRunner<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionRunner")
            .field("origin", &self.origin)
            .field("finished", &self.task.is_finished())
            .finish()
    }
}

impl<S: Timed> SessionRunner<S> {
    /// Starts `session` (made at session time zero) now on the current tokio runtime. Events go
    /// to `on_event` in order; dropping the runner stops the session.
    pub fn start<F>(session: S, on_event: F, cues: Option<Arc<dyn CueSink>>) -> Result<Self>
    where
        F: FnMut(S::Event) + Send + 'static,
    {
        let runtime = tokio::runtime::Handle::try_current()
            .map_err(|_| CoreError::internal("a timed session needs the async runtime"))?;
        let origin = Instant::now();
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
    pub async fn finish(self) -> Result<RunOutcome<S::Summary>> {
        self.task
            .await
            .map_err(|e| CoreError::internal(format!("the session task failed ({e})")))
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

async fn run<S: Timed, F>(
    mut session: S,
    origin: Instant,
    mut commands: mpsc::UnboundedReceiver<Envelope>,
    mut on_event: F,
    cues: Option<Arc<dyn CueSink>>,
) -> RunOutcome<S::Summary>
where
    F: FnMut(S::Event) + Send + 'static,
{
    // In the device's offset: the session's day is where the person was.
    let started_at = local_now_rfc3339();
    let now = move || origin.elapsed();
    let plan = |session: &S| {
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
                    for event in session.apply(RunnerCommand::Stop, now()).unwrap_or_default() {
                        on_event(event);
                    }
                    break;
                };
                let reply_result = match session.apply(command, now()) {
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

/// A session running now for a profile, with the mood given before it.
pub struct Live<S: Timed> {
    pub profile_id: ProfileId,
    pub mood_before: Option<u8>,
    pub runner: SessionRunner<S>,
}

/// The sessions of one kind running now, by run id. A run id belongs to one profile; any other
/// profile gets nothing for it, as for a saved session.
pub struct LiveRuns<Id, S: Timed> {
    runs: Arc<Mutex<HashMap<Id, Live<S>>>>,
}

impl<Id, S: Timed> Clone for LiveRuns<Id, S> {
    fn clone(&self) -> Self {
        Self {
            runs: self.runs.clone(),
        }
    }
}

impl<Id, S: Timed> Default for LiveRuns<Id, S> {
    fn default() -> Self {
        Self {
            runs: Arc::default(),
        }
    }
}

impl<Id, S: Timed> std::fmt::Debug for LiveRuns<Id, S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let running = self.runs.lock().map_or(0, |runs| runs.len());
        f.debug_struct("LiveRuns")
            .field("running", &running)
            .finish()
    }
}

impl<Id: Clone + Eq + Hash, S: Timed> LiveRuns<Id, S> {
    fn lock(&self) -> MutexGuard<'_, HashMap<Id, Live<S>>> {
        // The map is only inserted into and removed from; a panic elsewhere cannot corrupt it.
        self.runs.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn insert(&self, id: Id, live: Live<S>) {
        self.lock().insert(id, live);
    }

    /// Removes and returns every run of `profile` (to end them before a new one starts).
    pub fn take_profile(&self, profile: &ProfileId) -> Vec<Live<S>> {
        let mut runs = self.lock();
        let ids: Vec<Id> = runs
            .iter()
            .filter(|(_, live)| &live.profile_id == profile)
            .map(|(id, _)| id.clone())
            .collect();
        ids.iter().filter_map(|id| runs.remove(id)).collect()
    }

    /// A control for run `id` when it belongs to `profile`.
    pub fn control(&self, profile: &ProfileId, id: &Id) -> Option<SessionControl> {
        match self.lock().get(id) {
            Some(live) if &live.profile_id == profile => Some(live.runner.control()),
            _ => None,
        }
    }

    /// Removes and returns run `id` when it belongs to `profile`.
    pub fn take(&self, profile: &ProfileId, id: &Id) -> Option<Live<S>> {
        let mut runs = self.lock();
        match runs.get(id) {
            Some(live) if &live.profile_id == profile => runs.remove(id),
            _ => None,
        }
    }

    /// Removes and returns every run (the app is closing).
    pub fn drain(&self) -> Vec<Live<S>> {
        self.lock().drain().map(|(_, live)| live).collect()
    }

    /// Whether `profile` has a run that has not ended yet.
    pub fn has_running(&self, profile: &ProfileId) -> bool {
        self.lock()
            .values()
            .any(|live| &live.profile_id == profile && !live.runner.is_finished())
    }

    /// How many runs there are (all profiles).
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.lock().is_empty()
    }
}

impl<S: Timed> Live<S> {
    /// Stops the run if it still goes, and returns what it did.
    pub async fn end(self) -> Result<(RunOutcome<S::Summary>, ProfileId, Option<u8>)> {
        if !self.runner.is_finished() {
            match self.runner.stop().await {
                // It ended between the check and the stop: what it did is still there to save.
                Ok(()) => {}
                Err(e) if e.code() == ErrorCode::Conflict => {}
                Err(e) => return Err(e),
            }
        }
        let outcome = self.runner.finish().await?;
        Ok((outcome, self.profile_id, self.mood_before))
    }
}
