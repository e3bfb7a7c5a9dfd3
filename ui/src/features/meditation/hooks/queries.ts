import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useBackend } from "../../../lib/backend";
import { moodKeys } from "../../mood/hooks/queries";
import { progressKeys } from "../../progress/hooks/queries";

/** Sessions per page of history. */
export const HISTORY_PAGE = 20;

export const meditationKeys = {
  all: (profileId: string) => ["meditation", profileId] as const,
  history: (profileId: string) => ["meditation", profileId, "history"] as const,
};

/** The profile's saved meditation sessions, newest first, a page at a time. */
export function useMeditationHistory(profileId: string) {
  const backend = useBackend();
  return useInfiniteQuery({
    queryKey: meditationKeys.history(profileId),
    queryFn: ({ pageParam }) =>
      backend.meditationHistory(profileId, { limit: HISTORY_PAGE, offset: pageParam }),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((n, page) => n + page.items.length, 0);
      return loaded < last.total ? loaded : undefined;
    },
  });
}

/** Deletes a saved session; its mood check-ins go with it, so moods and progress are read again. */
export function useDeleteMeditationSession(profileId: string) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (sessionId: string) => backend.deleteMeditationSession(profileId, sessionId),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: meditationKeys.all(profileId) }),
        queryClient.invalidateQueries({ queryKey: moodKeys.all(profileId) }),
        queryClient.invalidateQueries({ queryKey: progressKeys.all(profileId) }),
      ]),
  });
}
