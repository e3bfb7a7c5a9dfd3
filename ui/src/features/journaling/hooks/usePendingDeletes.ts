import { useCallback, useEffect, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useBackend } from "../../../lib/backend";
import { journalKeys } from "./queries";

/** How long a deleted entry can be brought back. */
export const UNDO_MS = 5_000;

export interface PendingDeletes {
  /** Entries hidden now and deleted when their time is up (oldest first). */
  pending: string[];
  /** Hides an entry and deletes it after UNDO_MS unless undone. */
  remove: (entryId: string) => void;
  /** Brings a hidden entry back; nothing was sent to the core. */
  undo: (entryId: string) => void;
  /** The deletion that failed last (the entry is shown again). */
  error: Error | null;
}

/**
 * Deletion with Undo: the entry disappears at once, but the delete command is sent only when the
 * Undo time is up or the page is left. Until then nothing is deleted, so closing the app in those
 * seconds loses nothing (the entry is simply still there).
 */
export function usePendingDeletes(profileId: string): PendingDeletes {
  const backend = useBackend();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<string[]>([]);
  const [error, setError] = useState<Error | null>(null);
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  const send = useCallback(
    (entryId: string) => {
      timers.current.delete(entryId);
      backend
        .deleteJournalEntry(profileId, entryId)
        .catch((failure: unknown) => {
          setError(failure instanceof Error ? failure : new Error(String(failure)));
        })
        .finally(() => {
          setPending((ids) => ids.filter((id) => id !== entryId));
          void queryClient.invalidateQueries({ queryKey: journalKeys.all(profileId) });
          void queryClient.invalidateQueries({ queryKey: ["mood", profileId] });
        });
    },
    [backend, queryClient, profileId],
  );

  const remove = useCallback(
    (entryId: string) => {
      if (timers.current.has(entryId)) return;
      setError(null);
      setPending((ids) => [...ids, entryId]);
      timers.current.set(
        entryId,
        setTimeout(() => {
          send(entryId);
        }, UNDO_MS),
      );
    },
    [send],
  );

  const undo = useCallback((entryId: string) => {
    const timer = timers.current.get(entryId);
    if (timer === undefined) return;
    clearTimeout(timer);
    timers.current.delete(entryId);
    setPending((ids) => ids.filter((id) => id !== entryId));
  }, []);

  // Leaving the page ends the Undo time: what is still pending is deleted now.
  useEffect(() => {
    const all = timers.current;
    return () => {
      for (const [entryId, timer] of all) {
        clearTimeout(timer);
        send(entryId);
      }
    };
  }, [send]);

  return { pending, remove, undo, error };
}
