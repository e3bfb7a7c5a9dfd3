import {
  BackendError,
  type Bell,
  type LiveMeditation,
  type MeditationHistory,
  type MeditationSession,
  type Page,
  type StartMeditation,
  type TimerConfig,
  type TimerEvent,
} from "../lib/backend";
import { checkMood, type FakeMood } from "./fakeMood";
import { pageLimit } from "./validation";

const MINUTE_MS = 60_000;
/** The most sessions one page of history holds, and how many when the page does not say. */
const MAX_PAGE = 100;
const DEFAULT_PAGE = 20;

/** A timer started on the fake: tests drive it with `FakeMeditation.emit`. */
export interface FakeTimerRun {
  profileId: string;
  runId: string;
  config: TimerConfig;
  moodBefore: number | null;
  onEvent: (event: TimerEvent) => void;
  /** The steering commands it received, in order. */
  calls: string[];
  startedAt: number;
  /** Time meditated so far, as the last event told it. */
  elapsedMs: number;
  ended: { completed: boolean; durationMs: number } | null;
}

/** The core's range check of a timer's minutes, with its error (the actual value in minutes). */
function checkMinutes(
  ms: number,
  subject: "meditation_length" | "bell_interval",
  min: number,
  max: number,
) {
  if (!Number.isInteger(ms) || ms < min * MINUTE_MS || ms > max * MINUTE_MS) {
    throw new BackendError("validation", "out_of_range", {
      subject,
      min,
      max,
      actual: ms / MINUTE_MS,
    });
  }
}

/** The core's bells of a timer: the start, each interval strictly inside it, the end. */
export function bellsOf(config: TimerConfig): Bell[] {
  const bells: Bell[] = [{ kind: "start", atMs: 0 }];
  const interval = config.intervalMs ?? 0;
  if (interval > 0) {
    for (let at = interval; at < config.plannedMs; at += interval) {
      bells.push({ kind: "interval", atMs: at });
    }
  }
  bells.push({ kind: "end", atMs: config.plannedMs });
  return bells;
}

function notRunning(runId: string): BackendError {
  return new BackendError("not_found", "not_found", {
    subject: "meditation_session",
    value: runId,
  });
}

/**
 * Meditation timers and their saved sessions for the fake backend, with the core's rules: the same
 * validation (length 1–180 minutes, bells every 1–30, moods 1–5: the mood after before the run),
 * not_found for another profile's or an unknown run or session, a timer the profile still had
 * running stopped and saved when it starts another, the moods stored as check-ins (and deleted with
 * their session). Nothing runs by itself: pause, resume and stop answer with their event at once,
 * and a test sends ticks, bells and the completion with `emit`.
 */
export class FakeMeditation {
  /** Timers started and not yet finished, in order; the last is the one running. */
  readonly runs: FakeTimerRun[] = [];
  /** Saved sessions, newest first, and whose they are. */
  readonly sessions: MeditationSession[] = [];
  readonly owner = new Map<string, string>();

  constructor(
    private readonly requireProfile: (profileId: string) => unknown,
    private readonly mood: FakeMood,
  ) {}

  /** The timer running now (the last started). */
  get run(): FakeTimerRun {
    const run = this.runs[this.runs.length - 1];
    if (run === undefined) throw new Error("no meditation timer was started");
    return run;
  }

  /** Sends an event to the running timer's listener, as the shell's channel would. */
  emit(event: TimerEvent) {
    const run = this.run;
    switch (event.kind) {
      case "tick":
      case "paused":
      case "resumed":
        run.elapsedMs = event.elapsedMs;
        break;
      case "completed":
        run.elapsedMs = event.durationMs;
        run.ended = { completed: true, durationMs: event.durationMs };
        break;
      case "stopped":
        run.elapsedMs = event.durationMs;
        run.ended = { completed: false, durationMs: event.durationMs };
        break;
      case "bell":
        break;
    }
    run.onEvent(event);
  }

  /** Adds a saved session directly (test set-up). */
  seed(profileId: string, session: Partial<MeditationSession> = {}): MeditationSession {
    const saved: MeditationSession = {
      id: crypto.randomUUID(),
      kind: "silent",
      plannedMs: 10 * MINUTE_MS,
      intervalMs: null,
      ambient: null,
      binaural: null,
      durationMs: 10 * MINUTE_MS,
      completed: true,
      startedAt: "2025-03-01T10:00:00Z",
      endedAt: "2025-03-01T10:10:00Z",
      moodBefore: null,
      moodAfter: null,
      ...session,
    };
    this.sessions.unshift(saved);
    this.owner.set(saved.id, profileId);
    this.mood.saveActivityMoods(
      profileId,
      "meditation",
      saved.id,
      saved.moodBefore === null ? null : { mood: saved.moodBefore, at: saved.startedAt },
      saved.moodAfter === null ? null : { mood: saved.moodAfter, at: saved.endedAt },
    );
    return saved;
  }

  start(
    profileId: string,
    input: StartMeditation,
    onEvent: (event: TimerEvent) => void,
  ): LiveMeditation {
    this.requireProfile(profileId);
    const { config } = input;
    checkMinutes(config.plannedMs, "meditation_length", 1, 180);
    if (config.intervalMs != null) checkMinutes(config.intervalMs, "bell_interval", 1, 30);
    checkMood(input.moodBefore, "mood_before");
    for (const abandoned of this.runs.filter((r) => r.profileId === profileId)) {
      this.save(abandoned, null);
    }
    const run: FakeTimerRun = {
      profileId,
      runId: crypto.randomUUID(),
      config,
      moodBefore: input.moodBefore,
      onEvent,
      calls: [],
      startedAt: Date.now(),
      elapsedMs: 0,
      ended: null,
    };
    this.runs.push(run);
    return { runId: run.runId, config, bells: bellsOf(config) };
  }

  private live(profileId: string, runId: string): FakeTimerRun {
    this.requireProfile(profileId);
    const run = this.runs.find((r) => r.runId === runId && r.profileId === profileId);
    if (run === undefined) throw notRunning(runId);
    return run;
  }

  /** Pauses, resumes or stops a running timer; its event is sent before the command answers. */
  control(profileId: string, runId: string, command: "pause" | "resume" | "stop") {
    const run = this.live(profileId, runId);
    if (run.ended !== null) throw new BackendError("conflict", "session_ended");
    run.calls.push(command);
    const elapsedMs = run.elapsedMs;
    switch (command) {
      case "pause":
        run.onEvent({ kind: "paused", elapsedMs });
        break;
      case "resume":
        run.onEvent({ kind: "resumed", elapsedMs });
        break;
      case "stop":
        run.ended = { completed: false, durationMs: elapsedMs };
        run.onEvent({ kind: "stopped", durationMs: elapsedMs });
        break;
    }
  }

  finish(profileId: string, runId: string, moodAfter: number | null): MeditationSession {
    this.requireProfile(profileId);
    checkMood(moodAfter, "mood_after");
    return this.save(this.live(profileId, runId), moodAfter);
  }

  /** One page of the profile's saved sessions, newest first (page size 1–100, default 20). */
  history(profileId: string, { limit, offset }: Page): MeditationHistory {
    this.requireProfile(profileId);
    const size = pageLimit(limit, DEFAULT_PAGE, MAX_PAGE);
    const own = this.sessions.filter((s) => this.owner.get(s.id) === profileId);
    return { items: own.slice(offset, offset + size), total: own.length };
  }

  /** Deletes a saved session of the profile, with its mood check-ins (not_found when not its own). */
  delete(profileId: string, sessionId: string) {
    this.requireProfile(profileId);
    const index = this.sessions.findIndex(
      (s) => s.id === sessionId && this.owner.get(s.id) === profileId,
    );
    if (index < 0) {
      throw new BackendError("not_found", "not_found", {
        subject: "meditation_session",
        value: sessionId,
      });
    }
    this.sessions.splice(index, 1);
    this.owner.delete(sessionId);
    this.mood.forgetActivity(sessionId);
  }

  /** Ends a run (stopped where it was, unless it had ended) and saves it. */
  private save(run: FakeTimerRun, moodAfter: number | null): MeditationSession {
    this.runs.splice(this.runs.indexOf(run), 1);
    const ended = run.ended ?? { completed: false, durationMs: run.elapsedMs };
    const endedAt = Math.max(Date.now(), run.startedAt + ended.durationMs);
    return this.seed(run.profileId, {
      plannedMs: run.config.plannedMs,
      intervalMs: run.config.intervalMs ?? null,
      ambient: run.config.ambient ?? null,
      binaural: run.config.binaural ?? null,
      durationMs: ended.durationMs,
      completed: ended.completed,
      startedAt: new Date(run.startedAt).toISOString(),
      endedAt: new Date(endedAt).toISOString(),
      moodBefore: run.moodBefore,
      moodAfter,
    });
  }
}
