import { BackendError, type Profile } from "../lib/backend";

/** The fewest and most digits of a PIN, as in the core. */
export const PIN_DIGITS = { min: 4, max: 8 } as const;
/** Wrong PINs in a row before each try has to wait. */
export const FREE_ATTEMPTS = 5;
/** The first wait, in seconds; it doubles with each wrong PIN after that, up to MAX_WAIT_S. */
export const FIRST_WAIT_S = 30;
export const MAX_WAIT_S = 3600;

/** How long the try after `failures` wrong PINs in a row waits, in seconds (0: none). */
export function waitAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  const doublings = Math.min(failures - FREE_ATTEMPTS, 16);
  return Math.min(FIRST_WAIT_S * 2 ** doublings, MAX_WAIT_S);
}

function validatePin(pin: string) {
  const { min, max } = PIN_DIGITS;
  if (pin.length < min || pin.length > max || !/^[0-9]+$/.test(pin)) {
    throw new BackendError("validation", "invalid_format", { subject: "pin", min, max });
  }
}

/**
 * The optional profile lock for the fake backend (ADR 0016), with the core's rules: a PIN of 4–8 ASCII
 * digits; a profile with a PIN is locked until it is given in this run; the current PIN is needed to
 * change or remove it; after five wrong PINs in a row each further try waits (30 s, then twice as
 * long each time, up to an hour). It keeps each profile's `hasPin` and `locked` up to date through
 * `record`; the backend refuses a locked profile's data.
 */
export class FakeLock {
  private readonly pins = new Map<string, string>();
  private readonly unlocked = new Set<string>();
  private readonly failures = new Map<string, number>();
  /** When each profile's next try may be made, in ms. */
  private readonly retryAt = new Map<string, number>();
  /** The clock the waits are measured by, in ms; a test may move it. */
  now: () => number = () => Date.now();

  constructor(
    /** A profile's stored record, whether it is locked or not (not_found when there is none). */
    private readonly record: (profileId: string) => { profile: Profile },
  ) {}

  /** Gives a profile a PIN as if set in an earlier run: it starts locked (test set-up). */
  seed(profileId: string, pin: string): Profile {
    validatePin(pin);
    this.pins.set(profileId, pin);
    this.unlocked.delete(profileId);
    return this.sync(profileId);
  }

  /** Starts a new app run: every profile with a PIN is locked again. */
  restart() {
    const ids = [...this.unlocked];
    this.unlocked.clear();
    for (const id of ids) this.sync(id);
  }

  /** Drops what the lock kept of a deleted profile. */
  forget(profileId: string) {
    this.pins.delete(profileId);
    this.unlocked.delete(profileId);
    this.failures.delete(profileId);
    this.retryAt.delete(profileId);
  }

  /** The PIN a profile has, if any (for tests). */
  pinOf(profileId: string): string | undefined {
    return this.pins.get(profileId);
  }

  setPin(profileId: string, pin: string, currentPin: string | null): Profile {
    validatePin(pin);
    this.checkCurrent(profileId, currentPin);
    this.pins.set(profileId, pin);
    this.failures.delete(profileId);
    this.retryAt.delete(profileId);
    this.unlocked.add(profileId);
    return this.sync(profileId);
  }

  removePin(profileId: string, currentPin: string): Profile {
    this.checkCurrent(profileId, currentPin);
    this.pins.delete(profileId);
    this.failures.delete(profileId);
    this.retryAt.delete(profileId);
    return this.sync(profileId);
  }

  unlock(profileId: string, pin: string): Profile {
    this.record(profileId);
    if (this.pins.has(profileId)) this.checkPin(profileId, pin);
    this.unlocked.add(profileId);
    return this.sync(profileId);
  }

  lock(profileId: string): Profile {
    this.record(profileId);
    this.unlocked.delete(profileId);
    return this.sync(profileId);
  }

  /** When the profile has a PIN, `current` must be it; then the profile is open in this run. */
  private checkCurrent(profileId: string, current: string | null) {
    this.record(profileId);
    if (!this.pins.has(profileId)) return;
    this.checkPin(profileId, current ?? "");
    this.unlocked.add(profileId);
  }

  /** Checks a PIN, counting wrong ones and making tries wait after too many. */
  private checkPin(profileId: string, pin: string) {
    const now = this.now();
    const retryAt = this.retryAt.get(profileId);
    if (retryAt !== undefined && retryAt > now) {
      throw new BackendError("conflict", "too_many_attempts", {
        subject: "pin",
        actual: Math.ceil((retryAt - now) / 1000),
      });
    }
    const right = this.pins.get(profileId) === pin;
    const failures = right ? 0 : (this.failures.get(profileId) ?? 0) + 1;
    this.failures.set(profileId, failures);
    const wait = waitAfter(failures);
    if (wait > 0) this.retryAt.set(profileId, now + wait * 1000);
    else this.retryAt.delete(profileId);
    if (right) return;
    throw new BackendError("validation", "wrong_pin", {
      subject: "pin",
      actual: Math.max(FREE_ATTEMPTS - failures, 0),
    });
  }

  /** Writes the profile's `hasPin` and `locked` on its record, and gives the profile back. */
  private sync(profileId: string): Profile {
    const stored = this.record(profileId);
    const hasPin = this.pins.has(profileId);
    stored.profile = { ...stored.profile, hasPin, locked: hasPin && !this.unlocked.has(profileId) };
    return stored.profile;
  }
}
