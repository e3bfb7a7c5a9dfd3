import {
  skipToken,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { useBackend, type LayerId } from "../../../lib/backend";

/** Sessions per page of history. */
export const HISTORY_PAGE = 20;

export const breathingKeys = {
  all: (profileId: string) => ["breathing", profileId] as const,
  techniques: ["breathingTechniques"] as const,
  history: (profileId: string) => ["breathing", profileId, "history"] as const,
  stats: (profileId: string) => ["breathing", profileId, "stats"] as const,
  trend: (profileId: string) => ["breathing", profileId, "trend"] as const,
  gate: (profileId: string) => ["breathing", profileId, "gate"] as const,
  audio: ["audioState"] as const,
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
    queryFn: ({ pageParam }) => backend.breathingHistory(profileId, HISTORY_PAGE, pageParam),
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
    onSuccess: () => queryClient.invalidateQueries({ queryKey: breathingKeys.all(profileId) }),
  });
}

export function useAudioState() {
  const backend = useBackend();
  return useQuery({ queryKey: breathingKeys.audio, queryFn: () => backend.audioState() });
}

export function useSetAudioMuted() {
  const backend = useBackend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ layer, muted }: { layer: LayerId; muted: boolean }) =>
      backend.setAudioMuted(layer, muted),
    onSuccess: (state) => {
      queryClient.setQueryData(breathingKeys.audio, state);
    },
  });
}

export function useAcknowledgeWimHofNotice(profileId: string) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => backend.acknowledgeWimHofNotice(profileId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: breathingKeys.gate(profileId) }),
  });
}
