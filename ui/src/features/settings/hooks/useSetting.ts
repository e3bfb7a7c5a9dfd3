import { createContext, createElement, useContext, type ReactNode } from "react";
import type { Settings } from "../../../lib/backend";
import { useSaveSettings } from "./queries";

interface SavedSettings {
  profileId: string;
  settings: Settings;
}

const SettingsContext = createContext<SavedSettings | null>(null);

/** Gives the controls inside it (see `useSetting`) the profile and its saved settings. */
export function SettingsProvider({
  profileId,
  settings,
  children,
}: SavedSettings & { children: ReactNode }) {
  return createElement(SettingsContext, { value: { profileId, settings } }, children);
}

function useSavedSettings(): SavedSettings {
  const saved = useContext(SettingsContext);
  if (saved === null) throw new Error("useSetting must be used inside a SettingsProvider");
  return saved;
}

/** The profile whose settings the controls inside the SettingsProvider show. */
export function useSettingsProfileId(): string {
  return useSavedSettings().profileId;
}

/**
 * One setting of the profile, saved as soon as it is changed: `value` is the one being saved while
 * it saves (so the control shows it at once), `saved` the last saved one. `save`'s `onSaved` runs
 * once that value is saved.
 */
export function useSetting<K extends keyof Settings>(field: K) {
  const { profileId, settings } = useSavedSettings();
  const save = useSaveSettings(profileId);
  const saved = settings[field];
  return {
    value: save.isPending ? (save.variables[field] ?? saved) : saved,
    saved,
    saving: save.isPending,
    error: save.error,
    save: (value: Settings[K], onSaved?: () => void) => {
      save.mutate({ [field]: value }, { onSuccess: onSaved });
    },
  };
}
