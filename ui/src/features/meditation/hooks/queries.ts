import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useBackend } from "../../../lib/backend";
import { moodKeys } from "../../mood/hooks/queries";
import { progressKeys } from "../../progress/hooks/queries";

export const meditationKeys = {
  all: (profileId: string) => ["meditation", profileId] as const,
  sessions: (profileId: string) => ["meditation", profileId, "sessions"] as const,
};

/** The profile's saved meditation sessions, newest first. */
export function useMeditationSessions(profileId: string) {
  const backend = useBackend();
  return useQuery({
    queryKey: meditationKeys.sessions(profileId),
    queryFn: () => backend.listMeditationSessions(profileId),
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
