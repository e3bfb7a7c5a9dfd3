// The profile lock end to end in the real app (issue 13 item 9): a PIN set in Settings, a restart that
// opens on the lock screen with nothing of the profile reachable (checked through the real IPC), a wrong
// PIN that says how many tries are left, the right one that opens the app, and "Lock now".
import assert from "node:assert/strict";
import { test } from "node:test";
import { invoke, withApp } from "./harness.js";
import { alertText, click, fillField, onboard, waitForText } from "./ui.js";

const PIN = "2468";

test("a PIN set in Settings locks the profile at the next start until it is given", async (t) => {
  await withApp(t, async (app) => {
    let b = app.browser;
    await onboard(b, "Ana");
    const { ok: ana } = await invoke(b, "active_profile");
    const saved = await invoke(b, "save_journal_entry", {
      profileId: ana.id,
      entry: { text: "Nobody else should read this", writingMs: 1000 },
    });
    assert.equal(saved.err, undefined, JSON.stringify(saved.err));

    await click(b, "Settings");
    await waitForText(b, "Profile lock");
    await fillField(b, "New PIN", PIN);
    await fillField(b, "Repeat the new PIN", PIN);
    await click(b, "Set PIN");
    await waitForText(b, "PIN set.");

    b = await app.open(); // a new run: the profile starts locked
    await waitForText(b, "Wbot is locked");
    const refused = await invoke(b, "list_journal_entries", {
      profileId: ana.id,
      filter: {},
      page: { limit: 10, offset: 0 },
    });
    assert.equal(refused.err?.reason, "profile_locked", JSON.stringify(refused));

    await fillField(b, "PIN", "1111");
    await click(b, "Unlock");
    assert.equal(await alertText(b), "That is not the PIN. 4 tries left before each try has to wait.");
    await fillField(b, "PIN", PIN);
    await click(b, "Unlock");
    await waitForText(b, "Hi, Ana");
    const { ok: entries } = await invoke(b, "list_journal_entries", {
      profileId: ana.id,
      filter: {},
      page: { limit: 10, offset: 0 },
    });
    assert.equal(entries[0].entry.text, "Nobody else should read this");

    await click(b, "Settings");
    await click(b, "Lock now");
    await waitForText(b, "Wbot is locked");
  });
});
