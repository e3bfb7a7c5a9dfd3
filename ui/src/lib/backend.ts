// The one door to the Rust side. Components never import @tauri-apps/api or the generated bindings;
// they use the Backend interface (through useBackend and the query hooks), so tests can inject a fake.
import { createContext, createElement, useContext, type ReactNode } from "react";
import { commands, events } from "../bindings";
import type {
  AppError,
  ErrorCode,
  NewProfile,
  OnboardingAnswers,
  Profile,
  Settings,
  SettingsChanged,
} from "../bindings";

export type {
  Challenge,
  CommunicationStyle,
  Contraindication,
  CurrentFeeling,
  ErrorCode,
  ExperienceLevel,
  Locale,
  NewProfile,
  OnboardingAnswers,
  PreferredActivity,
  PrimaryGoal,
  Profile,
  SessionLength,
  Settings,
  SettingsChanged,
  SupportType,
  Theme,
} from "../bindings";

export class BackendError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = "BackendError";
    this.code = code;
  }
}

/** Everything the UI can ask of the backend. Methods resolve with data or throw a BackendError. */
export interface Backend {
  listProfiles(): Promise<Profile[]>;
  activeProfile(): Promise<Profile | null>;
  /** Creates the profile and makes it the active one. */
  createProfile(input: NewProfile): Promise<Profile>;
  switchProfile(profileId: string): Promise<Profile>;
  deleteProfile(profileId: string): Promise<void>;
  getSettings(profileId: string): Promise<Settings>;
  updateSettings(profileId: string, settings: Settings): Promise<Settings>;
  getOnboarding(profileId: string): Promise<OnboardingAnswers>;
  updateOnboarding(profileId: string, answers: OnboardingAnswers): Promise<OnboardingAnswers>;
  /** Subscribes to settings changes made anywhere in the app; returns the unsubscribe function. */
  onSettingsChanged(listener: (event: SettingsChanged) => void): () => void;
}

type CommandResult<T> = { status: "ok"; data: T } | { status: "error"; error: AppError };

const ERROR_CODES: readonly ErrorCode[] = [
  "validation",
  "not_found",
  "conflict",
  "unavailable",
  "internal",
];

function isAppError(value: unknown): value is AppError {
  if (typeof value !== "object" || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return (
    typeof message === "string" && typeof code === "string" && ERROR_CODES.some((c) => c === code)
  );
}

/** Turns anything a command rejected with into a BackendError. */
export function toBackendError(error: unknown): BackendError {
  if (error instanceof BackendError) return error;
  if (isAppError(error)) return new BackendError(error.code, error.message);
  if (error instanceof Error) return new BackendError("internal", error.message);
  return new BackendError("internal", String(error));
}

async function unwrap<T>(pending: Promise<CommandResult<T>>): Promise<T> {
  let result: CommandResult<T>;
  try {
    result = await pending;
  } catch (error) {
    throw toBackendError(error);
  }
  if (result.status === "error") throw toBackendError(result.error);
  return result.data;
}

export const tauriBackend: Backend = {
  listProfiles: () => unwrap(commands.listProfiles()),
  activeProfile: () => unwrap(commands.activeProfile()),
  createProfile: (input) => unwrap(commands.createProfile(input)),
  switchProfile: (profileId) => unwrap(commands.switchProfile(profileId)),
  deleteProfile: async (profileId) => {
    await unwrap(commands.deleteProfile(profileId));
  },
  getSettings: (profileId) => unwrap(commands.getSettings(profileId)),
  updateSettings: (profileId, settings) => unwrap(commands.updateSettings(profileId, settings)),
  getOnboarding: (profileId) => unwrap(commands.getOnboarding(profileId)),
  updateOnboarding: (profileId, answers) => unwrap(commands.updateOnboarding(profileId, answers)),
  onSettingsChanged: (listener) => {
    let stopped = false;
    let unlisten: (() => void) | undefined;
    events.settingsChanged
      .listen((event) => {
        listener(event.payload);
      })
      .then((stop) => {
        if (stopped) stop();
        else unlisten = stop;
      })
      .catch((error: unknown) => {
        console.error("Could not listen to settings changes", error);
      });
    return () => {
      stopped = true;
      unlisten?.();
    };
  },
};

const BackendContext = createContext<Backend | null>(null);

export function BackendProvider({ backend, children }: { backend: Backend; children: ReactNode }) {
  return createElement(BackendContext, { value: backend }, children);
}

export function useBackend(): Backend {
  const backend = useContext(BackendContext);
  if (backend === null) throw new Error("useBackend must be used inside a BackendProvider");
  return backend;
}
