import { useCallback, useReducer, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import {
  toBackendError,
  useBackend,
  type BackendError,
  type Bell,
  type LiveMeditation,
  type MeditationSession,
  type StartMeditation,
  type TimerEvent,
} from "../../../lib/backend";
import { meditationKeys } from "./queries";

/** What the timer screens show, folded from the timer's events. */
export interface TimerView {
  live: LiveMeditation | null;
  /** Time left; the plan until the first tick. */
  remainingMs: number | null;
  /** Time meditated, pauses excluded. */
  elapsedMs: number;
  paused: boolean;
  /** The last bell that rang, and how many have (to replay its pulse). */
  lastBell: Bell | null;
  bellsRung: number;
  ended: { completed: boolean; durationMs: number } | null;
}

const INITIAL: TimerView = {
  live: null,
  remainingMs: null,
  elapsedMs: 0,
  paused: false,
  lastBell: null,
  bellsRung: 0,
  ended: null,
};

type Action =
  | { type: "event"; event: TimerEvent }
  | { type: "started"; live: LiveMeditation }
  | { type: "reset" };

function reduce(state: TimerView, action: Action): TimerView {
  if (action.type === "reset") return INITIAL;
  if (action.type === "started") {
    // Ticks may arrive before the command answers; they know better than the plan.
    return {
      ...state,
      live: action.live,
      remainingMs: state.remainingMs ?? action.live.config.plannedMs,
    };
  }
  const { event } = action;
  switch (event.kind) {
    case "bell":
      return { ...state, lastBell: event.bell, bellsRung: state.bellsRung + 1 };
    case "tick":
      return { ...state, elapsedMs: event.elapsedMs, remainingMs: event.remainingMs };
    case "paused":
      return { ...state, elapsedMs: event.elapsedMs, paused: true };
    case "resumed":
      return { ...state, elapsedMs: event.elapsedMs, paused: false };
    case "completed":
      return {
        ...state,
        elapsedMs: event.durationMs,
        remainingMs: 0,
        paused: false,
        ended: { completed: true, durationMs: event.durationMs },
      };
    case "stopped":
      return {
        ...state,
        elapsedMs: event.durationMs,
        paused: false,
        ended: { completed: false, durationMs: event.durationMs },
      };
  }
}

type Control = "pause" | "resume" | "stop";

/** Starts, steers and finishes one meditation timer at a time for a profile (the core runs it). */
export function useMeditationRun(profileId: string) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  const [view, dispatch] = useReducer(reduce, INITIAL);
  const [error, setError] = useState<BackendError | null>(null);
  const [pending, setPending] = useState<"start" | "finish" | Control | null>(null);
  // Events of a timer the screen has moved on from are dropped.
  const generation = useRef(0);

  const start = useCallback(
    /** Resolves true once the timer runs (false: the error is in `error`). */
    async (input: StartMeditation): Promise<boolean> => {
      const mine = ++generation.current;
      dispatch({ type: "reset" });
      setError(null);
      setPending("start");
      try {
        const live = await backend.startMeditation(profileId, input, (event) => {
          if (generation.current === mine) dispatch({ type: "event", event });
        });
        if (generation.current === mine) dispatch({ type: "started", live });
        return true;
      } catch (e) {
        setError(toBackendError(e));
        return false;
      } finally {
        setPending(null);
      }
    },
    [backend, profileId],
  );

  const runId = view.live?.runId;

  const control = useCallback(
    /** Resolves true once the timer applied it (false: the error is in `error`). */
    async (what: Control): Promise<boolean> => {
      if (runId === undefined) return false;
      setError(null);
      setPending(what);
      const call = {
        pause: (p: string, r: string) => backend.pauseMeditation(p, r),
        resume: (p: string, r: string) => backend.resumeMeditation(p, r),
        stop: (p: string, r: string) => backend.stopMeditation(p, r),
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
    async (moodAfter: number | null): Promise<MeditationSession | null> => {
      if (runId === undefined) return null;
      setError(null);
      setPending("finish");
      try {
        const saved = await backend.finishMeditation(profileId, runId, moodAfter);
        await queryClient.invalidateQueries({ queryKey: meditationKeys.all(profileId) });
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

export type MeditationRun = ReturnType<typeof useMeditationRun>;
