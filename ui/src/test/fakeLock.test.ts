import { describe, expect, it } from "vitest";
import { toBackendError } from "../lib/backend";
import { FakeBackend, SAMPLE_ANSWERS } from "./fakeBackend";
import { waitAfter } from "./fakeLock";

const UNKNOWN = "7a0c2a4e-9d3b-4f7e-8a51-3c2b1d0e9f88";

/** What a call was refused with (code, reason and the parameters given), or null when it was not. */
async function refusal(promise: Promise<unknown>) {
  return promise.then(
    () => null,
    (error: unknown) => {
      const { code, reason, params } = toBackendError(error);
      return { code, reason, ...params };
    },
  );
}

describe("the fake's profile lock", () => {
  it("gives a profile a PIN of 4 to 8 digits, and it stays open in this run", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana");
    expect(ana).toMatchObject({ hasPin: false, locked: false });

    for (const pin of ["123", "123456789", "12a4", " 1234", "١٢٣٤", ""]) {
      expect(await refusal(backend.setProfilePin(ana.id, pin, null))).toEqual({
        code: "validation",
        reason: "invalid_format",
        subject: "pin",
        min: 4,
        max: 8,
      });
    }
    expect(backend.lock.pinOf(ana.id)).toBeUndefined();

    const withPin = await backend.setProfilePin(ana.id, "2468", null);
    expect(withPin).toEqual({ ...ana, hasPin: true, locked: false });
    expect(await backend.activeProfile()).toEqual(withPin);
    expect(await backend.listProfiles()).toEqual([withPin]);
    await expect(backend.listConversations(ana.id, { limit: null, offset: 0 })).resolves.toEqual({
      items: [],
      total: 0,
    });

    expect(await refusal(backend.setProfilePin(UNKNOWN, "1234", null))).toMatchObject({
      code: "not_found",
      reason: "not_found",
      subject: "profile",
    });
  });

  it("needs the current PIN to change or remove it", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana");
    await backend.setProfilePin(ana.id, "2468", null);

    expect(await refusal(backend.setProfilePin(ana.id, "1357", null))).toEqual({
      code: "validation",
      reason: "wrong_pin",
      subject: "pin",
      actual: 4,
    });
    expect(await refusal(backend.setProfilePin(ana.id, "1357", "0000"))).toMatchObject({
      reason: "wrong_pin",
      actual: 3,
    });
    // The new PIN is checked before the current one.
    expect(await refusal(backend.setProfilePin(ana.id, "13", "0000"))).toMatchObject({
      reason: "invalid_format",
    });
    expect(await backend.setProfilePin(ana.id, "1357", "2468")).toMatchObject({
      hasPin: true,
      locked: false,
    });
    expect(backend.lock.pinOf(ana.id)).toBe("1357");

    expect(await refusal(backend.removeProfilePin(ana.id, "2468"))).toMatchObject({
      reason: "wrong_pin",
      // The right PIN started the count again.
      actual: 4,
    });
    expect(await backend.removeProfilePin(ana.id, "1357")).toEqual({
      ...ana,
      hasPin: false,
      locked: false,
    });
    // Without a PIN, any "current" one will do, and none is needed.
    await expect(backend.removeProfilePin(ana.id, "")).resolves.toMatchObject({ hasPin: false });
  });

  it("refuses a locked profile's data, but not its name, settings or switching to it", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana", { locale: "es" });
    const ben = backend.seedProfile("Ben");
    const locked = backend.seedPin(ana.id, "2468");
    expect(locked).toEqual({ ...ana, hasPin: true, locked: true });

    const refusedAsLocked = {
      code: "conflict",
      reason: "profile_locked",
      subject: "profile",
      value: ana.id,
    };
    const page = { limit: 10, offset: 0 };
    const settings = await backend.getSettings(ana.id);
    // Each called in turn: every one is refused.
    const calls = [
      () => backend.listConversations(ana.id, page),
      () => backend.listJournalEntries(ana.id, {}, page),
      () => backend.listCheckins(ana.id, page),
      () => backend.listMemories(ana.id, page),
      () => backend.getOnboarding(ana.id),
      () => backend.updateSettings(ana.id, settings),
      () => backend.renameProfile(ana.id, "Anita"),
      () => backend.exportProfile(ana.id),
      () => backend.deleteProfile(ana.id),
      () => backend.listReminders(ana.id),
      () => backend.wellnessProfile(ana.id),
      () => backend.breathingHistory(ana.id, page),
      () => backend.meditationHistory(ana.id, page),
      () => backend.getProgress(ana.id, "2025-03-01"),
      () => backend.chatStatus(ana.id),
    ];
    for (const call of calls) {
      expect(await refusal(call())).toEqual(refusedAsLocked);
    }
    expect(backend.profiles.has(ana.id)).toBe(true);

    await expect(backend.getSettings(ana.id)).resolves.toMatchObject({ locale: "es" });
    await expect(backend.activeProfile()).resolves.toEqual(locked);
    await expect(backend.listProfiles()).resolves.toEqual([locked, ben]);
    await expect(backend.switchProfile(ben.id)).resolves.toEqual(ben);
    await expect(backend.switchProfile(ana.id)).resolves.toEqual(locked);
    // Another profile's data is not locked with it.
    await expect(backend.listConversations(ben.id, page)).resolves.toEqual({ items: [], total: 0 });
  });

  it("unlocks with the right PIN until it is locked again or the app restarts", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana");
    backend.seedPin(ana.id, "2468");

    const open = await backend.unlockProfile(ana.id, "2468");
    expect(open).toEqual({ ...ana, hasPin: true, locked: false });
    await expect(backend.getOnboarding(ana.id)).resolves.toEqual(SAMPLE_ANSWERS);

    expect(await backend.lockProfile(ana.id)).toEqual({ ...open, locked: true });
    expect(await refusal(backend.getOnboarding(ana.id))).toMatchObject({
      reason: "profile_locked",
    });
    await backend.unlockProfile(ana.id, "2468");
    backend.lock.restart();
    expect(await backend.activeProfile()).toMatchObject({ locked: true });

    // Locking or unlocking a profile without a PIN changes nothing.
    const ben = backend.seedProfile("Ben");
    expect(await backend.lockProfile(ben.id)).toEqual(ben);
    expect(await backend.unlockProfile(ben.id, "")).toEqual(ben);

    for (const call of [backend.unlockProfile(UNKNOWN, "1234"), backend.lockProfile(UNKNOWN)]) {
      expect(await refusal(call)).toMatchObject({
        code: "not_found",
        reason: "not_found",
        subject: "profile",
      });
    }
  });

  it("counts wrong PINs, then makes each try wait longer", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana");
    backend.seedPin(ana.id, "2468");
    let now = 1_000_000;
    backend.lock.now = () => now;

    const left: unknown[] = [];
    for (let i = 0; i < 5; i++) {
      left.push((await refusal(backend.unlockProfile(ana.id, "0000")))?.actual);
    }
    expect(left).toEqual([4, 3, 2, 1, 0]);

    // Even the right PIN waits.
    expect(await refusal(backend.unlockProfile(ana.id, "2468"))).toEqual({
      code: "conflict",
      reason: "too_many_attempts",
      subject: "pin",
      actual: 30,
    });
    now += 10_500;
    expect(await refusal(backend.unlockProfile(ana.id, "2468"))).toMatchObject({
      reason: "too_many_attempts",
      actual: 20,
    });

    now += 20_000;
    expect(await refusal(backend.unlockProfile(ana.id, "0000"))).toMatchObject({
      reason: "wrong_pin",
      actual: 0,
    });
    expect(await refusal(backend.unlockProfile(ana.id, "2468"))).toMatchObject({
      reason: "too_many_attempts",
      actual: 60,
    });

    now += 60_000;
    expect(await backend.unlockProfile(ana.id, "2468")).toMatchObject({ locked: false });
    // The right PIN starts the count again.
    expect(
      await refusal(backend.lockProfile(ana.id).then(() => backend.unlockProfile(ana.id, "1"))),
    ).toMatchObject({ reason: "wrong_pin", actual: 4 });

    expect([4, 5, 6, 7, 10, 20, 30].map(waitAfter)).toEqual([0, 30, 60, 120, 960, 3600, 3600]);
  });
});
