// The Wellness page end to end in the real app (issue 12): check-ins saved with `wbot mood add` (the CLI is
// the core's second face) are learned when the page opens; the person writes a note on an item, removes
// another, and resets the profile, which leaves nothing (the core's tests check the rows in SQLite).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { test } from "node:test";
import { invoke, withApp } from "./harness.js";
import { click, fillField, onboard, waitForText } from "./ui.js";

const CLI = process.env.WBOT_CLI_BIN;
const q = (s) => JSON.stringify(s);

/** Clicks the button named `name` in the open dialog. */
async function clickInDialog(b, name) {
  const button = await b.$(
    `//*[@role="dialog"]//button[normalize-space(.)=${q(name)}]`,
  );
  await button.waitForClickable({ timeout: 10_000 });
  await button.click();
}

test("the wellness profile shows what was learned, keeps a note, forgets a removed item and resets", async (t) => {
  assert.ok(
    CLI && existsSync(CLI),
    `WBOT_CLI_BIN is not the wbot binary: ${CLI} (scripts/test sets it)`,
  );
  await withApp(t, async (app) => {
    let b = app.browser;
    await onboard(b, "Ana");
    const { ok: profile } = await invoke(b, "active_profile");

    // The app holds the data folder: close it, add check-ins, open again.
    await app.closeApp();
    for (const mood of ["2", "3", "2"]) {
      const added = spawnSync(
        CLI,
        [
          "--data-dir",
          app.dataDir,
          "mood",
          "add",
          "--profile",
          profile.id,
          "--mood",
          mood,
          "--emotion",
          "anxious",
        ],
        { encoding: "utf8" },
      );
      assert.equal(added.status, 0, added.stderr);
    }
    b = await app.open();
    await waitForText(b, "Hi, Ana");

    await click(b, "Wellness");
    await waitForText(b, "Wellness profile");
    await waitForText(b, "How you've been");
    await waitForText(b, "Average mood 2.3 of 5");
    await waitForText(b, "Felt 3 times");

    await click(b, "Add note to Mood");
    await fillField(b, "Your note on Mood", "Mondays are the hardest");
    await click(b, "Save");
    await waitForText(b, "Mondays are the hardest");

    await click(b, "Remove Anxious");
    await clickInDialog(b, "Remove");
    await b.waitUntil(
      async () =>
        !(await (
          await b.$(`//*[normalize-space(text())="Felt 3 times"]`)
        ).isExisting()),
      {
        timeout: 10_000,
        timeoutMsg: "the removed item is gone",
      },
    );
    const { ok: kept } = await invoke(b, "wellness_profile", {
      profileId: profile.id,
    });
    assert.deepEqual(
      kept.items.map((i) => [i.code, i.note]),
      [["mood", "Mondays are the hardest"]],
      "learning again does not bring the removed item back",
    );

    await click(b, "Reset wellness profile");
    await clickInDialog(b, "Reset");
    await waitForText(
      b,
      "Nothing learned yet. As you talk, check in and practise, what Wbot notices will appear here.",
    );
    const { ok: after } = await invoke(b, "wellness_profile", {
      profileId: profile.id,
    });
    assert.deepEqual(
      after.items,
      [],
      "the check-ins before the reset are not learned again",
    );
  });
});
