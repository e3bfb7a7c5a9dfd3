import { useQuery } from "@tanstack/react-query";
import { useBackend } from "../../../lib/backend";

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
