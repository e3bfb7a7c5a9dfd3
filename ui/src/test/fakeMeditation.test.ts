// The fake's meditation timer keeps the core's rules, so UI tests meet the errors the app meets.
import { describe, expect, it } from "vitest";
import type { StartMeditation, TimerEvent } from "../lib/backend";
import { FakeBackend } from "./fakeBackend";
import { bellsOf } from "./fakeMeditation";
import { refusal } from "./refusal";

function withTwo() {
  const backend = new FakeBackend();
  const ana = backend.seedProfile("Ana");
  const ben = backend.seedProfile("Ben");
  return { backend, ana, ben };
}

const FIRST_PAGE = { limit: null, offset: 0 };

const TEN_MINUTES: StartMeditation = { config: { plannedMs: 600_000 }, moodBefore: null };

describe("the fake's meditation timer", () => {
  it("checks the length, the interval and the mood before as the core does", async () => {
    const { backend, ana } = withTwo();
    const start = (input: StartMeditation) =>
      refusal(backend.startMeditation(ana.id, input, () => undefined));

    expect(await start({ config: { plannedMs: 181 * 60_000 }, moodBefore: null })).toEqual({
      code: "validation",
      reason: "out_of_range",
      params: { subject: "meditation_length", min: 1, max: 180, actual: 181 },
    });
    expect(
      await start({ config: { plannedMs: 600_000, intervalMs: 30_000 }, moodBefore: null }),
    ).toEqual({
      code: "validation",
      reason: "out_of_range",
      params: { subject: "bell_interval", min: 1, max: 30, actual: 0.5 },
    });
    expect((await start({ ...TEN_MINUTES, moodBefore: 0 })).params).toMatchObject({
      subject: "mood_before",
    });
    expect(backend.meditation.runs).toHaveLength(0);
  });

  it("rings the start, every interval strictly inside, and the end", () => {
    expect(bellsOf({ plannedMs: 600_000, intervalMs: 300_000 })).toEqual([
      { kind: "start", atMs: 0 },
      { kind: "interval", atMs: 300_000 },
      { kind: "end", atMs: 600_000 },
    ]);
    expect(bellsOf({ plannedMs: 180_000 })).toEqual([
      { kind: "start", atMs: 0 },
      { kind: "end", atMs: 180_000 },
    ]);
  });

  it("steers only the profile's own timer, and saves it once", async () => {
    const { backend, ana, ben } = withTwo();
    const events: TimerEvent[] = [];
    const live = await backend.startMeditation(
      ana.id,
      { config: { plannedMs: 600_000, intervalMs: 120_000, binaural: "alpha" }, moodBefore: 2 },
      (e) => events.push(e),
    );
    expect(live.bells.map((b) => b.atMs)).toEqual([0, 120_000, 240_000, 360_000, 480_000, 600_000]);

    expect((await refusal(backend.pauseMeditation(ben.id, live.runId))).params).toMatchObject({
      subject: "meditation_session",
    });
    backend.meditation.emit({ kind: "tick", elapsedMs: 5_000, remainingMs: 595_000 });
    await backend.pauseMeditation(ana.id, live.runId);
    await backend.resumeMeditation(ana.id, live.runId);
    await backend.stopMeditation(ana.id, live.runId);
    expect(events.slice(1)).toEqual([
      { kind: "paused", elapsedMs: 5_000 },
      { kind: "resumed", elapsedMs: 5_000 },
      { kind: "stopped", durationMs: 5_000 },
    ]);

    // The mood after is checked before the run is looked up.
    expect(
      (await refusal(backend.finishMeditation(ana.id, "no-such-run", 9))).params,
    ).toMatchObject({ subject: "mood_after" });
    const saved = await backend.finishMeditation(ana.id, live.runId, 4);
    expect(saved).toMatchObject({
      plannedMs: 600_000,
      intervalMs: 120_000,
      ambient: null,
      binaural: "alpha",
      durationMs: 5_000,
      completed: false,
      moodBefore: 2,
      moodAfter: 4,
    });
    expect(await backend.meditationHistory(ana.id, FIRST_PAGE)).toEqual({
      items: [saved],
      total: 1,
    });
    expect(await backend.meditationHistory(ben.id, FIRST_PAGE)).toEqual({ items: [], total: 0 });
    expect(await refusal(backend.finishMeditation(ana.id, live.runId, null))).toMatchObject({
      code: "not_found",
    });
  });

  it("stops and saves a timer the profile left running when it starts another", async () => {
    const { backend, ana } = withTwo();
    await backend.startMeditation(ana.id, TEN_MINUTES, () => undefined);
    backend.meditation.emit({ kind: "tick", elapsedMs: 30_000, remainingMs: 570_000 });
    await backend.startMeditation(ana.id, TEN_MINUTES, () => undefined);

    expect(backend.meditation.runs).toHaveLength(1);
    expect(backend.meditationSessions).toHaveLength(1);
    expect(backend.meditationSessions[0]).toMatchObject({ durationMs: 30_000, completed: false });
  });

  it("deletes only the profile's own session, with its mood check-ins", async () => {
    const { backend, ana, ben } = withTwo();
    const kept = backend.meditation.seed(ana.id, { moodBefore: 3 });
    const gone = backend.meditation.seed(ana.id, { moodBefore: 2, moodAfter: 4 });
    expect(await backend.listCheckins(ana.id, { limit: null, offset: 0 })).toHaveLength(3);

    expect(await refusal(backend.deleteMeditationSession(ben.id, gone.id))).toEqual({
      code: "not_found",
      reason: "not_found",
      params: { subject: "meditation_session", value: gone.id },
    });
    expect(await backend.deleteMeditationSession(ana.id, gone.id)).toBeNull();
    expect((await backend.meditationHistory(ana.id, FIRST_PAGE)).items).toEqual([kept]);
    const left = await backend.listCheckins(ana.id, { limit: null, offset: 0 });
    expect(left.map((c) => c.activityId)).toEqual([kept.id]);
    expect((await refusal(backend.deleteMeditationSession(ana.id, gone.id))).code).toBe(
      "not_found",
    );
  });

  it("pages the history newest first, 20 by default, 1 to 100 at a time", async () => {
    const { backend, ana, ben } = withTwo();
    for (let day = 1; day <= 25; day++) {
      const date = `2025-03-${String(day).padStart(2, "0")}`;
      backend.meditation.seed(ana.id, {
        startedAt: `${date}T10:00:00Z`,
        endedAt: `${date}T10:10:00Z`,
      });
    }
    backend.meditation.seed(ben.id);

    const first = await backend.meditationHistory(ana.id, FIRST_PAGE);
    expect(first.total).toBe(25);
    expect(first.items).toHaveLength(20);
    expect(first.items[0]?.startedAt).toBe("2025-03-25T10:00:00Z");
    const rest = await backend.meditationHistory(ana.id, { limit: 10, offset: 20 });
    expect(rest.items.map((s) => s.startedAt.slice(0, 10))).toEqual([
      "2025-03-05",
      "2025-03-04",
      "2025-03-03",
      "2025-03-02",
      "2025-03-01",
    ]);
    expect(rest.total).toBe(25);

    for (const limit of [0, 101]) {
      expect(await refusal(backend.meditationHistory(ana.id, { limit, offset: 0 }))).toEqual({
        code: "validation",
        reason: "out_of_range",
        params: { subject: "page_size", min: 1, max: 100, actual: limit },
      });
    }
    expect(await refusal(backend.meditationHistory("no-such-profile", FIRST_PAGE))).toEqual({
      code: "not_found",
      reason: "not_found",
      params: { subject: "profile", value: "no-such-profile" },
    });
  });
});
