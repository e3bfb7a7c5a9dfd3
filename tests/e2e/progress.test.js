// What helped, Progress and settings end to end in the real app (issue 12). Three box sessions that lifted
// the mood, on three consecutive days of the person's calendar, are imported with `wbot breathing import`
// (the CLI is the core's second face; the app cannot be run on other days, and a full box session in the
// UI is covered by breathing.test.js). Then the companion's breathing proposal for a sleepless night is box
// "because it helped", Progress shows the 3-day streak, the name is changed in Settings, and
// contraindications edited there make the Wim Hof gate refuse at once, on the Breathing page and in the
// chat's proposal card.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { test } from "node:test";
import { invoke, withApp } from "./harness.js";
import { click, fillField, onboard, waitForText } from "./ui.js";

const CLI = process.env.WBOT_CLI_BIN;
const q = (s) => JSON.stringify(s);
const pad = (n) => String(n).padStart(2, "0");

/** `days` ago at `hour` local time, as RFC 3339 with the local offset (what the app writes). */
function localTime(days, hour, minute = 0) {
  const d = new Date();
  d.setDate(d.getDate() - days);
  d.setHours(hour, minute, 0, 0);
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  const abs = Math.abs(offset);
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${date}T${pad(hour)}:${pad(minute)}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Clicks the choice (radio or checkbox) whose label is `name`. */
async function choose(b, name) {
  const input = await b.$(`//label[@aria-label=${q(name)} or normalize-space(.)=${q(name)}]//input`);
  await input.waitForExist({ timeout: 10_000 });
  await b.execute((el) => el.click(), input);
}

test("what helped shapes the proposal; Progress shows the streak; contraindications close the Wim Hof gate", async (t) => {
  assert.ok(CLI && existsSync(CLI), `WBOT_CLI_BIN is not the wbot binary: ${CLI} (scripts/test sets it)`);
  await withApp(t, async (app) => {
    let b = app.browser;
    await onboard(b, "Ana");
    const { ok: profile } = await invoke(b, "active_profile");

    // The app holds the data folder: close it, import, open again.
    await app.closeApp();
    const sessions = [2, 1, 0].map((days) =>
      JSON.stringify({
        config: { technique: "box" },
        startedAt: localTime(days, 8),
        endedAt: localTime(days, 8, 2),
        completed: true,
        stoppedAt: null,
        rounds: [],
        durationMs: 64000,
        moodBefore: 2,
        moodAfter: 4,
      }),
    );
    const imported = spawnSync(CLI, ["--data-dir", app.dataDir, "breathing", "import", "--profile", profile.id], {
      input: sessions.join("\n"),
      encoding: "utf8",
    });
    assert.equal(imported.status, 0, imported.stderr);
    assert.equal(imported.stdout.trim().split("\n").length, 3);
    b = await app.open();
    await waitForText(b, "Hi, Ana");

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
  });
});
