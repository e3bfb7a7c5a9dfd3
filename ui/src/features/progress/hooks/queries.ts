import { useQuery } from "@tanstack/react-query";
import { useBackend } from "../../../lib/backend";

export const progressKeys = {
  all: (profileId: string) => ["progress", profileId] as const,
  overview: (profileId: string, today: string) =>
    ["progress", profileId, "overview", today] as const,
  effectiveness: (profileId: string) => ["progress", profileId, "effectiveness"] as const,
};

/** The streak, weekly goal, badges, active days and totals for the person's calendar day `today`. */
export function useProgress(profileId: string, today: string) {
  const backend = useBackend();
  return useQuery({
    queryKey: progressKeys.overview(profileId, today),
    queryFn: () => backend.getProgress(profileId, today),
  });
}

/** How well each kind of activity works for the person, best first. */
export function useEffectiveness(profileId: string) {
  const backend = useBackend();
  return useQuery({
    queryKey: progressKeys.effectiveness(profileId),
    queryFn: () => backend.activityEffectiveness(profileId),
  });
}
