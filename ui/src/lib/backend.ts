// The one door to the Rust side. Components never import @tauri-apps/api or the generated bindings;
// they use the Backend interface (through useBackend and the query hooks), so tests can inject a fake.
import { createContext, createElement, useContext, type ReactNode } from "react";
import { Channel } from "@tauri-apps/api/core";
import { commands, events } from "../bindings";
import type {
  AppError,
  AudioState_Serialize,
  BreathingHistory_Serialize,
  BreathingSession_Serialize,
  BreathingStats_Serialize,
  ErrorCode,
  LiveBreathing_Serialize,
  RetentionPoint,
  SafetyDecision_Serialize,
  SessionEvent_Deserialize,
  SessionEvent_Serialize,
  StartBreathing_Serialize,
  TechniqueInfo_Serialize,
  NewProfile,
  OnboardingAnswers,
  Profile,
  Settings,
  SettingsChanged,
} from "../bindings";
import type {
  CoreNotice_Serialize,
  MemoryHit_Serialize,
  MemoryKind,
  MemoryPage_Serialize,
  MemoryStatus_Serialize,
  Memory_Serialize,
  SearchOptions_Deserialize,
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
  Technique,
  Phase,
  Pattern,
  AmbientKind,
  RetentionPoint,
  TechniqueCount,
  MonthlyTotal,
  GateReason,
  AudioStatus_Serialize as AudioStatus,
  AudioState_Serialize as AudioState,
  BreathingHistory_Serialize as BreathingHistory,
  BreathingSession_Serialize as BreathingSession,
  BreathingStats_Serialize as BreathingStats,
  LiveBreathing_Serialize as LiveBreathing,
  PhaseChange_Serialize as PhaseChange,
  SafetyDecision_Serialize as SafetyDecision,
  SessionConfig_Serialize as SessionConfig,
  SessionEvent_Serialize as SessionEvent,
  SessionStats_Serialize as SessionStats,
  StartBreathing_Serialize as StartBreathing,
  StopPoint_Serialize as StopPoint,
  TechniqueInfo_Serialize as TechniqueInfo,
  TickInfo_Serialize as TickInfo,
  WimHofSettings_Serialize as WimHofSettings,
} from "../bindings";
export type {
  CoreNotice_Serialize as CoreNotice,
  IndexHealth,
  MemoryHit_Serialize as MemoryHit,
  MemoryKind,
  MemoryPage_Serialize as MemoryPage,
  MemoryStatus_Serialize as MemoryStatus,
  Memory_Serialize as Memory,
  Progress_Serialize as Progress,
  SearchOptions_Deserialize as SearchOptions,
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

  /** Every breathing technique with its pattern or default settings. */
  breathingTechniques(): Promise<TechniqueInfo_Serialize[]>;
  /**
   * Starts a breathing session. `onEvent` gets its events in order (phase changes, ~10 ticks a
   * second, pause/resume, then completed or stopped), possibly before the promise resolves.
   */
  startBreathing(
    profileId: string,
    input: StartBreathing_Serialize,
    onEvent: (event: SessionEvent_Serialize) => void,
  ): Promise<LiveBreathing_Serialize>;
  pauseBreathing(profileId: string, runId: string): Promise<void>;
  resumeBreathing(profileId: string, runId: string): Promise<void>;
  stopBreathing(profileId: string, runId: string): Promise<void>;
  /** Manual Wim Hof pacing: one breath done. */
  tapBreath(profileId: string, runId: string): Promise<void>;
  releaseRetention(profileId: string, runId: string): Promise<void>;
  /** Ends the session (stopping it if still running) and saves it. */
  finishBreathing(
    profileId: string,
    runId: string,
    moodAfter: number | null,
  ): Promise<BreathingSession_Serialize>;
  breathingHistory(
    profileId: string,
    limit: number,
    offset: number,
  ): Promise<BreathingHistory_Serialize>;
  getBreathingSession(profileId: string, sessionId: string): Promise<BreathingSession_Serialize>;
  deleteBreathingSession(profileId: string, sessionId: string): Promise<void>;
  breathingStats(profileId: string): Promise<BreathingStats_Serialize>;
  retentionTrend(profileId: string): Promise<RetentionPoint[]>;
  wimHofGate(profileId: string, latestMessage: string | null): Promise<SafetyDecision_Serialize>;
  acknowledgeWimHofNotice(profileId: string): Promise<void>;
  /** Whether sound can be heard, and the profile's mute and ambient switches. */
  audioState(profileId: string): Promise<AudioState_Serialize>;
  /** Mutes or unmutes every session sound; saved in the profile's settings. */
  setAudioMuted(profileId: string, muted: boolean): Promise<AudioState_Serialize>;
  /** Turns the ambient bed of breathing sessions on or off (at once in a running session). */
  setBreathingAmbient(profileId: string, on: boolean): Promise<AudioState_Serialize>;

  /** A page of the profile's memories, newest first. */
  listMemories(profileId: string, offset: number, limit: number): Promise<MemoryPage_Serialize>;
  /** Memories by meaning and keywords, best first. */
  searchMemories(
    profileId: string,
    query: string,
    options: SearchOptions_Deserialize,
  ): Promise<MemoryHit_Serialize[]>;
  /** Remembers a text (a note unless another kind is given). */
  addMemory(profileId: string, text: string, kind?: MemoryKind): Promise<Memory_Serialize>;
  updateMemory(profileId: string, memoryId: string, text: string): Promise<Memory_Serialize>;
  deleteMemory(profileId: string, memoryId: string): Promise<void>;
  /** Forgets every memory of the profile; resolves with how many there were. */
  forgetAllMemories(profileId: string): Promise<number>;
  memoryStatus(profileId: string): Promise<MemoryStatus_Serialize>;
  /** Subscribes to core notices (model load, index rebuild progress); returns the unsubscribe function. */
  onCoreNotice(listener: (notice: CoreNotice_Serialize) => void): () => void;
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

/**
 * Listens to a generated event and returns an unsubscribe that also works before listening has
 * started (the listener is then dropped as soon as it is registered).
 */
function subscribe<T>(
  event: { listen: (cb: (event: { payload: T }) => void) => Promise<() => void> },
  listener: (payload: T) => void,
  failure: string,
): () => void {
  let stopped = false;
  let unlisten: (() => void) | undefined;
  event
    .listen((e) => {
      listener(e.payload);
    })
    .then((stop) => {
      if (stopped) stop();
      else unlisten = stop;
    })
    .catch((error: unknown) => {
      console.error(failure, error);
    });
  return () => {
    stopped = true;
    unlisten?.();
  };
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
  onSettingsChanged: (listener) =>
    subscribe(events.settingsChanged, listener, "Could not listen to settings changes"),
  breathingTechniques: async () => {
    try {
      return await commands.breathingTechniques();
    } catch (error) {
      throw toBackendError(error);
    }
  },
  startBreathing: (profileId, input, onEvent) => {
    const channel = new Channel<SessionEvent_Deserialize>();
    // The shell sends the Serialize shape; the generated type only names the input side.
    channel.onmessage = (event) => {
      onEvent(event as SessionEvent_Serialize);
    };
    return unwrap(commands.startBreathing(profileId, input, channel));
  },
  pauseBreathing: (profileId, runId) => done(commands.pauseBreathing(profileId, runId)),
  resumeBreathing: (profileId, runId) => done(commands.resumeBreathing(profileId, runId)),
  stopBreathing: (profileId, runId) => done(commands.stopBreathing(profileId, runId)),
  tapBreath: (profileId, runId) => done(commands.tapBreath(profileId, runId)),
  releaseRetention: (profileId, runId) => done(commands.releaseRetention(profileId, runId)),
  finishBreathing: (profileId, runId, moodAfter) =>
    unwrap(commands.finishBreathing(profileId, runId, moodAfter)),
  breathingHistory: (profileId, limit, offset) =>
    unwrap(commands.breathingHistory(profileId, limit, offset)),
  getBreathingSession: (profileId, sessionId) =>
    unwrap(commands.getBreathingSession(profileId, sessionId)),
  deleteBreathingSession: (profileId, sessionId) =>
    done(commands.deleteBreathingSession(profileId, sessionId)),
  breathingStats: (profileId) => unwrap(commands.breathingStats(profileId)),
  retentionTrend: (profileId) => unwrap(commands.retentionTrend(profileId)),
  wimHofGate: (profileId, latestMessage) => unwrap(commands.wimHofGate(profileId, latestMessage)),
  acknowledgeWimHofNotice: (profileId) => done(commands.acknowledgeWimHofNotice(profileId)),
  audioState: (profileId) => unwrap(commands.audioState(profileId)),
  setAudioMuted: (profileId, muted) => unwrap(commands.setAudioMuted(profileId, muted)),
  setBreathingAmbient: (profileId, on) => unwrap(commands.setBreathingAmbient(profileId, on)),
  listMemories: (profileId, offset, limit) =>
    unwrap(commands.listMemories(profileId, offset, limit)),
  searchMemories: (profileId, query, options) =>
    unwrap(commands.searchMemories(profileId, query, options)),
  addMemory: (profileId, text, kind) => unwrap(commands.addMemory(profileId, text, kind ?? null)),
  updateMemory: (profileId, memoryId, text) =>
    unwrap(commands.updateMemory(profileId, memoryId, text)),
  deleteMemory: (profileId, memoryId) => done(commands.deleteMemory(profileId, memoryId)),
  forgetAllMemories: (profileId) => unwrap(commands.forgetAllMemories(profileId)),
  memoryStatus: (profileId) => unwrap(commands.memoryStatus(profileId)),
  onCoreNotice: (listener) =>
    subscribe(events.coreNotice, listener, "Could not listen to core notices"),
};

async function done(pending: Promise<CommandResult<null>>): Promise<void> {
  await unwrap(pending);
}

const BackendContext = createContext<Backend | null>(null);

export function BackendProvider({ backend, children }: { backend: Backend; children: ReactNode }) {
  return createElement(BackendContext, { value: backend }, children);
}

export function useBackend(): Backend {
  const backend = useContext(BackendContext);
  if (backend === null) throw new Error("useBackend must be used inside a BackendProvider");
  return backend;
}
