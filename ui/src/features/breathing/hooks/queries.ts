import {
  skipToken,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { useBackend, type AudioState, type Settings } from "../../../lib/backend";
import { queryKeys } from "../../../lib/queries";
import { moodKeys } from "../../mood/hooks/queries";
import { progressKeys } from "../../progress/hooks/queries";

/** Sessions per page of history. */
export const HISTORY_PAGE = 20;

export const breathingKeys = {
  all: (profileId: string) => ["breathing", profileId] as const,
  techniques: ["breathingTechniques"] as const,
  history: (profileId: string) => ["breathing", profileId, "history"] as const,
  stats: (profileId: string) => ["breathing", profileId, "stats"] as const,
  trend: (profileId: string) => ["breathing", profileId, "trend"] as const,
  gate: (profileId: string) => ["breathing", profileId, "gate"] as const,
  audio: (profileId: string) => ["breathing", profileId, "audio"] as const,
};

export function useTechniques() {
  const backend = useBackend();
  return useQuery({
    queryKey: breathingKeys.techniques,
    queryFn: () => backend.breathingTechniques(),
    staleTime: Infinity,
  });
}

export function useBreathingHistory(profileId: string) {
  const backend = useBackend();
  return useInfiniteQuery({
    queryKey: breathingKeys.history(profileId),
    queryFn: ({ pageParam }) =>
      backend.breathingHistory(profileId, { limit: HISTORY_PAGE, offset: pageParam }),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((n, page) => n + page.items.length, 0);
      return loaded < last.total ? loaded : undefined;
    },
  });
}

export function useBreathingStats(profileId: string) {
  const backend = useBackend();
  return useQuery({
    queryKey: breathingKeys.stats(profileId),
    queryFn: () => backend.breathingStats(profileId),
  });
}

export function useRetentionTrend(profileId: string) {
  const backend = useBackend();
  return useQuery({
    queryKey: breathingKeys.trend(profileId),
    queryFn: () => backend.retentionTrend(profileId),
  });
}

/** The Wim Hof gate; only asked while Wim Hof is the chosen technique. */
export function useWimHofGate(profileId: string, enabled: boolean, latestMessage: string | null) {
  const backend = useBackend();
  return useQuery({
    queryKey: [...breathingKeys.gate(profileId), latestMessage],
    queryFn: enabled ? () => backend.wimHofGate(profileId, latestMessage) : skipToken,
  });
}

export function useDeleteBreathingSession(profileId: string) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (sessionId: string) => backend.deleteBreathingSession(profileId, sessionId),
    // Its mood check-ins go with it, so moods and progress change too.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: breathingKeys.all(profileId) }),
        queryClient.invalidateQueries({ queryKey: moodKeys.all(profileId) }),
        queryClient.invalidateQueries({ queryKey: progressKeys.all(profileId) }),
      ]),
  });
}

/** Whether sound can be heard; the mute and ambient switches are read from the settings. */
export function useAudioState(profileId: string) {
  const backend = useBackend();
  return useQuery({
    queryKey: breathingKeys.audio(profileId),
    queryFn: () => backend.audioState(profileId),
  });
}

/** A sound switch: saved in the profile's settings, whose cache follows at once. */
function useSoundSwitch(
  profileId: string,
  call: (on: boolean) => Promise<AudioState>,
  field: "muted" | "ambientOn",
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (state) => {
      queryClient.setQueryData(breathingKeys.audio(profileId), state);
      queryClient.setQueryData<Settings>(queryKeys.settings(profileId), (old) =>
        old === undefined ? old : { ...old, [field]: state[field] },
      );
    },
  });
}

/** Mutes or unmutes every session sound for the profile (saved). */
export function useSetAudioMuted(profileId: string) {
  const backend = useBackend();
  return useSoundSwitch(profileId, (muted) => backend.setAudioMuted(profileId, muted), "muted");
}

/** Turns the ambient bed of the profile's breathing sessions on or off (saved). */
export function useSetBreathingAmbient(profileId: string) {
  const backend = useBackend();
  return useSoundSwitch(profileId, (on) => backend.setBreathingAmbient(profileId, on), "ambientOn");
}

export function useAcknowledgeWimHofNotice(profileId: string) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => backend.acknowledgeWimHofNotice(profileId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: breathingKeys.gate(profileId) }),
  });
}
