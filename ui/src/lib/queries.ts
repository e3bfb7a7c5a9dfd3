import { useEffect } from "react";
import {
  MutationCache,
  QueryCache,
  QueryClient,
  useIsMutating,
  useMutation,
  useQuery,
  useQueryClient,
  skipToken,
  type Query,
} from "@tanstack/react-query";
import {
  BackendError,
  toBackendError,
  useBackend,
  type NewProfile,
  type Profile,
  type Settings,
  type UpdateChannel,
  type UpdateInstalled,
  type UpdateProgress,
  type UpdateStatus,
} from "./backend";

export const queryKeys = {
  activeProfile: ["activeProfile"] as const,
  profiles: ["profiles"] as const,
  settings: (profileId: string) => ["settings", profileId] as const,
  /** The app's updates: no profile's, so kept through profile changes and the lock screen. */
  updates: ["updates"] as const,
  updateStatus: ["updates", "status"] as const,
  /** The last check's answer, which is the update the backend would install. */
  updateCheck: ["updates", "check"] as const,
  /** The running install's download progress. */
  updateDownload: ["updates", "download"] as const,
  /** The update installed in this run, waiting for a restart. */
  updateInstalled: ["updates", "installed"] as const,
  /** The version whose notice was dismissed in this run. */
  updateDismissed: ["updates", "dismissed"] as const,
};

/** Whether a cached query is about the profiles and their data (everything but the app's updates). */
function isProfileQuery(query: Query): boolean {
  return query.queryKey[0] !== queryKeys.updates[0];
}

/**
 * Local IPC answers are deterministic: retrying a failed call or refetching on focus gains nothing.
 * A call refused because the profile is locked (it was locked elsewhere, e.g. in another window) has
 * the active profile fetched again, so the app turns to the lock screen.
 */
export function createQueryClient(): QueryClient {
  const onError = (error: Error) => {
    if (toBackendError(error).reason !== "profile_locked") return;
    void client.invalidateQueries({ queryKey: queryKeys.activeProfile });
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
  return client;
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
  await queryClient.invalidateQueries({ predicate: isProfileQuery });
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
    onSuccess: (renamed) => showChangedProfile(queryClient, renamed),
  });
}

/**
 * After a profile itself changed (its name, its PIN, whether it is locked): the active profile and
 * the profile list take it at once, and are fetched again.
 */
async function showChangedProfile(queryClient: QueryClient, changed: Profile) {
  queryClient.setQueryData<Profile | null>(queryKeys.activeProfile, (active) =>
    active?.id === changed.id ? changed : active,
  );
  queryClient.setQueryData<Profile[]>(queryKeys.profiles, (profiles) =>
    profiles?.map((p) => (p.id === changed.id ? changed : p)),
  );
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.activeProfile }),
    queryClient.invalidateQueries({ queryKey: queryKeys.profiles }),
  ]);
}

/** Gives a profile a PIN, or a new one (`currentPin`: the one it has, if any) (ADR 0016). */
export function useSetProfilePin() {
  const backend = useBackend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      profileId,
      pin,
      currentPin,
    }: {
      profileId: string;
      pin: string;
      currentPin: string | null;
    }) => backend.setProfilePin(profileId, pin, currentPin),
    onSuccess: (profile) => showChangedProfile(queryClient, profile),
  });
}

/** Takes the PIN off a profile, given it. */
export function useRemoveProfilePin() {
  const backend = useBackend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ profileId, currentPin }: { profileId: string; currentPin: string }) =>
      backend.removeProfilePin(profileId, currentPin),
    onSuccess: (profile) => showChangedProfile(queryClient, profile),
  });
}

/**
 * Locks a profile with a PIN now. The active profile shows as locked at once, so the app turns to
 * the lock screen (which drops the profile's cached data, see useForgetLockedData).
 */
export function useLockProfile() {
  const backend = useBackend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (profileId: string) => backend.lockProfile(profileId),
    onSuccess: (profile) => showChangedProfile(queryClient, profile),
  });
}

/**
 * Opens a locked profile with its PIN. Everything it owns was refused until now: the profile shows
 * as open at once and every query is fetched again.
 */
export function useUnlockProfile() {
  const backend = useBackend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ profileId, pin }: { profileId: string; pin: string }) =>
      backend.unlockProfile(profileId, pin),
    onSuccess: async (unlocked) => {
      queryClient.setQueryData<Profile | null>(queryKeys.activeProfile, (active) =>
        active?.id === unlocked.id ? unlocked : active,
      );
      queryClient.setQueryData<Profile[]>(queryKeys.profiles, (profiles) =>
        profiles?.map((p) => (p.id === unlocked.id ? unlocked : p)),
      );
      await queryClient.invalidateQueries({ predicate: isProfileQuery });
    },
  });
}

/**
 * While the lock screen shows, nothing a profile owns stays cached: only the profiles, the active one,
 * settings (which the lock screen reads) and the app's updates are kept. Run from the lock screen, once
 * the pages that read the rest are gone.
 */
export function useForgetLockedData() {
  const queryClient = useQueryClient();
  useEffect(() => {
    const kept: readonly unknown[] = [
      queryKeys.activeProfile[0],
      queryKeys.profiles[0],
      queryKeys.settings("")[0],
      queryKeys.updates[0],
    ];
    queryClient.removeQueries({ predicate: (query) => !kept.includes(query.queryKey[0]) });
  }, [queryClient]);
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

/** How often the app looks for an update while it runs, and how soon it looks again after a failure. */
export const UPDATE_CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;
export const UPDATE_RETRY_MS = 30 * 60 * 1000;

/** The running version, the update channel, and whether this build updates itself. */
export function useUpdateStatus() {
  const backend = useBackend();
  return useQuery({
    queryKey: queryKeys.updateStatus,
    queryFn: () => backend.updateStatus(),
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

/**
 * The last update check's answer: an offer, or null when this version is the one to have. Settings and
 * the update notice share it, so a check made by either shows in both. `schedule`: this is the one
 * place that checks by itself (once when it starts, then every 6 hours, 30 minutes after a failure).
 */
function useUpdateCheckQuery(schedule: boolean) {
  const backend = useBackend();
  const status = useUpdateStatus();
  return useQuery({
    queryKey: queryKeys.updateCheck,
    queryFn: () => backend.checkForUpdate(false),
    enabled: status.data?.supported === true,
    staleTime: UPDATE_CHECK_INTERVAL_MS,
    gcTime: Infinity,
    refetchInterval: schedule
      ? (query) => (query.state.status === "error" ? UPDATE_RETRY_MS : UPDATE_CHECK_INTERVAL_MS)
      : false,
    refetchIntervalInBackground: schedule,
  });
}

/**
 * Checks for an update in the background while a profile is open: once shortly after the app opens,
 * then every 6 hours (30 minutes after a check that failed). Use it once, where the notice is shown;
 * its failures are for Settings to show, never the notice.
 */
export function useUpdateCheck() {
  return useUpdateCheckQuery(true);
}

/** The last update check's answer, as Settings shows it (checking again is `refetch`). */
export function useLastUpdateCheck() {
  return useUpdateCheckQuery(false);
}

/**
 * Looks for an older stable release to go back to from a beta. What it finds becomes the last check's
 * answer (the update the backend would install).
 */
export function useReturnToStable() {
  const backend = useBackend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => backend.checkForUpdate(true),
    onSuccess: (offer) => {
      queryClient.setQueryData(queryKeys.updateCheck, offer);
    },
  });
}

/** Switches the update channel; what the other channel offered is forgotten and this one is checked. */
export function useSetUpdateChannel() {
  const backend = useBackend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (channel: UpdateChannel) => backend.setUpdateChannel(channel),
    onSuccess: (channel) => {
      queryClient.setQueryData<UpdateStatus>(queryKeys.updateStatus, (status) =>
        status === undefined ? status : { ...status, channel },
      );
      void queryClient.resetQueries({ queryKey: queryKeys.updateCheck });
    },
  });
}

const INSTALL_UPDATE = ["installUpdate"] as const;

/** The options of a value kept in the query cache for the app's run: nothing fetches it, setQueryData sets it. */
const KEPT = { queryFn: skipToken, staleTime: Infinity, gcTime: Infinity } as const;

/**
 * Downloads, verifies and installs the update the last check found. Its progress and result are kept
 * for the app's run (see useUpdateInstall), so Settings shows them even when opened again meanwhile.
 */
export function useInstallUpdate() {
  const backend = useBackend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: INSTALL_UPDATE,
    mutationFn: () =>
      backend.installUpdate((progress) => {
        queryClient.setQueryData(queryKeys.updateDownload, progress);
      }),
    onMutate: () => {
      queryClient.setQueryData<UpdateProgress>(queryKeys.updateDownload, {
        downloaded: 0,
        total: null,
      });
    },
    onSuccess: (installed) => {
      queryClient.setQueryData(queryKeys.updateInstalled, installed);
    },
  });
}

/** Whether an update is being installed, how far its download has come, and what was installed. */
export function useUpdateInstall() {
  return {
    installing: useIsMutating({ mutationKey: INSTALL_UPDATE }) > 0,
    download: useQuery<UpdateProgress>({ queryKey: queryKeys.updateDownload, ...KEPT }).data,
    installed: useQuery<UpdateInstalled>({ queryKey: queryKeys.updateInstalled, ...KEPT }).data,
  };
}

/** Restarts the app, into the update installed. */
export function useRestartApp() {
  const backend = useBackend();
  return useMutation({ mutationFn: () => backend.restartApp() });
}

/** The version whose update notice was dismissed in this run, and a way to dismiss one. */
export function useDismissedUpdate() {
  const queryClient = useQueryClient();
  const dismissed = useQuery<string>({ queryKey: queryKeys.updateDismissed, ...KEPT }).data;
  const dismiss = (version: string) => {
    queryClient.setQueryData(queryKeys.updateDismissed, version);
  };
  return { dismissed, dismiss };
}
