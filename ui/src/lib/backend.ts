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
  ErrorParams,
  LiveBreathing_Serialize,
  Page,
  Reason,
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
  ErrorParams,
  Page,
  Reason,
  Subject,
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
import type { JournalEntry_Serialize, NewJournalEntry_Deserialize } from "../bindings";
import type {
  MeditationSession_Serialize as MeditationSession,
  NewMeditationSession_Serialize as NewMeditationSession,
} from "../bindings";
import type {
  ActivityResult,
  ChatStatus_Serialize,
  ConnectionReport,
  Conversation,
  ConversationHit_Serialize,
  ConversationSummary,
  Message_Serialize,
  ProposalDecision,
  ProviderInput_Serialize,
  ProviderPreset,
  ProviderSettings,
  ReplyEvent_Deserialize,
  ReplyEvent_Serialize,
  RetryStarted_Serialize,
  SearchMode,
  TurnStarted_Serialize,
} from "../bindings";
export type {
  JournalEntry_Serialize as JournalEntry,
  NewJournalEntry_Deserialize as NewJournalEntry,
} from "../bindings";
export type {
  MeditationKind,
  MeditationSession_Serialize as MeditationSession,
  NewMeditationSession_Serialize as NewMeditationSession,
} from "../bindings";
export type {
  Activity,
  ActivityProposal_Serialize as ActivityProposal,
  ActivityResult,
  ActivitySuggestion,
  ActivitySummary_Serialize as ActivitySummary,
  ChatStatus_Serialize as ChatStatus,
  ConnectionReport,
  Conversation,
  ConversationHit_Serialize as ConversationHit,
  ConversationSummary,
  CrisisCategory,
  CrisisSignal_Serialize as CrisisSignal,
  CrisisLayer,
  Helpline_Serialize as Helpline,
  JournalCategory,
  MessageRole,
  MessageStatus,
  Message_Serialize as Message,
  ProposalDecision,
  ProposalReason,
  ProviderError_Serialize as ProviderError,
  ProviderErrorKind,
  ProviderInput_Serialize as ProviderInput,
  ProviderKind,
  ProviderPreset,
  ProviderSettings,
  ReplyEvent_Serialize as ReplyEvent,
  RetryStarted_Serialize as RetryStarted,
  SearchMode,
  TurnStarted_Serialize as TurnStarted,
} from "../bindings";

/** A command's failure: its code, its reason and their parameters. The UI words it (useErrorText). */
export class BackendError extends Error {
  readonly code: ErrorCode;
  readonly reason: Reason;
  readonly params: Partial<ErrorParams>;

  /** `detail` is for developers (the console, test failures); people read the worded reason. */
  constructor(code: ErrorCode, reason: Reason, params: Partial<ErrorParams> = {}, detail?: string) {
    super(detail ?? `${code}: ${reason}`);
    this.name = "BackendError";
    this.code = code;
    this.reason = reason;
    this.params = params;
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
  breathingHistory(profileId: string, page: Page): Promise<BreathingHistory_Serialize>;
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
  listMemories(profileId: string, page: Page): Promise<MemoryPage_Serialize>;
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

  /**
   * Sends a message (a new conversation when `conversationId` is null). `onEvent` gets the proposal,
   * the reply's tokens and then exactly one `done` or `error`, possibly before the promise resolves.
   */
  sendMessage(
    profileId: string,
    conversationId: string | null,
    text: string,
    onEvent: (event: ReplyEvent_Serialize) => void,
  ): Promise<TurnStarted_Serialize>;
  /** Stops a streaming reply; what arrived is kept, marked cancelled. */
  cancelReply(profileId: string, replyId: string): Promise<void>;
  /** Replaces the conversation's trailing reply that did not complete with a new one, streamed to `onEvent`. */
  retryReply(
    profileId: string,
    conversationId: string,
    onEvent: (event: ReplyEvent_Serialize) => void,
  ): Promise<RetryStarted_Serialize>;
  /** Records what the person did with an activity card; resolves with the updated user message. */
  decideProposal(
    profileId: string,
    messageId: string,
    decision: ProposalDecision,
  ): Promise<Message_Serialize>;
  /** Adds how a finished activity went to the conversation; resolves with the summary message. */
  addActivitySummary(
    profileId: string,
    conversationId: string,
    result: ActivityResult,
  ): Promise<Message_Serialize>;
  /** Saves a journal entry (the core counts its words). */
  saveJournalEntry(
    profileId: string,
    entry: NewJournalEntry_Deserialize,
  ): Promise<JournalEntry_Serialize>;
  /** Saves a finished or ended-early silent meditation. */
  saveMeditationSession(
    profileId: string,
    session: NewMeditationSession,
  ): Promise<MeditationSession>;
  /** Saved meditation sessions, newest first. */
  listMeditationSessions(profileId: string): Promise<MeditationSession[]>;
  /** Conversations, most recent first. */
  listConversations(profileId: string): Promise<ConversationSummary[]>;
  getConversation(profileId: string, conversationId: string): Promise<Conversation>;
  /** A conversation's messages, oldest first. */
  conversationMessages(profileId: string, conversationId: string): Promise<Message_Serialize[]>;
  renameConversation(
    profileId: string,
    conversationId: string,
    title: string,
  ): Promise<Conversation>;
  setConversationRemember(
    profileId: string,
    conversationId: string,
    remember: boolean,
  ): Promise<Conversation>;
  /** Deletes a conversation (and its memories unless kept); resolves with how many memories went. */
  deleteConversation(
    profileId: string,
    conversationId: string,
    keepMemories: boolean,
  ): Promise<number>;
  searchConversations(
    profileId: string,
    query: string,
    mode: SearchMode,
  ): Promise<ConversationHit_Serialize[]>;
  providerPresets(): Promise<ProviderPreset[]>;
  /** The chat model providers, in fallback order. */
  listProviders(profileId: string): Promise<ProviderSettings[]>;
  saveProvider(profileId: string, input: ProviderInput_Serialize): Promise<ProviderSettings>;
  deleteProvider(profileId: string, providerId: string): Promise<void>;
  reorderProviders(profileId: string, providerIds: string[]): Promise<ProviderSettings[]>;
  testProvider(profileId: string, providerId: string): Promise<ConnectionReport>;
  chatStatus(profileId: string): Promise<ChatStatus_Serialize>;
  setHelplineRegion(profileId: string, region: string): Promise<ChatStatus_Serialize>;
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
  const { code, reason, params } = value as Record<string, unknown>;
  return (
    typeof reason === "string" &&
    typeof params === "object" &&
    params !== null &&
    typeof code === "string" &&
    ERROR_CODES.some((c) => c === code)
  );
}

/** Turns anything a command rejected with into a BackendError. */
export function toBackendError(error: unknown): BackendError {
  if (error instanceof BackendError) return error;
  if (isAppError(error)) return new BackendError(error.code, error.reason, error.params);
  const detail = error instanceof Error ? error.message : String(error);
  return new BackendError("internal", "internal", {}, detail);
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
  breathingHistory: (profileId, page) => unwrap(commands.breathingHistory(profileId, page)),
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
  listMemories: (profileId, page) => unwrap(commands.listMemories(profileId, page)),
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

  sendMessage: (profileId, conversationId, text, onEvent) =>
    unwrap(commands.sendMessage(profileId, conversationId, text, replyChannel(onEvent))),
  cancelReply: (profileId, replyId) => done(commands.cancelReply(profileId, replyId)),
  retryReply: (profileId, conversationId, onEvent) =>
    unwrap(commands.retryReply(profileId, conversationId, replyChannel(onEvent))),
  decideProposal: (profileId, messageId, decision) =>
    unwrap(commands.decideProposal(profileId, messageId, decision)),
  addActivitySummary: (profileId, conversationId, result) =>
    unwrap(commands.addActivitySummary(profileId, conversationId, result)),
  saveJournalEntry: (profileId, entry) => unwrap(commands.saveJournalEntry(profileId, entry)),
  saveMeditationSession: (profileId, session) =>
    unwrap(commands.saveMeditationSession(profileId, session)),
  listMeditationSessions: (profileId) => unwrap(commands.listMeditationSessions(profileId)),
  listConversations: (profileId) => unwrap(commands.listConversations(profileId)),
  getConversation: (profileId, conversationId) =>
    unwrap(commands.getConversation(profileId, conversationId)),
  conversationMessages: (profileId, conversationId) =>
    unwrap(commands.conversationMessages(profileId, conversationId)),
  renameConversation: (profileId, conversationId, title) =>
    unwrap(commands.renameConversation(profileId, conversationId, title)),
  setConversationRemember: (profileId, conversationId, remember) =>
    unwrap(commands.setConversationRemember(profileId, conversationId, remember)),
  deleteConversation: (profileId, conversationId, keepMemories) =>
    unwrap(commands.deleteConversation(profileId, conversationId, keepMemories)),
  searchConversations: (profileId, query, mode) =>
    unwrap(commands.searchConversations(profileId, query, mode)),
  providerPresets: async () => {
    try {
      return await commands.providerPresets();
    } catch (error) {
      throw toBackendError(error);
    }
  },
  listProviders: (profileId) => unwrap(commands.listProviders(profileId)),
  saveProvider: (profileId, input) => unwrap(commands.saveProvider(profileId, input)),
  deleteProvider: (profileId, providerId) => done(commands.deleteProvider(profileId, providerId)),
  reorderProviders: (profileId, providerIds) =>
    unwrap(commands.reorderProviders(profileId, providerIds)),
  testProvider: (profileId, providerId) => unwrap(commands.testProvider(profileId, providerId)),
  chatStatus: (profileId) => unwrap(commands.chatStatus(profileId)),
  setHelplineRegion: (profileId, region) => unwrap(commands.setHelplineRegion(profileId, region)),
};

/** A channel for a chat reply's events (the shell sends the Serialize shape). */
function replyChannel(onEvent: (event: ReplyEvent_Serialize) => void) {
  const channel = new Channel<ReplyEvent_Deserialize>();
  channel.onmessage = (event) => {
    onEvent(event as ReplyEvent_Serialize);
  };
  return channel;
}

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
