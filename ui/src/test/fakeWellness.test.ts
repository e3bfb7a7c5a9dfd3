import { describe, expect, it } from "vitest";
import { toBackendError } from "../lib/backend";
import { FakeBackend } from "./fakeBackend";
import { from } from "./seedWellness";

function setUp() {
  const backend = new FakeBackend();
  const ana = backend.seedProfile("Ana");
  const bea = backend.seedProfile("Bea");
  const [work, box] = backend.wellness.seed(ana.id, [
    { kind: "topic", code: "work", value: 5, sources: from({ messages: 5 }) },
    { kind: "helps", code: "breathing:box", value: 86, sources: from({ sessions: 3 }) },
  ]);
  const [beas] = backend.wellness.seed(bea.id, [{ kind: "topic", code: "sleep", value: 3 }]);
  if (work === undefined || box === undefined || beas === undefined) throw new Error("not seeded");
  const refusal = (promise: Promise<unknown>) => promise.then(() => null, toBackendError);
  return { backend, ana, bea, work, box, beas, refusal };
}

const UNKNOWN = "7a0c2a4e-9d3b-4f7e-8a51-3c2b1d0e9f88";

describe("the fake's wellness profile keeps the core's rules", () => {
  it("shows each profile its own items, by kind then strongest first, learning on", async () => {
    const { backend, ana, bea, refusal } = setUp();
    backend.wellness.seed(ana.id, [{ kind: "topic", code: "money", value: 9 }]);
    const profile = await backend.wellnessProfile(ana.id);
    expect(profile.learning).toBe(true);
    expect(profile.items.map((i) => `${i.kind}:${i.code}`)).toEqual([
      "topic:money",
      "topic:work",
      "helps:breathing:box",
    ]);
    expect((await backend.wellnessProfile(bea.id)).items.map((i) => i.code)).toEqual(["sleep"]);
    expect(await refusal(backend.wellnessProfile("nobody"))).toMatchObject({
      code: "not_found",
      params: { subject: "profile" },
    });
  });

  it("removes an item for good, and only the profile's own", async () => {
    const { backend, ana, work, beas, refusal } = setUp();
    await backend.setWellnessNote(ana.id, work.id, "Fridays");
    await backend.removeWellnessItem(ana.id, work.id);
    expect((await backend.wellnessProfile(ana.id)).items.map((i) => i.code)).toEqual([
      "breathing:box",
    ]);
    for (const id of [work.id, UNKNOWN, beas.id]) {
      expect(await refusal(backend.removeWellnessItem(ana.id, id))).toMatchObject({
        code: "not_found",
        reason: "not_found",
        params: { subject: "wellness_item", value: id },
      });
    }
    expect(await refusal(backend.setWellnessNote(ana.id, work.id, "x"))).toMatchObject({
      code: "not_found",
      params: { subject: "wellness_item" },
    });
    expect(await refusal(backend.removeWellnessItem(ana.id, "nope"))).toMatchObject({
      code: "validation",
      reason: "invalid_format",
      params: { subject: "wellness_item", value: "nope" },
    });
  });

  it("keeps a note trimmed, to 200 characters and without NUL; empty clears it", async () => {
    const { backend, ana, box, refusal } = setUp();
    await expect(backend.setWellnessNote(ana.id, box.id, "  Before bed \n")).resolves.toMatchObject(
      { id: box.id, note: "Before bed" },
    );
    await expect(backend.setWellnessNote(ana.id, box.id, "é".repeat(200))).resolves.toMatchObject({
      note: "é".repeat(200),
    });
    // The length is checked first, even for an item that does not exist.
    for (const id of [box.id, UNKNOWN]) {
      expect(await refusal(backend.setWellnessNote(ana.id, id, "é".repeat(201)))).toMatchObject({
        code: "validation",
        reason: "too_long",
        params: { subject: "wellness_note", max: 200, actual: 201 },
      });
    }
    expect(await refusal(backend.setWellnessNote(ana.id, box.id, "a\0b"))).toMatchObject({
      code: "validation",
      reason: "invalid_characters",
      params: { subject: "wellness_note" },
    });
    await expect(backend.setWellnessNote(ana.id, box.id, "   ")).resolves.toMatchObject({
      note: "",
    });
  });

  it("pauses learning and resets one profile's items, removed ones too", async () => {
    const { backend, ana, bea, work } = setUp();
    await backend.setWellnessLearning(ana.id, false);
    expect((await backend.wellnessProfile(ana.id)).learning).toBe(false);
    expect((await backend.wellnessProfile(bea.id)).learning).toBe(true);
    await backend.removeWellnessItem(ana.id, work.id);
    await backend.resetWellness(ana.id);
    expect((await backend.wellnessProfile(ana.id)).items).toEqual([]);
    expect(backend.wellness.items.filter((s) => s.profileId === ana.id)).toEqual([]);
    expect((await backend.wellnessProfile(bea.id)).items).toHaveLength(1);
    await backend.setWellnessLearning(ana.id, true);
    expect((await backend.wellnessProfile(ana.id)).learning).toBe(true);
  });
});
