import { useEffect, useState } from "react";
import {
  keepPreviousData,
  skipToken,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { useBackend, type Progress } from "../../../lib/backend";

/** Memories per page of the list. */
export const MEMORY_PAGE = 20;
/** Search results shown. */
export const SEARCH_LIMIT = 20;
/** Typing pauses this long before a search runs. */
export const SEARCH_DEBOUNCE_MS = 250;

export const memoryKeys = {
  all: (profileId: string) => ["memory", profileId] as const,
  list: (profileId: string) => ["memory", profileId, "list"] as const,
  search: (profileId: string, query: string) => ["memory", profileId, "search", query] as const,
  status: (profileId: string) => ["memory", profileId, "status"] as const,
};

/** `value`, once it has stopped changing for `ms`. */
export function useDebouncedValue<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => {
      setSettled(value);
    }, ms);
    return () => {
      clearTimeout(timer);
    };
  }, [value, ms]);
  return settled;
}

export function useMemoryList(profileId: string) {
  const backend = useBackend();
  return useInfiniteQuery({
    queryKey: memoryKeys.list(profileId),
    queryFn: ({ pageParam }) =>
      backend.listMemories(profileId, { limit: MEMORY_PAGE, offset: pageParam }),
    initialPageParam: 0,
    getNextPageParam: (last) => last.nextOffset ?? undefined,
  });
}

/** Results for `query` (already debounced); idle while it is blank. Keeps the last results while the next load. */
export function useMemorySearch(profileId: string, query: string) {
  const backend = useBackend();
  const trimmed = query.trim();
  return useQuery({
    queryKey: memoryKeys.search(profileId, trimmed),
    queryFn:
      trimmed === ""
        ? skipToken
        : () =>
            // No floor: the best memories there are always show (the chat's recall keeps one).
            backend.searchMemories(profileId, trimmed, {
              limit: SEARCH_LIMIT,
              minSimilarity: null,
            }),
    placeholderData: keepPreviousData,
  });
}

export function useMemoryStatus(profileId: string) {
  const backend = useBackend();
  return useQuery({
    queryKey: memoryKeys.status(profileId),
    queryFn: () => backend.memoryStatus(profileId),
  });
}

function useInvalidateMemory(profileId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: memoryKeys.all(profileId) });
}

export function useAddMemory(profileId: string) {
  const backend = useBackend();
  const invalidate = useInvalidateMemory(profileId);
  return useMutation({
    mutationFn: (text: string) => backend.addMemory(profileId, text, null),
    onSuccess: invalidate,
  });
}

export function useUpdateMemory(profileId: string) {
  const backend = useBackend();
  const invalidate = useInvalidateMemory(profileId);
  return useMutation({
    mutationFn: ({ memoryId, text }: { memoryId: string; text: string }) =>
      backend.updateMemory(profileId, memoryId, text),
    onSuccess: invalidate,
  });
}

export function useDeleteMemory(profileId: string) {
  const backend = useBackend();
  const invalidate = useInvalidateMemory(profileId);
  return useMutation({
    mutationFn: (memoryId: string) => backend.deleteMemory(profileId, memoryId),
    onSuccess: invalidate,
  });
}

export function useForgetAllMemories(profileId: string) {
  const backend = useBackend();
  const invalidate = useInvalidateMemory(profileId);
  return useMutation({
    mutationFn: () => backend.forgetAllMemories(profileId),
    onSuccess: invalidate,
  });
}

/**
 * The memory job running now for this profile (model load, index rebuild, re-embedding), from the
 * core's notices; null when none. The status is refetched when a job ends or the model loads or unloads.
 */
export function useMemoryProgress(profileId: string): Progress | null {
  const backend = useBackend();
  const queryClient = useQueryClient();
  const [running, setRunning] = useState<Progress | null>(null);
  useEffect(
    () =>
      backend.onCoreNotice((notice) => {
        if (notice.kind === "memoryModel") {
          void queryClient.invalidateQueries({ queryKey: memoryKeys.status(profileId) });
          return;
        }
        // Settings changes reach the UI as their own `settingsChanged` event.
        if (notice.kind !== "progress" || !notice.job.startsWith("memory.")) return;
        if (notice.profileId !== null && notice.profileId !== profileId) return;
        if (notice.done >= notice.total) {
          setRunning((current) => (current?.job === notice.job ? null : current));
          void queryClient.invalidateQueries({ queryKey: memoryKeys.status(profileId) });
        } else {
          setRunning({
            job: notice.job,
            profileId: notice.profileId,
            done: notice.done,
            total: notice.total,
          });
        }
      }),
    [backend, queryClient, profileId],
  );
  return running;
}
