// What helped, Progress and settings end to end in the real app (issue 12). Three box sessions that lifted
// the mood are completed in the Breathing page on three consecutive days: the app runs two days back,
// then one, then today, with the core's clock moved by WBOT_CLOCK_OFFSET_DAYS (a debug build's test
// setting; the UI's "today" stays the real one). Then the companion's breathing proposal for a
// sleepless night is box "because it helped", Progress shows the 3-day streak, the name is changed in
// Settings, and contraindications edited there make the Wim Hof gate refuse at once, on the Breathing
// page and in the chat's proposal card.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { invoke, withApp } from "./harness.js";
import { click, fillField, onboard, waitForText } from "./ui.js";

const q = (s) => JSON.stringify(s);

/** Clicks the choice (radio or checkbox) whose label is `name`. */
async function choose(b, name) {
  const input = await b.$(`//label[@aria-label=${q(name)} or normalize-space(.)=${q(name)}]//input`);
  await input.waitForExist({ timeout: 10_000 });
  await b.execute((el) => el.click(), input);
}

/** A whole box session (4 cycles of 16 s) from the Breathing page, the mood going from low to good. */
async function boxSession(b) {
  await click(b, "Breathing");
  await choose(b, "Box Breathing");
  await click(b, "2 — Low");
  await click(b, "Start");
  await waitForText(b, "Well done", 90_000);
  const good = await b.$(`//*[@role="dialog"]//button[normalize-space(.)="4 — Good"]`);
  await good.waitForClickable({ timeout: 10_000 });
  await good.click();
  await click(b, "Save and close");
  await waitForText(b, "Session saved");
}

test("what helped shapes the proposal; Progress shows the streak; contraindications close the Wim Hof gate", async (t) => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "wbot-e2e-"));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  for (const days of [2, 1]) {
    await withApp(
      t,
      async (app) => {
        const b = app.browser;
        if (days === 2) await onboard(b, "Ana");
        else await waitForText(b, "Hi, Ana");
        await boxSession(b);
      },
      { dataDir, env: { WBOT_CLOCK_OFFSET_DAYS: String(-days) } },
    );
  }
  await withApp(t, async (app) => {
    const b = app.browser;
    await waitForText(b, "Hi, Ana");
    await boxSession(b);
    const { ok: profile } = await invoke(b, "active_profile");
    const { ok: history } = await invoke(b, "breathing_history", { profileId: profile.id, page: { limit: 20, offset: 0 } });
    const days = history.items.map((s) => s.startedAt.slice(0, 10));
    assert.equal(new Set(days).size, 3, `three sessions on three days: ${days}`);
    // The button reads "+New Conversation" (its "+" is hidden from screen readers).
    const newChat = await b.$('//button[contains(normalize-space(.), "New Conversation")]');
    await newChat.waitForClickable({ timeout: 10_000 });
    await newChat.click();

    // Without the history, a sleepless night is offered 4-7-8; box helped this person every time.
    await fillField(b, "Message", "I can't sleep tonight, can you help me breathe?");
    await click(b, "Send");
    await waitForText(b, "Box Breathing helped you 3 of the last 3 times", 30_000);

    await click(b, "Progress");
    await waitForText(b, "3 days in a row");

    // Contraindications edited in Settings close the gate at once.
    await click(b, "Settings");
    await waitForText(b, "About you");
    await click(b, "A heart condition");
    await click(b, "Save answers");
    await waitForText(b, "Your answers are saved.");
    const { ok: onboarding } = await invoke(b, "get_onboarding", { profileId: profile.id });
    assert.deepEqual(onboarding.contraindications, ["heart_condition"]);

    // The name the companion uses is edited here too.
    await fillField(b, "Your name", "  Ana María ");
    await click(b, "Save name");
    await waitForText(b, "Name saved");
    const { ok: renamed } = await invoke(b, "active_profile");
    assert.equal(renamed.displayName, "Ana María");

    await click(b, "Breathing");
    await choose(b, "Wim Hof Method");
    await waitForText(b, "The Wim Hof method isn't available for you.");
    const start = await b.$('//main//button[normalize-space(.)="Start"]');
    assert.equal(await start.isEnabled(), false, "Start is disabled for Wim Hof");

    const { ok: gate } = await invoke(b, "wim_hof_gate", {
      profileId: profile.id,
      latestMessage: "I can't sleep tonight, can you help me breathe?",
    });
    assert.equal(gate.allowed, false, JSON.stringify(gate));
  }, { dataDir });
});
