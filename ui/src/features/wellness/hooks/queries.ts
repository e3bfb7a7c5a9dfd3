import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useBackend } from "../../../lib/backend";

export const wellnessKeys = {
  profile: (profileId: string) => ["wellness", profileId] as const,
};

/** What the companion has learned about the person, and whether it is learning. */
export function useWellnessProfile(profileId: string) {
  const backend = useBackend();
  return useQuery({
    queryKey: wellnessKeys.profile(profileId),
    queryFn: () => backend.wellnessProfile(profileId),
  });
}

/** After a change, the page reads the profile again (the core may learn anew on the way). */
function useInvalidateWellness(profileId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: wellnessKeys.profile(profileId) });
}

export function useRemoveWellnessItem(profileId: string) {
  const backend = useBackend();
  const invalidate = useInvalidateWellness(profileId);
  return useMutation({
    mutationFn: (itemId: string) => backend.removeWellnessItem(profileId, itemId),
    onSuccess: invalidate,
  });
}

/** Sets the person's note on an item; an empty note clears it. */
export function useSetWellnessNote(profileId: string) {
  const backend = useBackend();
  const invalidate = useInvalidateWellness(profileId);
  return useMutation({
    mutationFn: ({ itemId, note }: { itemId: string; note: string }) =>
      backend.setWellnessNote(profileId, itemId, note),
    onSuccess: invalidate,
  });
}

/** Pauses or resumes learning. */
export function useSetWellnessLearning(profileId: string) {
  const backend = useBackend();
  const invalidate = useInvalidateWellness(profileId);
  return useMutation({
    mutationFn: (on: boolean) => backend.setWellnessLearning(profileId, on),
    onSuccess: invalidate,
  });
}

/** Forgets everything learned; learning starts again from now. */
export function useResetWellness(profileId: string) {
  const backend = useBackend();
  const invalidate = useInvalidateWellness(profileId);
  return useMutation({
    mutationFn: () => backend.resetWellness(profileId),
    onSuccess: invalidate,
  });
}
