import { useCallback, useReducer, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import {
  toBackendError,
  useBackend,
  type BackendError,
  type BreathingSession,
  type LiveBreathing,
  type PhaseChange,
  type SessionEvent,
  type SessionStats,
  type StartBreathing,
} from "../../../lib/backend";
import { breathingKeys } from "./queries";

/** What the session screens show, folded from the session's events. */
export interface RunView {
  live: LiveBreathing | null;
  phase: PhaseChange | null;
  /** Time left in the phase; null when the person ends it (manual breath, retention). */
  remainingMs: number | null;
  /** Time in the phase so far, pauses excluded (the retention stopwatch). */
  elapsedMs: number;
  paused: boolean;
  /** Retention of each round released so far, in order. */
  retentions: number[];
  ended: { completed: boolean; stats: SessionStats } | null;
}

const INITIAL: RunView = {
  live: null,
  phase: null,
  remainingMs: null,
  elapsedMs: 0,
  paused: false,
  retentions: [],
  ended: null,
};

type Action =
  | { type: "event"; event: SessionEvent }
  | { type: "started"; live: LiveBreathing }
  | { type: "reset" };

function reduce(state: RunView, action: Action): RunView {
  if (action.type === "reset") return INITIAL;
  if (action.type === "started") return { ...state, live: action.live };
  const { event } = action;
  switch (event.kind) {
    case "phaseChanged": {
      const retentions =
        state.phase?.phase === "retention"
          ? [...state.retentions, state.elapsedMs]
          : state.retentions;
      return {
        ...state,
        phase: event,
        remainingMs: event.durationMs,
        elapsedMs: 0,
        retentions,
      };
    }
    case "tick":
      return {
        ...state,
        remainingMs: event.remainingMs,
        elapsedMs: event.elapsedMs ?? state.elapsedMs,
        paused: event.paused,
      };
    case "paused":
      return { ...state, paused: true };
    case "resumed":
      return { ...state, paused: false };
    case "completed":
      return { ...state, paused: false, ended: { completed: true, stats: event.stats } };
    case "stopped":
      return { ...state, paused: false, ended: { completed: false, stats: event.stats } };
  }
}

type Control = "pause" | "resume" | "stop" | "tap" | "release";

/** Starts, steers and finishes one breathing session at a time for a profile. */
export function useBreathingRun(profileId: string) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  const [view, dispatch] = useReducer(reduce, INITIAL);
  const [error, setError] = useState<BackendError | null>(null);
  const [pending, setPending] = useState<"start" | "finish" | Control | null>(null);
  // Events of a run the screen has moved on from are dropped.
  const generation = useRef(0);

  const start = useCallback(
    async (input: StartBreathing) => {
      const mine = ++generation.current;
      dispatch({ type: "reset" });
      setError(null);
      setPending("start");
      try {
        const live = await backend.startBreathing(profileId, input, (event) => {
          if (generation.current === mine) dispatch({ type: "event", event });
        });
        if (generation.current === mine) dispatch({ type: "started", live });
      } catch (e) {
        setError(toBackendError(e));
      } finally {
        setPending(null);
      }
    },
    [backend, profileId],
  );

  const runId = view.live?.runId;

  const control = useCallback(
    /** Resolves true once the session applied it (false: the error is in `error`). */
    async (what: Control): Promise<boolean> => {
      if (runId === undefined) return false;
      setError(null);
      setPending(what);
      const call = {
        pause: (p: string, r: string) => backend.pauseBreathing(p, r),
        resume: (p: string, r: string) => backend.resumeBreathing(p, r),
        stop: (p: string, r: string) => backend.stopBreathing(p, r),
        tap: (p: string, r: string) => backend.tapBreath(p, r),
        release: (p: string, r: string) => backend.releaseRetention(p, r),
      }[what];
      try {
        await call(profileId, runId);
        return true;
      } catch (e) {
        setError(toBackendError(e));
        return false;
      } finally {
        setPending(null);
      }
    },
    [backend, profileId, runId],
  );

  const finish = useCallback(
    async (moodAfter: number | null): Promise<BreathingSession | null> => {
      if (runId === undefined) return null;
      setError(null);
      setPending("finish");
      try {
        const saved = await backend.finishBreathing(profileId, runId, moodAfter);
        await queryClient.invalidateQueries({ queryKey: breathingKeys.all(profileId) });
        return saved;
      } catch (e) {
        setError(toBackendError(e));
        return null;
      } finally {
        setPending(null);
      }
    },
    [backend, profileId, queryClient, runId],
  );

  const reset = useCallback(() => {
    generation.current++;
    dispatch({ type: "reset" });
    setError(null);
  }, []);

  return { profileId, view, error, pending, start, control, finish, reset };
}

export type BreathingRun = ReturnType<typeof useBreathingRun>;
