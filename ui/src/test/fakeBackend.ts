import {
  BackendError,
  type AudioState,
  type AudioStatus,
  type Backend,
  type BreathingSession,
  type BreathingStats,
  type LiveBreathing,
  type Pattern,
  type RetentionPoint,
  type SafetyDecision,
  type SessionConfig,
  type SessionEvent,
  type SessionStats,
  type StartBreathing,
  type StartMeditation,
  type TimerEvent,
  type TechniqueInfo,
  type WimHofSettings,
  type NewProfile,
  type OnboardingAnswers,
  type Profile,
  type ReminderDue,
  type ReminderInput,
  type Settings,
  type SettingsChanged,
  type UpdateChannel,
  type UpdateProgress,
  type AmbientKind,
  type TrackChanges,
  type TrackImport,
  type WriteMeditation,
} from "../lib/backend";
import {
  CHALLENGES,
  COMMUNICATION_STYLES,
  CONTRAINDICATIONS,
  CURRENT_FEELINGS,
  EXPERIENCE_LEVELS,
  PREFERRED_ACTIVITIES,
  PRIMARY_GOALS,
  SESSION_LENGTHS,
  SUPPORT_TYPES,
} from "../features/onboarding/options";
import type { CoreNotice, MemoryKind, Page, SearchOptions } from "../lib/backend";
import { FakeArchive } from "./fakeArchive";
import { FakeLock } from "./fakeLock";
import { FakeMemory } from "./fakeMemory";
import { FakeReminders, reminderDueNotice } from "./fakeReminders";
import { FakeUpdates } from "./fakeUpdates";
import { FakeWellness } from "./fakeWellness";
import { CORE } from "./coreFixtures";
import type {
  ActivityResult,
  ActivitySummary,
  DayRange,
  JournalDraft,
  JournalEdit,
  JournalEntry,
  JournalFilter,
  MeditationSession,
  NewCheckin,
  NewJournalEntry,
  ProposalDecision,
  ProviderInput,
  ReplyEvent,
  SearchMode,
} from "../lib/backend";
import { FakeChat, PROVIDER_PRESETS, clip } from "./fakeChat";
import { FakeJournal } from "./fakeJournal";
import { FakeMeditation } from "./fakeMeditation";
import { FakeTracks } from "./fakeTracks";
import { FakeMood, parseDate, type ActivityDone } from "./fakeMood";
import { dayWritten, effectiveness, progress, type Done } from "./fakeProgress";
import { localDay } from "../lib/days";
import { pageLimit, requireText } from "./validation";

export const DEFAULT_SETTINGS: Settings = {
  theme: "system",
  locale: "en",
  cueVolume: 70,
  ambientVolume: 50,
  muted: false,
  ambientOn: false,
  ambientSound: "ocean",
  streaksOn: true,
  badgesOn: true,
  weeklyGoalDays: 5,
  voiceCuesOn: false,
  voiceCueVolume: 80,
  breathSoundsOn: false,
  breathVolume: 50,
  remoteMemories: false,
  remoteAboutYou: false,
};

export const SAMPLE_ANSWERS: OnboardingAnswers = {
  currentFeeling: "okay",
  primaryGoal: "reduce_stress",
  challenges: ["stress"],
  communicationStyle: "warm",
  supportType: "listening",
  preferredActivities: ["breathing"],
  experienceLevel: "beginner",
  sessionLength: "short",
  contraindications: [],
};

function oneOf(values: readonly string[], value: string) {
  if (!values.includes(value)) {
    throw new BackendError("validation", "invalid_value", { value, expected: [...values] });
  }
}

function allOf(values: readonly string[], list: readonly string[]) {
  for (const value of list) oneOf(values, value);
}

function validateAnswers(answers: OnboardingAnswers) {
  oneOf(CURRENT_FEELINGS, answers.currentFeeling);
  oneOf(PRIMARY_GOALS, answers.primaryGoal);
  allOf(CHALLENGES, answers.challenges);
  oneOf(COMMUNICATION_STYLES, answers.communicationStyle);
  oneOf(SUPPORT_TYPES, answers.supportType);
  allOf(PREFERRED_ACTIVITIES, answers.preferredActivities);
  oneOf(EXPERIENCE_LEVELS, answers.experienceLevel);
  oneOf(SESSION_LENGTHS, answers.sessionLength);
  allOf(CONTRAINDICATIONS, answers.contraindications);
}

function validateSettings(settings: Settings) {
  oneOf(["light", "system", "dark"], settings.theme);
  oneOf(["en", "es"], settings.locale);
  oneOf(["ocean", "rain", "forest", "white", "pink", "brown"], settings.ambientSound);
  for (const [subject, volume] of [
    ["cue_volume", settings.cueVolume],
    ["ambient_volume", settings.ambientVolume],
    ["voice_cue_volume", settings.voiceCueVolume],
    ["breath_volume", settings.breathVolume],
  ] as const) {
    if (!Number.isInteger(volume) || volume < 0 || volume > 100) {
      throw new BackendError("validation", "out_of_range", {
        subject,
        min: 0,
        max: 100,
        actual: volume,
      });
    }
  }
  const goal = settings.weeklyGoalDays;
  if (!Number.isInteger(goal) || goal < 1 || goal > 7) {
    throw new BackendError("validation", "out_of_range", {
      subject: "weekly_goal",
      min: 1,
      max: 7,
      actual: goal,
    });
  }
}

/** The core's longest profile name, in characters. */
const MAX_NAME_CHARS = CORE.limits.displayNameChars;

/** The core's display name check: trimmed, 1–100 characters, no control characters (a line break). */
function checkedDisplayName(raw: string): string {
  const name = requireText(raw, "display_name", MAX_NAME_CHARS);
  if (/\p{Cc}/u.test(name)) {
    throw new BackendError("validation", "invalid_characters", { subject: "display_name" });
  }
  return name;
}

type PresetTechnique = "box" | "relaxing_478" | "coherent" | "deep_calm";

/** The core's preset patterns. */
export const PRESETS = Object.fromEntries(
  CORE.techniques
    .filter((t) => t.technique !== "custom" && t.pattern !== null)
    .map((t) => [t.technique, t.pattern]),
) as Record<PresetTechnique, Pattern>;

/** The core's Wim Hof defaults. */
export const WIM_HOF_DEFAULTS = CORE.techniques.find((t) => t.technique === "wim_hof")
  ?.wimHof as WimHofSettings;

/** A session started on the fake: tests push its events with `emit`. */
export interface FakeRun {
  profileId: string;
  runId: string;
  config: SessionConfig;
  moodBefore: number | null;
  onEvent: (event: SessionEvent) => void;
  calls: string[];
  ended: { completed: boolean; stats: SessionStats } | null;
}

export function emptyStats(config: SessionConfig): SessionStats {
  return {
    technique: config.technique,
    activeMs: 0,
    totalMs: 0,
    cyclesCompleted: 0,
    roundsCompleted: 0,
    breaths: 0,
    retentionsMs: [],
    averageRetentionMs: null,
    bestRetentionMs: null,
  };
}

function withoutTechnique(config: SessionConfig & { technique: "wim_hof" }): WimHofSettings {
  const { rounds, breaths, tempoS, manualPacing, retentionTargetS, recoveryHoldS, recoveryPauseS } =
    config;
  return { rounds, breaths, tempoS, manualPacing, retentionTargetS, recoveryHoldS, recoveryPauseS };
}

interface StoredProfile {
  profile: Profile;
  settings: Settings;
  onboarding: OnboardingAnswers;
}

/**
 * An in-memory Backend that keeps the real one's rules (validation, not_found, the active profile),
 * so component tests exercise the same error paths the app meets.
 */
export class FakeBackend implements Backend {
  readonly profiles = new Map<string, StoredProfile>();
  activeId: string | null = null;
  private nextId = 1;
  private readonly listeners = new Set<(event: SettingsChanged) => void>();
  private readonly failures = new Map<keyof Backend, BackendError>();
  /** Sessions started, in order; the last is the one running. */
  readonly runs: FakeRun[] = [];
  /** Mood check-ins of every kind (see FakeMood). */
  readonly mood = new FakeMood((profileId) => this.stored(profileId));
  /** Journal entries and drafts (see FakeJournal). */
  readonly journal = new FakeJournal((profileId) => this.stored(profileId), this.mood);
  /** Meditation timers and their saved sessions (see FakeMeditation). */
  readonly meditation = new FakeMeditation((profileId) => this.stored(profileId), this.mood);
  /** Saved breathing sessions, newest first. */
  readonly sessions: BreathingSession[] = [];
  /** Which profile owns each saved session. */
  readonly sessionOwner = new Map<string, string>();
  gate: Omit<SafetyDecision, "showSafetyNotice"> = {
    allowed: true,
    suggestedTechnique: null,
    reason: null,
  };
  readonly acknowledged = new Set<string>();
  audioStatus: AudioStatus = {
    available: false,
    reason: "Sound is off: no audio output device. Sessions run silently.",
    sampleRate: 48000,
    deviceSampleRate: null,
  };
  /** The ambient bed the running session plays, as the core would: on at start when the profile
   *  has it on, switched by setBreathingAmbient, off when the session ends. */
  ambientPlaying = false;
  stats: BreathingStats | null = null;
  trend: RetentionPoint[] = [];

  /** Adds a profile directly (test set-up); the first one added becomes active. */
  seedProfile(displayName: string, settings: Partial<Settings> = {}): Profile {
    const profile: Profile = {
      id: `profile-${String(this.nextId++)}`,
      displayName,
      createdAt: new Date(Date.UTC(2025, 0, this.nextId)).toISOString(),
      hasPin: false,
      locked: false,
    };
    this.profiles.set(profile.id, {
      profile,
      settings: { ...DEFAULT_SETTINGS, ...settings },
      onboarding: SAMPLE_ANSWERS,
    });
    this.activeId ??= profile.id;
    return profile;
  }

  /**
   * Gives a profile a PIN set in an earlier run, so it starts locked as after a restart (test set-up);
   * returns the profile as it now is.
   */
  seedPin(profileId: string, pin = "1234"): Profile {
    return this.lock.seed(profileId, pin);
  }

  /** Makes the next call of `method` fail with this error. */
  failNext(method: keyof Backend, error: BackendError) {
    this.failures.set(method, error);
  }

  /** Announces a settings change as the shell would after another window changed them. */
  emitSettingsChanged(event: SettingsChanged) {
    for (const listener of this.listeners) listener(event);
  }

  /** Every command called, in order (e.g. to see that nothing of a locked profile was asked for). */
  readonly called: (keyof Backend)[] = [];

  private async run_<T>(method: keyof Backend, body: () => T | Promise<T>): Promise<T> {
    this.called.push(method);
    await Promise.resolve();
    const failure = this.failures.get(method);
    if (failure !== undefined) {
      this.failures.delete(method);
      throw failure;
    }
    return body();
  }

  /** A profile's record, locked or not: for what the core allows while it is locked. */
  private record(profileId: string): StoredProfile {
    const stored = this.profiles.get(profileId);
    if (stored === undefined) {
      throw new BackendError("not_found", "not_found", { subject: "profile", value: profileId });
    }
    return stored;
  }

  /**
   * A profile whose data is read or changed: every such command comes through here, so a locked
   * profile's data is refused as the core refuses it (its `require_profile`).
   */
  private stored(profileId: string): StoredProfile {
    const stored = this.record(profileId);
    if (stored.profile.locked) {
      throw new BackendError("conflict", "profile_locked", {
        subject: "profile",
        value: profileId,
      });
    }
    return stored;
  }

  listProfiles() {
    return this.run_("listProfiles", () => [...this.profiles.values()].map((s) => s.profile));
  }

  activeProfile() {
    return this.run_("activeProfile", () =>
      this.activeId === null ? null : this.record(this.activeId).profile,
    );
  }

  createProfile(input: NewProfile) {
    return this.run_("createProfile", () => {
      const name = checkedDisplayName(input.displayName);
      validateAnswers(input.onboarding);
      const profile = this.seedProfile(name);
      this.stored(profile.id).onboarding = input.onboarding;
      this.activeId = profile.id;
      return profile;
    });
  }

  renameProfile(profileId: string, displayName: string) {
    return this.run_("renameProfile", () => {
      // As the core: the name is checked before the profile is looked up.
      const name = checkedDisplayName(displayName);
      const stored = this.stored(profileId);
      stored.profile = { ...stored.profile, displayName: name };
      return stored.profile;
    });
  }

  switchProfile(profileId: string) {
    return this.run_("switchProfile", () => {
      const { profile } = this.record(profileId);
      this.activeId = profileId;
      return profile;
    });
  }

  deleteProfile(profileId: string) {
    return this.run_("deleteProfile", () => {
      this.stored(profileId);
      this.profiles.delete(profileId);
      this.lock.forget(profileId);
      if (this.activeId === profileId) this.activeId = null;
      return null;
    });
  }

  /** The optional profile lock: PINs, and which profiles are open in this run (see FakeLock). */
  readonly lock = new FakeLock((profileId) => this.record(profileId));

  setProfilePin(profileId: string, pin: string, currentPin: string | null) {
    return this.run_("setProfilePin", () => this.lock.setPin(profileId, pin, currentPin));
  }

  removeProfilePin(profileId: string, currentPin: string) {
    return this.run_("removeProfilePin", () => this.lock.removePin(profileId, currentPin));
  }

  unlockProfile(profileId: string, pin: string) {
    return this.run_("unlockProfile", () => this.lock.unlock(profileId, pin));
  }

  lockProfile(profileId: string) {
    return this.run_("lockProfile", () => this.lock.lock(profileId));
  }

  /** Profile archives: exports and imports (see FakeArchive). */
  readonly archive = new FakeArchive(
    (profileId) => this.stored(profileId),
    (displayName) => {
      // An imported profile does not become active.
      const active = this.activeId;
      const profile = this.seedProfile(displayName);
      this.activeId = active;
      return profile;
    },
    (notice) => {
      this.memory.emit(notice);
    },
  );

  exportProfile(profileId: string) {
    return this.run_("exportProfile", () => this.archive.export(profileId));
  }

  importProfile(archive: number[]) {
    return this.run_("importProfile", () => this.archive.import(archive));
  }

  getSettings(profileId: string) {
    // Open while locked: the lock screen speaks the profile's language in its theme.
    return this.run_("getSettings", () => this.record(profileId).settings);
  }

  updateSettings(profileId: string, settings: Settings) {
    return this.run_("updateSettings", () => {
      const stored = this.stored(profileId);
      validateSettings(settings);
      stored.settings = { ...settings };
      return stored.settings;
    });
  }

  getOnboarding(profileId: string) {
    return this.run_("getOnboarding", () => this.stored(profileId).onboarding);
  }

  updateOnboarding(profileId: string, answers: OnboardingAnswers) {
    return this.run_("updateOnboarding", () => {
      const stored = this.stored(profileId);
      validateAnswers(answers);
      stored.onboarding = answers;
      return answers;
    });
  }

  onSettingsChanged(listener: (event: SettingsChanged) => void) {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** The session running now (the last started). */
  get run(): FakeRun {
    const run = this.runs[this.runs.length - 1];
    if (run === undefined) throw new Error("no breathing session was started");
    return run;
  }

  /** Sends an event to the running session's listener, as the shell's channel would. */
  emit(event: SessionEvent) {
    const run = this.run;
    if (event.kind === "completed") run.ended = { completed: true, stats: event.stats };
    if (event.kind === "stopped") run.ended = { completed: false, stats: event.stats };
    if (run.ended !== null) this.ambientPlaying = false;
    run.onEvent(event);
  }

  /** Adds a saved session directly (test set-up). */
  seedSession(profileId: string, session: Partial<BreathingSession> = {}): BreathingSession {
    const saved: BreathingSession = {
      id: `session-${String(this.nextId++)}`,
      technique: "box",
      config: { technique: "box" },
      startedAt: "2025-03-01T10:00:00Z",
      endedAt: "2025-03-01T10:01:04Z",
      completed: true,
      stoppedAt: null,
      rounds: [],
      durationMs: 64000,
      moodBefore: null,
      moodAfter: null,
      wimHof: null,
      ...session,
    };
    this.sessions.unshift(saved);
    this.sessionOwner.set(saved.id, profileId);
    this.activityMoods(profileId, "breathing", saved);
    return saved;
  }

  /** Stores an activity's moods as check-ins, as the core does when it saves the activity. */
  private activityMoods(
    profileId: string,
    activity: "breathing" | "meditation",
    saved: {
      id: string;
      startedAt: string;
      endedAt: string;
      moodBefore: number | null;
      moodAfter: number | null;
    },
  ) {
    this.mood.saveActivityMoods(
      profileId,
      activity,
      saved.id,
      saved.moodBefore === null ? null : { mood: saved.moodBefore, at: saved.startedAt },
      saved.moodAfter === null ? null : { mood: saved.moodAfter, at: saved.endedAt },
    );
  }

  private liveRun(profileId: string, runId: string): FakeRun {
    this.stored(profileId);
    const run = this.runs.find((r) => r.runId === runId && r.profileId === profileId);
    if (run === undefined) {
      throw new BackendError("not_found", "not_found", {
        subject: "breathing_session",
        value: runId,
      });
    }
    return run;
  }

  private ownSession(profileId: string, sessionId: string) {
    this.stored(profileId);
    const index = this.sessions.findIndex(
      (s) => s.id === sessionId && this.sessionOwner.get(s.id) === profileId,
    );
    if (index < 0) {
      throw new BackendError("not_found", "not_found", {
        subject: "breathing_session",
        value: sessionId,
      });
    }
    return index;
  }

  breathingTechniques() {
    return this.run_("breathingTechniques", (): TechniqueInfo[] => CORE.techniques);
  }

  startBreathing(profileId: string, input: StartBreathing, onEvent: (e: SessionEvent) => void) {
    return this.run_("startBreathing", (): LiveBreathing => {
      this.stored(profileId);
      const { config } = input;
      if (config.technique === "custom") {
        const phases = [
          ["inhale", config.inhaleS],
          ["hold", config.holdS],
          ["exhale", config.exhaleS],
          ["hold_after", config.holdAfterS],
        ] as const;
        for (const [name, seconds] of phases) {
          if (seconds === null || !Number.isFinite(seconds) || seconds < 0 || seconds > 30) {
            throw new BackendError("validation", "out_of_range", {
              subject: "breathing_phase",
              min: 0,
              max: 30,
              actual: seconds !== null && Number.isFinite(seconds) ? seconds : null,
              value: name,
            });
          }
        }
        if (config.cycles < 1 || config.cycles > 50) {
          throw new BackendError("validation", "out_of_range", {
            subject: "cycles",
            min: 1,
            max: 50,
            actual: config.cycles,
          });
        }
      }
      this.ambientPlaying = this.stored(profileId).settings.ambientOn;
      const run: FakeRun = {
        profileId,
        runId: `run-${String(this.nextId++)}`,
        config,
        moodBefore: input.moodBefore,
        onEvent,
        calls: [],
        ended: null,
      };
      this.runs.push(run);
      return {
        runId: run.runId,
        config,
        pattern:
          config.technique === "custom"
            ? {
                inhaleS: config.inhaleS,
                holdS: config.holdS,
                exhaleS: config.exhaleS,
                holdAfterS: config.holdAfterS,
                cycles: config.cycles,
              }
            : config.technique === "wim_hof"
              ? null
              : PRESETS[config.technique],
        wimHof:
          config.technique === "wim_hof"
            ? { ...WIM_HOF_DEFAULTS, ...withoutTechnique(config) }
            : null,
      };
    });
  }

  private control(
    method: keyof Backend,
    profileId: string,
    runId: string,
    after: (run: FakeRun) => void,
  ) {
    return this.run_(method, () => {
      const run = this.liveRun(profileId, runId);
      if (run.ended !== null) throw new BackendError("conflict", "session_ended");
      run.calls.push(method);
      after(run);
      return null;
    });
  }

  pauseBreathing(profileId: string, runId: string) {
    return this.control("pauseBreathing", profileId, runId, (run) => {
      run.onEvent({ kind: "paused", atMs: 0, pausedMs: 0 });
    });
  }

  resumeBreathing(profileId: string, runId: string) {
    return this.control("resumeBreathing", profileId, runId, (run) => {
      run.onEvent({ kind: "resumed", atMs: 0, pausedMs: 0 });
    });
  }

  stopBreathing(profileId: string, runId: string) {
    return this.control("stopBreathing", profileId, runId, (run) => {
      const stats = emptyStats(run.config);
      run.ended = { completed: false, stats };
      this.ambientPlaying = false;
      run.onEvent({
        kind: "stopped",
        at: { phase: "inhale", cycle: 1, round: null, breath: null, phaseElapsedMs: 0 },
        stats,
      });
    });
  }

  tapBreath(profileId: string, runId: string) {
    return this.control("tapBreath", profileId, runId, () => undefined);
  }

  releaseRetention(profileId: string, runId: string) {
    return this.control("releaseRetention", profileId, runId, () => undefined);
  }

  finishBreathing(profileId: string, runId: string, moodAfter: number | null) {
    return this.run_("finishBreathing", () => {
      const run = this.liveRun(profileId, runId);
      if (moodAfter !== null && (moodAfter < 1 || moodAfter > 5)) {
        throw new BackendError("validation", "out_of_range", {
          subject: "mood_after",
          min: 1,
          max: 5,
          actual: moodAfter,
        });
      }
      this.runs.splice(this.runs.indexOf(run), 1);
      this.ambientPlaying = false;
      const stats = run.ended?.stats ?? emptyStats(run.config);
      return this.seedSession(profileId, {
        technique: run.config.technique,
        config: run.config,
        completed: run.ended?.completed ?? false,
        durationMs: stats.activeMs ?? 0,
        moodBefore: run.moodBefore,
        moodAfter,
      });
    });
  }

  breathingHistory(profileId: string, { limit, offset }: Page) {
    return this.run_("breathingHistory", () => {
      this.stored(profileId);
      const own = this.sessions.filter((s) => this.sessionOwner.get(s.id) === profileId);
      const items = own.slice(offset, offset + pageLimit(limit, 20, 100));
      return { items, total: own.length };
    });
  }

  getBreathingSession(profileId: string, sessionId: string) {
    return this.run_("getBreathingSession", () => {
      const session = this.sessions[this.ownSession(profileId, sessionId)];
      if (session === undefined)
        throw new BackendError("internal", "internal", {}, "lost a session");
      return session;
    });
  }

  deleteBreathingSession(profileId: string, sessionId: string) {
    return this.run_("deleteBreathingSession", () => {
      const [session] = this.sessions.splice(this.ownSession(profileId, sessionId), 1);
      if (session !== undefined) this.mood.forgetActivity(session.id);
      return null;
    });
  }

  breathingStats(profileId: string) {
    return this.run_("breathingStats", (): BreathingStats => {
      this.stored(profileId);
      if (this.stats !== null) return this.stats;
      const own = this.sessions.filter((s) => this.sessionOwner.get(s.id) === profileId);
      const techniques = [...new Set(own.map((s) => s.technique))];
      return {
        totalSessions: own.length,
        completedSessions: own.filter((s) => s.completed).length,
        totalDurationMs: own.reduce((sum, s) => sum + s.durationMs, 0),
        byTechnique: techniques.map((technique) => {
          const of = own.filter((s) => s.technique === technique);
          return {
            technique,
            started: of.length,
            completed: of.filter((s) => s.completed).length,
            totalDurationMs: of.reduce((sum, s) => sum + s.durationMs, 0),
          };
        }),
        monthly: [],
        wimHof: {
          sessions: 0,
          rounds: 0,
          averageRetentionMs: null,
          bestRetentionMs: null,
          totalDurationMs: 0,
        },
      };
    });
  }

  retentionTrend(profileId: string) {
    return this.run_("retentionTrend", () => {
      this.stored(profileId);
      return this.trend;
    });
  }

  /** The latest message each wimHofGate call was asked about, in order. */
  readonly gateMessages: (string | null)[] = [];

  wimHofGate(profileId: string, latestMessage: string | null) {
    return this.run_("wimHofGate", (): SafetyDecision => {
      const { onboarding } = this.stored(profileId);
      this.gateMessages.push(latestMessage);
      // As the core: a contraindication from the (current) onboarding answers blocks Wim Hof.
      if (onboarding.contraindications.length > 0) {
        return {
          allowed: false,
          suggestedTechnique: "coherent",
          reason: "contraindication",
          showSafetyNotice: false,
        };
      }
      const show = this.gate.allowed && !this.acknowledged.has(profileId);
      return { ...this.gate, showSafetyNotice: show };
    });
  }

  acknowledgeWimHofNotice(profileId: string) {
    return this.run_("acknowledgeWimHofNotice", () => {
      this.stored(profileId);
      this.acknowledged.add(profileId);
      return null;
    });
  }

  private audioOf(settings: Settings): AudioState {
    return {
      status: this.audioStatus,
      muted: settings.muted,
      ambientOn: settings.ambientOn,
      ambientSound: settings.ambientSound,
    };
  }

  /** Saves sound switches and announces the change, as the shell does. */
  private switchSound(profileId: string, change: Partial<Settings>): AudioState {
    const stored = this.stored(profileId);
    stored.settings = { ...stored.settings, ...change };
    this.emitSettingsChanged({ profileId, settings: stored.settings });
    return this.audioOf(stored.settings);
  }

  audioState(profileId: string) {
    return this.run_("audioState", () => this.audioOf(this.stored(profileId).settings));
  }

  setAudioMuted(profileId: string, muted: boolean) {
    return this.run_("setAudioMuted", () => this.switchSound(profileId, { muted }));
  }

  setBreathingAmbient(profileId: string, on: boolean) {
    return this.run_("setBreathingAmbient", () => {
      const state = this.switchSound(profileId, { ambientOn: on });
      if (this.runs.some((r) => r.profileId === profileId && r.ended === null)) {
        this.ambientPlaying = on;
      }
      return state;
    });
  }

  /** Memories, their search and status (see FakeMemory). */
  readonly memory = new FakeMemory();

  listMemories(profileId: string, { limit, offset }: Page) {
    return this.run_("listMemories", () =>
      this.memory.list(this.stored(profileId).profile.id, offset, limit),
    );
  }

  searchMemories(profileId: string, query: string, options: SearchOptions) {
    return this.run_("searchMemories", () =>
      this.memory.search(this.stored(profileId).profile.id, query, options),
    );
  }

  addMemory(profileId: string, text: string, kind: MemoryKind | null) {
    return this.run_("addMemory", () =>
      this.memory.add(this.stored(profileId).profile.id, text, kind ?? undefined),
    );
  }

  updateMemory(profileId: string, memoryId: string, text: string) {
    return this.run_("updateMemory", () =>
      this.memory.update(this.stored(profileId).profile.id, memoryId, text),
    );
  }

  deleteMemory(profileId: string, memoryId: string) {
    return this.run_("deleteMemory", () => {
      this.memory.delete(this.stored(profileId).profile.id, memoryId);
      return null;
    });
  }

  forgetAllMemories(profileId: string) {
    return this.run_("forgetAllMemories", () =>
      this.memory.forgetAll(this.stored(profileId).profile.id),
    );
  }

  memoryStatus(profileId: string) {
    return this.run_("memoryStatus", () => this.memory.statusOf(this.stored(profileId).profile.id));
  }

  onCoreNotice(listener: (notice: CoreNotice) => void) {
    return this.memory.subscribe(listener);
  }

  /** The companion chat: conversations, providers, and replies the test streams (see FakeChat). */
  readonly chat = new FakeChat();

  sendMessage(
    profileId: string,
    conversationId: string | null,
    text: string,
    onEvent: (event: ReplyEvent) => void,
  ) {
    return this.run_("sendMessage", () => {
      this.stored(profileId);
      // What helped the person comes first, as in the core.
      const helped = effectiveness(this.done(profileId));
      return this.chat.send(profileId, conversationId, text, onEvent, helped);
    });
  }

  cancelReply(profileId: string, replyId: string) {
    return this.run_("cancelReply", () => {
      this.chat.cancel(this.stored(profileId).profile.id, replyId);
      return null;
    });
  }

  retryReply(profileId: string, conversationId: string, onEvent: (event: ReplyEvent) => void) {
    return this.run_("retryReply", () =>
      this.chat.retry(this.stored(profileId).profile.id, conversationId, onEvent),
    );
  }

  decideProposal(profileId: string, messageId: string, decision: ProposalDecision) {
    return this.run_("decideProposal", () =>
      this.chat.decide(this.stored(profileId).profile.id, messageId, decision),
    );
  }

  addActivitySummary(profileId: string, conversationId: string, result: ActivityResult) {
    return this.run_("addActivitySummary", () => {
      this.stored(profileId);
      return this.chat.addSummary(
        profileId,
        conversationId,
        result,
        this.summaryOf(profileId, result),
      );
    });
  }

  /**
   * "Talk about this", as the core does it: the entry is checked first (not_found for another profile's
   * or an unknown id), then a new conversation starts with the entry's note; with `remember`, the
   * entry's words (clipped to a memory's length) also become a journal memory of that conversation.
   */
  discussJournalEntry(profileId: string, entryId: string, remember: boolean) {
    return this.run_("discussJournalEntry", () => {
      const entry = this.journal.get(profileId, entryId);
      const summary = this.summaryOf(profileId, { kind: "journaling", entryId: entry.id });
      const conversation = this.chat.discuss(profileId, summary, entry);
      if (remember) {
        const memory = this.memory.add(
          profileId,
          clip(entry.text, CORE.limits.memoryChars),
          "journal",
        );
        memory.conversationId = conversation.id;
      }
      return conversation;
    });
  }

  /** What the core builds from the saved session or entry a result names. */
  private summaryOf(profileId: string, result: ActivityResult): ActivitySummary {
    switch (result.kind) {
      case "breathing": {
        const session = this.sessions.find(
          (s) => s.id === result.sessionId && this.sessionOwner.get(s.id) === profileId,
        );
        if (session === undefined) {
          throw new BackendError("not_found", "not_found", {
            subject: "breathing_session",
            value: result.sessionId,
          });
        }
        return {
          activity: "breathing",
          technique: session.technique,
          durationMs: session.durationMs,
          completed: session.completed,
          moodBefore: session.moodBefore,
          moodAfter: session.moodAfter,
          sessionId: session.id,
        };
      }
      case "journaling": {
        const entry = this.journal.get(profileId, result.entryId);
        return {
          activity: "journaling",
          technique: entry.category ?? "free",
          durationMs: entry.writingMs,
          completed: true,
          moodBefore: entry.moodBefore,
          moodAfter: entry.moodAfter,
          sessionId: entry.id,
        };
      }
      case "meditation": {
        const session = this.meditationSessions.find(
          (s) => s.id === result.sessionId && this.meditationOwner.get(s.id) === profileId,
        );
        if (session === undefined) {
          throw new BackendError("not_found", "not_found", {
            subject: "meditation_session",
            value: result.sessionId,
          });
        }
        return {
          activity: "meditation",
          technique: session.kind,
          durationMs: session.durationMs,
          completed: session.completed,
          moodBefore: session.moodBefore,
          moodAfter: session.moodAfter,
          sessionId: session.id,
        };
      }
    }
  }

  /** Saved meditation sessions, newest first. */
  get meditationSessions(): MeditationSession[] {
    return this.meditation.sessions;
  }

  /** Which profile owns each saved meditation session. */
  get meditationOwner(): Map<string, string> {
    return this.meditation.owner;
  }

  startMeditation(profileId: string, input: StartMeditation, onEvent: (event: TimerEvent) => void) {
    return this.run_("startMeditation", () => this.meditation.start(profileId, input, onEvent));
  }

  pauseMeditation(profileId: string, runId: string) {
    return this.run_("pauseMeditation", () => {
      this.meditation.control(profileId, runId, "pause");
      return null;
    });
  }

  resumeMeditation(profileId: string, runId: string) {
    return this.run_("resumeMeditation", () => {
      this.meditation.control(profileId, runId, "resume");
      return null;
    });
  }

  stopMeditation(profileId: string, runId: string) {
    return this.run_("stopMeditation", () => {
      this.meditation.control(profileId, runId, "stop");
      return null;
    });
  }

  finishMeditation(profileId: string, runId: string, moodAfter: number | null) {
    return this.run_("finishMeditation", () => this.meditation.finish(profileId, runId, moodAfter));
  }

  meditationHistory(profileId: string, page: Page) {
    return this.run_("meditationHistory", () => this.meditation.history(profileId, page));
  }

  deleteMeditationSession(profileId: string, sessionId: string) {
    return this.run_("deleteMeditationSession", () => {
      this.meditation.delete(profileId, sessionId);
      return null;
    });
  }

  /** Guided tracks: imports, the list, and the one track loaded (see FakeTracks). */
  readonly tracks = new FakeTracks(
    (profileId) => this.stored(profileId),
    (notice) => {
      this.memory.emit(notice);
    },
  );

  pickTrackFile() {
    return this.run_("pickTrackFile", () => this.tracks.pick());
  }

  importTrack(profileId: string, input: TrackImport) {
    return this.run_("importTrack", () => this.tracks.import(profileId, input));
  }

  guidedTracks(profileId: string) {
    return this.run_("guidedTracks", () => this.tracks.list(profileId));
  }

  updateTrack(profileId: string, trackId: string, changes: TrackChanges) {
    return this.run_("updateTrack", () => this.tracks.update(profileId, trackId, changes));
  }

  deleteTrack(profileId: string, trackId: string) {
    return this.run_("deleteTrack", () => {
      this.tracks.delete(profileId, trackId);
      return null;
    });
  }

  playTrack(
    profileId: string,
    trackId: string,
    fromMs: number | null,
    ambient: AmbientKind | null,
  ) {
    return this.run_("playTrack", () => this.tracks.play(profileId, trackId, fromMs, ambient));
  }

  trackPlayback(profileId: string) {
    return this.run_("trackPlayback", () => this.tracks.playback(profileId));
  }

  pauseTrack(profileId: string) {
    return this.run_("pauseTrack", () => this.tracks.pause(profileId));
  }

  seekTrack(profileId: string, positionMs: number) {
    return this.run_("seekTrack", () => this.tracks.seek(profileId, positionMs));
  }

  stopTrack(profileId: string) {
    return this.run_("stopTrack", () => this.tracks.stop(profileId));
  }

  setTrackVolume(volume: number) {
    return this.run_("setTrackVolume", () => {
      this.tracks.setVolume(volume);
      return null;
    });
  }

  writtenMeditations() {
    return this.run_("writtenMeditations", () => this.tracks.written());
  }

  speakWrittenMeditation(profileId: string, writtenId: string, title: string) {
    return this.run_("speakWrittenMeditation", () =>
      this.tracks.speak(profileId, writtenId, title),
    );
  }

  meditationSeries(profileId: string) {
    return this.run_("meditationSeries", () => this.tracks.series(profileId));
  }

  seriesDayTrack(profileId: string, series: string, day: number, title: string) {
    return this.run_("seriesDayTrack", () =>
      this.tracks.seriesDayTrack(profileId, series, day, title),
    );
  }

  writeMeditation(profileId: string, input: WriteMeditation) {
    return this.run_("writeMeditation", () =>
      this.tracks.write(profileId, input, this.chat.configured(profileId)),
    );
  }

  /** Breathing's spoken cues, spoken once for the fake app (see FakeTracks.prepareCues). */
  prepareVoiceCues(profileId: string) {
    return this.run_("prepareVoiceCues", () => this.tracks.prepareCues(profileId));
  }

  trackScript(profileId: string, trackId: string) {
    return this.run_("trackScript", () => this.tracks.script(profileId, trackId));
  }

  /** Every profile's saved journal entries, newest first. */
  get journalEntries(): JournalEntry[] {
    return this.journal.entries;
  }

  saveJournalEntry(profileId: string, entry: NewJournalEntry) {
    return this.run_("saveJournalEntry", () => this.journal.save(profileId, entry));
  }

  getJournalEntry(profileId: string, entryId: string) {
    return this.run_("getJournalEntry", () => this.journal.get(profileId, entryId));
  }

  listJournalEntries(profileId: string, filter: JournalFilter, page: Page) {
    return this.run_("listJournalEntries", () => this.journal.list(profileId, filter, page));
  }

  editJournalEntry(profileId: string, entryId: string, edit: JournalEdit) {
    return this.run_("editJournalEntry", () => this.journal.edit(profileId, entryId, edit));
  }

  setJournalFavourite(profileId: string, entryId: string, favourite: boolean) {
    return this.run_("setJournalFavourite", () =>
      this.journal.setFavourite(profileId, entryId, favourite),
    );
  }

  deleteJournalEntry(profileId: string, entryId: string) {
    return this.run_("deleteJournalEntry", () => {
      this.journal.delete(profileId, entryId);
      return null;
    });
  }

  saveJournalDraft(profileId: string, draft: JournalDraft) {
    return this.run_("saveJournalDraft", () => this.journal.saveDraft(profileId, draft));
  }

  getJournalDraft(profileId: string) {
    return this.run_("getJournalDraft", () => this.journal.draft(profileId));
  }

  discardJournalDraft(profileId: string) {
    return this.run_("discardJournalDraft", () => {
      this.journal.discardDraft(profileId);
      return null;
    });
  }

  addCheckin(profileId: string, checkin: NewCheckin) {
    return this.run_("addCheckin", () => this.mood.add(profileId, checkin));
  }

  listCheckins(profileId: string, page: Page) {
    return this.run_("listCheckins", () => this.mood.list(profileId, page));
  }

  deleteCheckin(profileId: string, checkinId: string) {
    return this.run_("deleteCheckin", () => {
      const { activityId, moment } = this.mood.delete(profileId, checkinId);
      // The activity's mood is read from its check-in in the core, so it is gone there too.
      if (activityId !== null && moment !== null) {
        const key = moment === "before" ? "moodBefore" : "moodAfter";
        for (const saved of [
          ...this.sessions,
          ...this.meditationSessions,
          ...this.journal.entries,
        ]) {
          if (saved.id === activityId) saved[key] = null;
        }
      }
      return null;
    });
  }

  moodTrend(profileId: string, range: DayRange) {
    return this.run_("moodTrend", () => {
      const done: ActivityDone[] = [
        ...this.sessions
          .filter((s) => this.sessionOwner.get(s.id) === profileId)
          .map((s) => ({ activity: "breathing" as const, id: s.id, at: s.endedAt })),
        ...this.meditationSessions
          .filter((s) => this.meditationOwner.get(s.id) === profileId)
          .map((s) => ({ activity: "meditation" as const, id: s.id, at: s.endedAt })),
        ...this.journal.entries
          .filter((e) => this.journal.owner.get(e.id) === profileId)
          .map((e) => ({ activity: "journaling" as const, id: e.id, at: e.createdAt })),
      ];
      return this.mood.trend(profileId, range, done);
    });
  }

  /** Every saved activity of a profile as the core's progress reads it (see fakeProgress). */
  private done(profileId: string): Done[] {
    this.stored(profileId);
    const moods = (id: string) => ({
      before: this.mood.moodOf(id, "before"),
      after: this.mood.moodOf(id, "after"),
    });
    return [
      ...this.sessions
        .filter((s) => this.sessionOwner.get(s.id) === profileId)
        .map((s) => ({
          activity: "breathing" as const,
          kind: s.technique,
          day: dayWritten(s.startedAt),
          completed: s.completed,
          at: Date.parse(s.startedAt),
          ...moods(s.id),
        })),
      ...this.meditationSessions
        .filter((s) => this.meditationOwner.get(s.id) === profileId)
        .map((s) => ({
          activity: "meditation" as const,
          kind: s.kind,
          day: dayWritten(s.startedAt),
          completed: s.completed,
          at: Date.parse(s.startedAt),
          ...moods(s.id),
        })),
      // A series day heard to its end is a meditation of its kind, on the day it was done.
      ...this.tracks.seriesDone(profileId).map((d) => ({
        activity: "meditation" as const,
        kind: d.kind,
        day: d.completedOn,
        completed: true,
        at: Date.parse(d.completedAt ?? ""),
        before: null,
        after: null,
      })),
      // The core dates an entry by the device's calendar when it saves it.
      ...this.journal.entries
        .filter((e) => this.journal.owner.get(e.id) === profileId)
        .map((e) => ({
          activity: "journaling" as const,
          kind: e.category ?? "free",
          day: localDay(new Date(e.createdAt)),
          completed: true,
          at: Date.parse(e.createdAt),
          ...moods(e.id),
        })),
    ];
  }

  getProgress(profileId: string, today: string) {
    return this.run_("getProgress", () => {
      // The day is checked first, as the core parses it before reading anything.
      parseDate(today);
      const settings = this.stored(profileId).settings;
      return progress(
        this.done(profileId),
        today,
        settings,
        this.tracks.seriesCompleted(profileId),
      );
    });
  }

  activityEffectiveness(profileId: string) {
    return this.run_("activityEffectiveness", () => effectiveness(this.done(profileId)));
  }

  listConversations(profileId: string, page: Page) {
    return this.run_("listConversations", () =>
      this.chat.list(this.stored(profileId).profile.id, page),
    );
  }

  getConversation(profileId: string, conversationId: string) {
    return this.run_("getConversation", () =>
      this.chat.get(this.stored(profileId).profile.id, conversationId),
    );
  }

  conversationMessages(profileId: string, conversationId: string, page: Page) {
    return this.run_("conversationMessages", () =>
      this.chat.messages(this.stored(profileId).profile.id, conversationId, page),
    );
  }

  renameConversation(profileId: string, conversationId: string, title: string) {
    return this.run_("renameConversation", () =>
      this.chat.rename(this.stored(profileId).profile.id, conversationId, title),
    );
  }

  setConversationRemember(profileId: string, conversationId: string, remember: boolean) {
    return this.run_("setConversationRemember", () =>
      this.chat.setRemember(this.stored(profileId).profile.id, conversationId, remember),
    );
  }

  deleteConversation(profileId: string, conversationId: string, keepMemories: boolean) {
    return this.run_("deleteConversation", () =>
      this.chat.delete(this.stored(profileId).profile.id, conversationId, keepMemories),
    );
  }

  searchConversations(profileId: string, query: string, mode: SearchMode) {
    return this.run_("searchConversations", () =>
      this.chat.search(this.stored(profileId).profile.id, query, mode),
    );
  }

  providerPresets() {
    return this.run_("providerPresets", () => PROVIDER_PRESETS);
  }

  listProviders(profileId: string) {
    return this.run_("listProviders", () =>
      this.chat.listProviders(this.stored(profileId).profile.id),
    );
  }

  saveProvider(profileId: string, input: ProviderInput) {
    return this.run_("saveProvider", () =>
      this.chat.saveProvider(this.stored(profileId).profile.id, input),
    );
  }

  allowProvider(profileId: string, providerId: string) {
    return this.run_("allowProvider", () =>
      this.chat.allow(this.stored(profileId).profile.id, providerId),
    );
  }

  deleteProvider(profileId: string, providerId: string) {
    return this.run_("deleteProvider", () => {
      this.chat.deleteProvider(this.stored(profileId).profile.id, providerId);
      return null;
    });
  }

  reorderProviders(profileId: string, providerIds: string[]) {
    return this.run_("reorderProviders", () =>
      this.chat.reorder(this.stored(profileId).profile.id, providerIds),
    );
  }

  testProvider(profileId: string, providerId: string) {
    return this.run_("testProvider", () =>
      this.chat.test(this.stored(profileId).profile.id, providerId),
    );
  }

  chatStatus(profileId: string) {
    return this.run_("chatStatus", () => this.chat.status(this.stored(profileId).profile.id));
  }

  setHelplineRegion(profileId: string, region: string) {
    return this.run_("setHelplineRegion", () =>
      this.chat.setRegion(this.stored(profileId).profile.id, region),
    );
  }

  /** Daily reminders, and the notifications shown (see FakeReminders). */
  readonly reminders = new FakeReminders();

  listReminders(profileId: string) {
    return this.run_("listReminders", () => this.reminders.list(this.stored(profileId).profile.id));
  }

  saveReminder(profileId: string, reminder: ReminderInput) {
    return this.run_("saveReminder", () => {
      this.reminders.check(reminder);
      return this.reminders.save(this.stored(profileId).profile.id, reminder);
    });
  }

  deleteReminder(profileId: string, reminderId: string) {
    return this.run_("deleteReminder", () => {
      this.reminders.delete(this.stored(profileId).profile.id, reminderId);
      return null;
    });
  }

  showNotification(title: string, body: string) {
    return this.run_("showNotification", () => {
      this.reminders.show(title, body);
      return null;
    });
  }

  /** Announces a due reminder as the shell would, in the shape the UI really receives it. */
  emitReminderDue(due: ReminderDue) {
    this.memory.emit(reminderDueNotice(due));
  }

  /** What the companion learned about each profile; tests seed it (see FakeWellness). */
  readonly wellness = new FakeWellness((profileId) => this.stored(profileId));

  wellnessProfile(profileId: string) {
    return this.run_("wellnessProfile", () => this.wellness.profile(profileId));
  }

  removeWellnessItem(profileId: string, itemId: string) {
    return this.run_("removeWellnessItem", () => {
      this.wellness.remove(profileId, itemId);
      return null;
    });
  }

  setWellnessNote(profileId: string, itemId: string, note: string) {
    return this.run_("setWellnessNote", () => this.wellness.setNote(profileId, itemId, note));
  }

  setWellnessLearning(profileId: string, on: boolean) {
    return this.run_("setWellnessLearning", () => {
      this.wellness.setLearning(profileId, on);
      return null;
    });
  }

  resetWellness(profileId: string) {
    return this.run_("resetWellness", () => {
      this.wellness.reset(profileId);
      return null;
    });
  }

  /** Signed app updates: what the app runs and what each channel offers (see FakeUpdates). */
  readonly updates = new FakeUpdates();

  updateStatus() {
    return this.run_("updateStatus", () => this.updates.status());
  }

  setUpdateChannel(channel: UpdateChannel) {
    return this.run_("setUpdateChannel", () => this.updates.setChannel(channel));
  }

  checkForUpdate(downgrade: boolean) {
    return this.run_("checkForUpdate", () => this.updates.check(downgrade));
  }

  installUpdate(onProgress: (progress: UpdateProgress) => void) {
    return this.run_("installUpdate", () => this.updates.install(onProgress));
  }

  restartApp() {
    return this.run_("restartApp", () => {
      this.updates.restart();
      return null;
    });
  }
}
