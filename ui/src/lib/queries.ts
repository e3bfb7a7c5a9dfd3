import { useEffect } from "react";
import {
  QueryClient,
  useMutation,
  useQuery,
  useQueryClient,
  skipToken,
} from "@tanstack/react-query";
import { BackendError, useBackend, type NewProfile, type Profile, type Settings } from "./backend";

export const queryKeys = {
  activeProfile: ["activeProfile"] as const,
  profiles: ["profiles"] as const,
  settings: (profileId: string) => ["settings", profileId] as const,
};

/** Local IPC answers are deterministic: retrying a failed call or refetching on focus gains nothing. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}

export function useActiveProfile() {
  const backend = useBackend();
  return useQuery({ queryKey: queryKeys.activeProfile, queryFn: () => backend.activeProfile() });
}

export function useProfiles() {
  const backend = useBackend();
  return useQuery({ queryKey: queryKeys.profiles, queryFn: () => backend.listProfiles() });
}

export function useSettings(profileId: string | undefined) {
  const backend = useBackend();
  return useQuery({
    queryKey: queryKeys.settings(profileId ?? ""),
    queryFn: profileId === undefined ? skipToken : () => backend.getSettings(profileId),
  });
}

export function useUpdateSettings(profileId: string) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: Settings) => backend.updateSettings(profileId, settings),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.settings(profileId), saved);
    },
  });
}

/** Keeps the settings cache in step with changes announced by the backend. */
export function useSettingsChangedEvents() {
  const backend = useBackend();
  const queryClient = useQueryClient();
  useEffect(
    () =>
      backend.onSettingsChanged(({ profileId, settings }) => {
        queryClient.setQueryData(queryKeys.settings(profileId), settings);
      }),
    [backend, queryClient],
  );
}

/**
 * After the active profile changes, everything cached may belong to someone else: show the new
 * active profile at once and refetch the rest.
 */
async function afterProfileChange(queryClient: QueryClient, active: Profile | null) {
  queryClient.setQueryData(queryKeys.activeProfile, active);
  await queryClient.invalidateQueries();
}

export function useCreateProfile() {
  const backend = useBackend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewProfile) => backend.createProfile(input),
    onSuccess: (profile) => afterProfileChange(queryClient, profile),
  });
}

export function useSwitchProfile() {
  const backend = useBackend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (profileId: string) => backend.switchProfile(profileId),
    onSuccess: (profile) => afterProfileChange(queryClient, profile),
  });
}

/**
 * Changes a profile's display name. The name shows in the profile switcher (the profile list and the
 * active profile) and in the chat greeting (the active profile): both caches take the new name at
 * once and are fetched again.
 */
export function useRenameProfile() {
  const backend = useBackend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ profileId, displayName }: { profileId: string; displayName: string }) =>
      backend.renameProfile(profileId, displayName),
    onSuccess: async (renamed) => {
      queryClient.setQueryData<Profile | null>(queryKeys.activeProfile, (active) =>
        active?.id === renamed.id ? renamed : active,
      );
      queryClient.setQueryData<Profile[]>(queryKeys.profiles, (profiles) =>
        profiles?.map((p) => (p.id === renamed.id ? renamed : p)),
      );
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.activeProfile }),
        queryClient.invalidateQueries({ queryKey: queryKeys.profiles }),
      ]);
    },
  });
}

/** Deletes a profile; when it was the active one, another profile (if any) becomes active. */
export function useDeleteProfile() {
  const backend = useBackend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (profileId: string): Promise<Profile | null> => {
      await backend.deleteProfile(profileId);
      const active = await backend.activeProfile();
      if (active !== null && active.id !== profileId) return active;
      const next = (await backend.listProfiles()).find((p) => p.id !== profileId);
      return next === undefined ? null : backend.switchProfile(next.id);
    },
    onSuccess: (active, deletedId) => {
      queryClient.removeQueries({ queryKey: queryKeys.settings(deletedId) });
      return afterProfileChange(queryClient, active);
    },
  });
}

/** Writes everything a profile owns to an archive in the Downloads folder; resolves with where. */
export function useExportProfile() {
  const backend = useBackend();
  return useMutation({
    mutationFn: (profileId: string) => backend.exportProfile(profileId),
  });
}

/** A chosen file's bytes; a file that cannot be read fails as the core's `file_access` would. */
async function bytesOf(file: Blob): Promise<number[]> {
  try {
    return Array.from(new Uint8Array(await file.arrayBuffer()));
  } catch (error) {
    const kind = error instanceof Error ? error.name : "";
    throw new BackendError("unavailable", "file_access", { subject: "archive", value: kind });
  }
}

/**
 * Creates a new profile from an archive's bytes. It does not become active: only the profile list
 * changes (and is fetched again).
 */
export function useImportProfile() {
  const backend = useBackend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (file: Blob) => backend.importProfile(await bytesOf(file)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.profiles }),
  });
}
