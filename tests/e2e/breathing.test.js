// Breathing end to end in the real app: a short custom pattern whose phase labels change on screen,
// saved and found again in history after a restart; a full box session on time, with the cues spoken
// by the voice on the device and breath sounds; and one manually paced Wim Hof round.
import assert from "node:assert/strict";
import { test } from "node:test";
import { invoke, withApp } from "./harness.js";
import { click, fill, onboard, waitForText } from "./ui.js";

const q = (s) => JSON.stringify(s);

/** Clicks the choice (radio or checkbox) whose label is `name`. */
async function choose(b, name) {
  const input = await b.$(
    `//label[@aria-label=${q(name)} or normalize-space(.)=${q(name)}]//input`,
  );
  await input.waitForExist({ timeout: 10_000 });
  await b.execute((el) => el.click(), input);
}

/** Records every phase label the session screen shows, in order, from now on. */
async function recordPhases(b) {
  await b.execute(() => {
    window.__phases = [];
    const read = () => {
      const el = document.querySelector('[role="dialog"] p[aria-live="polite"]');
      const text = el?.textContent?.trim();
      if (text && window.__phases[window.__phases.length - 1] !== text) window.__phases.push(text);
    };
    new MutationObserver(read).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

/** Clicks a button of the open session dialog (the page under it has buttons of the same name). */
async function clickInDialog(b, name) {
  const el = await b.$(`//*[@role="dialog"]//button[normalize-space(.)=${q(name)}]`);
  await el.waitForClickable({ timeout: 10_000 });
  await el.click();
}

async function activeProfileId(b) {
  const { ok } = await invoke(b, "active_profile");
  return ok.id;
}

test("a custom pattern runs, is saved, and is in history after a restart", async (t) => {
  await withApp(t, async (app) => {
    let b = app.browser;
    await onboard(b, "Ana");
    await click(b, "Breathing");
    await choose(b, "Custom pattern");
    await fill(b, "Breathe in (seconds)", "1");
    await fill(b, "Hold (seconds)", "0");
    await fill(b, "Breathe out (seconds)", "1");
    await fill(b, "Hold after breathing out (seconds)", "0");
    await fill(b, "Cycles", "2");
    await click(b, "3 — Okay");
    await recordPhases(b);
    await click(b, "Start");
    await waitForText(b, "Well done", 20_000);
    const phases = await b.execute(() => window.__phases);
    assert.deepEqual(phases, ["Breathe in", "Breathe out", "Breathe in", "Breathe out"]);
    const cycles = await b.execute(
      () => [...document.querySelectorAll("dt")].find((dt) => dt.textContent === "Cycles completed")
        ?.nextElementSibling?.textContent,
    );
    assert.equal(cycles, "2");
    await clickInDialog(b, "4 — Good");
    await click(b, "Save and close");
    await waitForText(b, "Session saved");

    b = await app.open(); // quit and start the app again on the same data directory
    await waitForText(b, "Hi, Ana");
    await click(b, "Breathing");
    await click(b, "History");
    await waitForText(b, "Custom pattern");
    await waitForText(b, "1 sessions · 1 completed · 0:04");
    const profileId = await activeProfileId(b);
    const { ok: history } = await invoke(b, "breathing_history", { profileId, page: { limit: 20, offset: 0 } });
    assert.equal(history.total, 1);
    const [session] = history.items;
    assert.equal(session.technique, "custom");
    assert.equal(session.completed, true);
    assert.equal(session.rounds.length, 2);
    assert.equal(session.moodBefore, 3);
    assert.equal(session.moodAfter, 4);
    assert.ok(Math.abs(session.durationMs - 4000) <= 50, `4 s of breathing, got ${session.durationMs} ms`);
  });
});

test("a box session with spoken cues and breath sounds runs its 4 cycles of in, hold, out, hold on time and is saved", async (t) => {
  await withApp(t, async (app) => {
    const b = app.browser;
    await onboard(b, "Cleo");
    // The voice on the device speaks the cues once, when they are turned on.
    await click(b, "Settings");
    await click(b, "Spoken cues");
    await waitForText(b, "Spoken cues are ready.", 60_000);
    await click(b, "Breath sounds");
    const { ok: settings } = await invoke(b, "get_settings", { profileId: await activeProfileId(b) });
    assert.deepEqual([settings.voiceCuesOn, settings.breathSoundsOn], [true, true]);
    await click(b, "Breathing");
    await choose(b, "Box Breathing");
    await recordPhases(b);
    await click(b, "Start");
    await waitForText(b, "Well done", 90_000); // 4 cycles × 16 s
    const phases = await b.execute(() => window.__phases);
    const cycle = ["Breathe in", "Hold", "Breathe out", "Hold"];
    assert.deepEqual(phases, [...cycle, ...cycle, ...cycle, ...cycle]);
    await click(b, "Save and close");
    await waitForText(b, "Session saved");
    const profileId = await activeProfileId(b);
    const { ok: history } = await invoke(b, "breathing_history", { profileId, page: { limit: 20, offset: 0 } });
    const [session] = history.items;
    assert.equal(session.technique, "box");
    assert.equal(session.completed, true);
    assert.equal(session.rounds.length, 4);
    assert.ok(Math.abs(session.durationMs - 64_000) <= 100, `64 s of breathing, got ${session.durationMs} ms`);
  });
});

test("one manually paced Wim Hof round: Space breaths, release, recovery, results, saved", async (t) => {
  await withApp(t, async (app) => {
    const b = app.browser;
    await onboard(b, "Ben");
    await click(b, "Breathing");
    await choose(b, "Wim Hof Method");
    await waitForText(b, "Before you start");
    await waitForText(b, "Never practise in or near water.");
    await choose(b, "I have read this and will practise safely");
    await choose(b, "I'll pace my breaths myself (tap or Space)");
    await fill(b, "Rounds", "1");
    await fill(b, "Breaths per round", "10");
    await fill(b, "Recovery hold (seconds)", "5");
    await click(b, "Start");
    for (let breath = 1; breath <= 10; breath++) {
      await waitForText(b, `Breath ${breath} of 10`);
      await b.keys(" ");
    }
    await waitForText(b, "Hold your breath");
    await waitForText(b, "Target 1:30");
    await click(b, "Release");
    await waitForText(b, "Recovery breath");
    await waitForText(b, "Well done", 20_000);
    const results = await b.$('//li[starts-with(normalize-space(.), "Round 1: 0:")]');
    await results.waitForDisplayed({ timeout: 5_000 });
    await click(b, "Save and close");
    await waitForText(b, "Session saved");

    const profileId = await activeProfileId(b);
    const { ok: history } = await invoke(b, "breathing_history", { profileId, page: { limit: 20, offset: 0 } });
    assert.equal(history.total, 1);
    const [session] = history.items;
    assert.equal(session.technique, "wim_hof");
    assert.equal(session.completed, true);
    assert.equal(session.rounds[0].breaths, 10);
    assert.equal(session.wimHof.retentionsMs.length, 1);
    const { ok: gate } = await invoke(b, "wim_hof_gate", { profileId, latestMessage: null });
    assert.equal(gate.showSafetyNotice, false, "the notice was acknowledged");
  });
});
