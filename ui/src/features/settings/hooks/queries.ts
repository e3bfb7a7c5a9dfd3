import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useBackend, type OnboardingAnswers, type Settings } from "../../../lib/backend";
import { queryKeys } from "../../../lib/queries";
import { breathingKeys } from "../../breathing/hooks/queries";

export const settingsKeys = {
  onboarding: (profileId: string) => ["onboarding", profileId] as const,
};

/**
 * Saves some settings over the latest saved ones. Saves of one profile run one after another (one
 * mutation scope), so quick changes to different controls never undo each other.
 */
export function useSaveSettings(profileId: string) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  return useMutation({
    scope: { id: `settings:${profileId}` },
    mutationFn: async (change: Partial<Settings>) => {
      const current =
        queryClient.getQueryData<Settings>(queryKeys.settings(profileId)) ??
        (await backend.getSettings(profileId));
      return backend.updateSettings(profileId, { ...current, ...change });
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.settings(profileId), saved);
      // The breathing controls' sound state is read from the settings too.
      void queryClient.invalidateQueries({ queryKey: breathingKeys.audio(profileId) });
    },
  });
}

/** The core's progress job of the voice speaking breathing's cues. */
export const VOICE_CUES_JOB = "breathing.voice_cues";

/**
 * Has the voice on the device speak breathing's cues (once for the app: a few seconds the first
 * time, with `VOICE_CUES_JOB` progress; at once afterwards), so that spoken cues are ready for the
 * next session, or a voice that cannot speak says so. Resolves with the number of cues.
 */
export function usePrepareVoiceCues(profileId: string) {
  const backend = useBackend();
  return useMutation({ mutationFn: () => backend.prepareVoiceCues(profileId) });
}

export function useOnboarding(profileId: string) {
  const backend = useBackend();
  return useQuery({
    queryKey: settingsKeys.onboarding(profileId),
    queryFn: () => backend.getOnboarding(profileId),
  });
}

/**
 * Replaces the onboarding answers. The core decides the Wim Hof gate from them on every read, so the
 * cached gate answers are dropped (not just marked stale): no screen may show an old "allowed".
 */
export function useUpdateOnboarding(profileId: string) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (answers: OnboardingAnswers) => backend.updateOnboarding(profileId, answers),
    onSuccess: async (saved) => {
      queryClient.setQueryData(settingsKeys.onboarding(profileId), saved);
      await queryClient.resetQueries({ queryKey: breathingKeys.gate(profileId) });
    },
  });
}
