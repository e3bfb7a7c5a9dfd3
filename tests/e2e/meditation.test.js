// The Meditation page end to end in the real app (issue 10): a length out of range is refused with
// the core's message; a one-minute timer with the rain bed, alpha binaural beats and a pause in the
// middle runs in the core to its end bell, is saved with both moods, appears in the history, and is
// deleted from it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { invoke, withApp } from "./harness.js";
import { alertText, click, fillField, onboard, waitForText } from "./ui.js";

const q = (s) => JSON.stringify(s);

/** Clicks the button named `name` in the open dialog (the set-up form behind it has the same moods). */
async function clickInDialog(b, name) {
  const button = await b.$(`//*[@role="dialog"]//button[normalize-space(.)=${q(name)}]`);
  await button.waitForClickable({ timeout: 10_000 });
  await button.click();
}

/** Clicks the label of a visually hidden radio (a segmented choice). */
async function choose(b, label) {
  const el = await b.$(`//label[normalize-space(.)=${q(label)}]`);
  await el.waitForClickable({ timeout: 10_000 });
  await el.click();
}

test("a one-minute timer with a bed, binaural beats and a pause runs to its end and is saved with both moods", async (t) => {
  await withApp(t, async (app) => {
    const b = app.browser;
    await onboard(b, "Ana");
    await click(b, "Meditation");
    await waitForText(b, "A new session");

    // Out of range: the core's refusal, in words.
    await choose(b, "Custom");
    await fillField(b, "Minutes (1–180)", "200");
    await click(b, "Begin");
    assert.equal(
      await alertText(b),
      "The meditation length (minutes) must be between 1 and 180; it was 200.",
    );

    await fillField(b, "Minutes (1–180)", "1");
    await fillField(b, "Ambient sound", "rain");
    await fillField(b, "Binaural beats", "alpha");
    await waitForText(b, "Use headphones: each ear hears a slightly different tone.");
    await click(b, "2 — Low");
    await click(b, "Begin");
    await click(b, "Pause");
    await waitForText(b, "Paused");
    await click(b, "Resume");

    // The core ends it at one minute meditated (the pause not counted).
    await waitForText(b, "Well done", 90_000);
    await clickInDialog(b, "4 — Good");
    await clickInDialog(b, "Save");
    await waitForText(b, "Session saved");
    await waitForText(b, "Completed");

    const { ok: profile } = await invoke(b, "active_profile");
    const { ok: history } = await invoke(b, "meditation_history", {
      profileId: profile.id,
      page: { limit: null, offset: 0 },
    });
    assert.equal(history.total, 1);
    const sessions = history.items;
    const [s] = sessions;
    assert.deepEqual(
      [s.plannedMs, s.durationMs, s.completed, s.ambient, s.binaural, s.moodBefore, s.moodAfter],
      [60_000, 60_000, true, "rain", "alpha", 2, 4],
    );
    // The paused time lies between start and end, outside the time meditated.
    assert.ok(Date.parse(s.endedAt) - Date.parse(s.startedAt) > 60_000);

    // Deleted from the history, with its moods.
    const del = await b.$('//button[starts-with(@aria-label, "Delete meditation from ")]');
    await del.waitForClickable({ timeout: 10_000 });
    await del.click();
    await clickInDialog(b, "Delete");
    await waitForText(b, "No meditations yet. The sessions you save will appear here.");
    const { ok: left } = await invoke(b, "meditation_history", {
      profileId: profile.id,
      page: { limit: null, offset: 0 },
    });
    assert.deepEqual(left, { items: [], total: 0 });
  });
});
