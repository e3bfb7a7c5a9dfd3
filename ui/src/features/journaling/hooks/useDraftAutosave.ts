import { useCallback, useEffect, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useBackend, type JournalDraft } from "../../../lib/backend";
import { journalKeys } from "./queries";

/** The draft is saved this long after the last change (well within the 2 s the issue allows). */
export const DRAFT_DEBOUNCE_MS = 1_000;

export type DraftStatus = "idle" | "saving" | "saved" | "failed";

/**
 * Keeps the draft being written: saved DRAFT_DEBOUNCE_MS after the last change, and at once on blur
 * (`flush`), when the editor closes and, best effort, when the window is closed. Saves run one after
 * another, so an older draft never lands after a newer one; `stop` waits for them and ends autosaving
 * (before the entry itself is saved, which discards the draft in the core).
 */
export function useDraftAutosave(profileId: string) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<DraftStatus>("idle");
  const latest = useRef<JournalDraft | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // Each link resolves with whether the draft is safe: its save worked, or there was nothing to save.
  const queue = useRef<Promise<boolean>>(Promise.resolve(true));
  const stopped = useRef(false);

  /**
   * Saves what changed, after the saves already queued (so a draft whose save failed is tried again
   * here); resolves with whether the draft is saved.
   */
  const flush = useCallback((): Promise<boolean> => {
    clearTimeout(timer.current);
    queue.current = queue.current.then(async (safe) => {
      const draft = latest.current;
      if (draft === null || stopped.current) return safe;
      latest.current = null;
      setStatus("saving");
      try {
        const saved = await backend.saveJournalDraft(profileId, draft);
        setStatus("saved");
        queryClient.setQueryData(journalKeys.draft(profileId), saved);
        return true;
      } catch {
        // Kept to be tried again by the next change or flush, unless something newer came.
        latest.current ??= draft;
        setStatus("failed");
        return false;
      }
    });
    return queue.current;
  }, [backend, queryClient, profileId]);

  /** Something changed: save this draft once the changes pause. */
  const changed = useCallback(
    (draft: JournalDraft) => {
      if (stopped.current) return;
      latest.current = draft;
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        void flush();
      }, DRAFT_DEBOUNCE_MS);
    },
    [flush],
  );

  /** No more autosaves; resolves when the ones under way have finished. */
  const stop = useCallback(async () => {
    clearTimeout(timer.current);
    stopped.current = true;
    latest.current = null;
    await queue.current;
  }, []);

  /** Autosaves again (after a failed save of the entry), saving `draft` now. */
  const resume = useCallback(
    (draft: JournalDraft) => {
      stopped.current = false;
      latest.current = draft;
      void flush();
    },
    [flush],
  );

  useEffect(() => {
    const onUnload = () => {
      void flush();
    };
    window.addEventListener("beforeunload", onUnload);
    return () => {
      window.removeEventListener("beforeunload", onUnload);
      void flush();
    };
  }, [flush]);

  return { status, changed, flush, stop, resume };
}
