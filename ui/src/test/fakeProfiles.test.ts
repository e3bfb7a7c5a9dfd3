import { describe, expect, it } from "vitest";
import { toBackendError } from "../lib/backend";
import { FakeBackend } from "./fakeBackend";

const UNKNOWN = "7a0c2a4e-9d3b-4f7e-8a51-3c2b1d0e9f88";
const refusal = (promise: Promise<unknown>) => promise.then(() => null, toBackendError);

describe("the fake renames a profile as the core does", () => {
  it("trims the new name and stores it", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana");
    const renamed = await backend.renameProfile(ana.id, "  Anita \t");
    expect(renamed).toEqual({ ...ana, displayName: "Anita" });
    expect(await backend.activeProfile()).toEqual(renamed);
    expect(await backend.listProfiles()).toEqual([renamed]);
  });

  it("refuses a blank, too long or multi-line name, and an unknown profile", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana");
    const refused = async (profileId: string, name: string) => {
      const error = await refusal(backend.renameProfile(profileId, name));
      return error === null ? null : { code: error.code, reason: error.reason, ...error.params };
    };

    expect(await refused(ana.id, " \n ")).toEqual({
      code: "validation",
      reason: "empty",
      subject: "display_name",
    });
    // Characters, not UTF-16 units, are counted.
    expect(await refused(ana.id, ` ${"é".repeat(101)} `)).toEqual({
      code: "validation",
      reason: "too_long",
      subject: "display_name",
      max: 100,
      actual: 101,
    });
    expect(await refused(ana.id, `${"a".repeat(100)}😀`)).toMatchObject({ actual: 101 });
    expect(await refused(ana.id, "An\na")).toEqual({
      code: "validation",
      reason: "invalid_characters",
      subject: "display_name",
    });
    expect(await refused(UNKNOWN, "Bo")).toMatchObject({
      code: "not_found",
      reason: "not_found",
      subject: "profile",
    });
    // The name is checked before the profile is looked up.
    expect(await refused(UNKNOWN, "  ")).toMatchObject({ reason: "empty" });
    expect(backend.profiles.get(ana.id)?.profile.displayName).toBe("Ana");
  });
});
