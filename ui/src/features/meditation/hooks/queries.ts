import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useBackend, type NewMeditationSession } from "../../../lib/backend";

export const meditationKeys = {
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

/** Saves a finished or ended-early silent meditation. */
export function useSaveMeditationSession(profileId: string) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (session: NewMeditationSession) =>
      backend.saveMeditationSession(profileId, session),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: meditationKeys.sessions(profileId) });
    },
  });
}
