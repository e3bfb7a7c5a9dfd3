import {
  BackendError,
  type Backend,
  type NewProfile,
  type OnboardingAnswers,
  type Profile,
  type Settings,
  type SettingsChanged,
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

export const DEFAULT_SETTINGS: Settings = {
  theme: "system",
  locale: "en",
  cueVolume: 70,
  ambientVolume: 50,
  muted: false,
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

function oneOf(values: readonly string[], value: string, field: string) {
  if (!values.includes(value)) {
    throw new BackendError("validation", `Unknown ${field} "${value}".`);
  }
}

function allOf(values: readonly string[], list: readonly string[], field: string) {
  for (const value of list) oneOf(values, value, field);
}

function validateAnswers(answers: OnboardingAnswers) {
  oneOf(CURRENT_FEELINGS, answers.currentFeeling, "current feeling");
  oneOf(PRIMARY_GOALS, answers.primaryGoal, "primary goal");
  allOf(CHALLENGES, answers.challenges, "challenge");
  oneOf(COMMUNICATION_STYLES, answers.communicationStyle, "communication style");
  oneOf(SUPPORT_TYPES, answers.supportType, "support type");
  allOf(PREFERRED_ACTIVITIES, answers.preferredActivities, "activity");
  oneOf(EXPERIENCE_LEVELS, answers.experienceLevel, "experience level");
  oneOf(SESSION_LENGTHS, answers.sessionLength, "session length");
  allOf(CONTRAINDICATIONS, answers.contraindications, "contraindication");
}

function validateSettings(settings: Settings) {
  oneOf(["light", "system", "dark"], settings.theme, "theme");
  oneOf(["en", "es"], settings.locale, "language");
  for (const volume of [settings.cueVolume, settings.ambientVolume]) {
    if (!Number.isInteger(volume) || volume < 0 || volume > 100) {
      throw new BackendError("validation", "Volumes go from 0 to 100.");
    }
  }
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

  /** Adds a profile directly (test set-up); the first one added becomes active. */
  seedProfile(displayName: string, settings: Partial<Settings> = {}): Profile {
    const profile: Profile = {
      id: `profile-${String(this.nextId++)}`,
      displayName,
      createdAt: new Date(Date.UTC(2025, 0, this.nextId)).toISOString(),
    };
    this.profiles.set(profile.id, {
      profile,
      settings: { ...DEFAULT_SETTINGS, ...settings },
      onboarding: SAMPLE_ANSWERS,
    });
    this.activeId ??= profile.id;
    return profile;
  }

  /** Makes the next call of `method` fail with this error. */
  failNext(method: keyof Backend, error: BackendError) {
    this.failures.set(method, error);
  }

  /** Announces a settings change as the shell would after another window changed them. */
  emitSettingsChanged(event: SettingsChanged) {
    for (const listener of this.listeners) listener(event);
  }

  private async run<T>(method: keyof Backend, body: () => T): Promise<T> {
    await Promise.resolve();
    const failure = this.failures.get(method);
    if (failure !== undefined) {
      this.failures.delete(method);
      throw failure;
    }
    return body();
  }

  private stored(profileId: string): StoredProfile {
    const stored = this.profiles.get(profileId);
    if (stored === undefined) throw new BackendError("not_found", "That profile doesn't exist.");
    return stored;
  }

  listProfiles() {
    return this.run("listProfiles", () => [...this.profiles.values()].map((s) => s.profile));
  }

  activeProfile() {
    return this.run("activeProfile", () =>
      this.activeId === null ? null : this.stored(this.activeId).profile,
    );
  }

  createProfile(input: NewProfile) {
    return this.run("createProfile", () => {
      const name = input.displayName.trim();
      if (name.length === 0) {
        throw new BackendError("validation", "Please enter a name for this profile.");
      }
      if (name.length > 100) {
        throw new BackendError("validation", "A name can be at most 100 characters long.");
      }
      validateAnswers(input.onboarding);
      const profile = this.seedProfile(name);
      this.stored(profile.id).onboarding = input.onboarding;
      this.activeId = profile.id;
      return profile;
    });
  }

  switchProfile(profileId: string) {
    return this.run("switchProfile", () => {
      const { profile } = this.stored(profileId);
      this.activeId = profileId;
      return profile;
    });
  }

  deleteProfile(profileId: string) {
    return this.run("deleteProfile", () => {
      this.stored(profileId);
      this.profiles.delete(profileId);
      if (this.activeId === profileId) this.activeId = null;
    });
  }

  getSettings(profileId: string) {
    return this.run("getSettings", () => this.stored(profileId).settings);
  }

  updateSettings(profileId: string, settings: Settings) {
    return this.run("updateSettings", () => {
      const stored = this.stored(profileId);
      validateSettings(settings);
      stored.settings = { ...settings };
      return stored.settings;
    });
  }

  getOnboarding(profileId: string) {
    return this.run("getOnboarding", () => this.stored(profileId).onboarding);
  }

  updateOnboarding(profileId: string, answers: OnboardingAnswers) {
    return this.run("updateOnboarding", () => {
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
}
