// Your data end to end in the real app (issue 13 item 8): a profile with a journal entry, a memory and a
// check-in is exported from Settings to a zip file on disk (read back with `unzip`), the file is chosen
// in the import field (WebDriver sends its path, as a person picking it would), the new profile is
// switched to and holds the entry; then "Delete all my data" removes it and the original becomes active.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { invoke, withApp } from "./harness.js";
import { click, onboard, waitForText } from "./ui.js";

const q = (s) => JSON.stringify(s);
const ENTRY = "The walk by the river with Lucía cleared my head";
const MEMORY = "My sister Lucía lives in Sevilla";

/** The text of the status line that starts with `prefix`, once it shows. */
async function statusStartingWith(b, prefix) {
  let text = "";
  await b.waitUntil(
    async () => {
      text = await b.execute(
        (p) => [...document.querySelectorAll('[role="status"]')].map((e) => e.textContent.trim()).find((t) => t.startsWith(p)) ?? "",
        prefix,
      );
      return text !== "";
    },
    { timeout: 30_000, timeoutMsg: `no status starting with ${prefix}` },
  );
  return text;
}

test("a profile is exported to a zip, imported as a new profile, and deleted with all its data", async (t) => {
  const exportDir = mkdtempSync(join(tmpdir(), "wbot-export-"));
  // The app (a debug build) writes exports here instead of the Downloads folder.
  process.env.WBOT_EXPORT_DIR = exportDir;
  t.after(() => {
    delete process.env.WBOT_EXPORT_DIR;
    rmSync(exportDir, { recursive: true, force: true });
  });
  await withApp(t, async (app) => {
    const b = app.browser;
    await onboard(b, "Ana");
    const { ok: ana } = await invoke(b, "active_profile");
    for (const [cmd, args] of [
      ["save_journal_entry", { profileId: ana.id, entry: { text: ENTRY, writingMs: 60000, moodBefore: 2, moodAfter: 4 } }],
      ["add_memory", { profileId: ana.id, text: MEMORY, kind: "note" }],
    ]) {
      const { err } = await invoke(b, cmd, args);
      assert.equal(err, undefined, `${cmd}: ${JSON.stringify(err)}`);
    }

    await click(b, "Settings");
    await waitForText(b, "Your data");
    await click(b, "Export my data");
    const saved = await statusStartingWith(b, "Saved to ");
    const path = saved.slice("Saved to ".length);
    assert.equal(path, join(exportDir, `wbot-${new Date().toLocaleDateString("sv")}.zip`));
    assert.ok(existsSync(path));
    const listing = spawnSync("unzip", ["-Z1", path], { encoding: "utf8" });
    assert.equal(listing.status, 0, listing.stderr);
    const names = listing.stdout.trim().split("\n");
    assert.ok(names.includes("wbot.json") && names.includes("sessions.csv") && names.includes("checkins.csv"), names.join());
    const journal = names.find((n) => n.startsWith("journal/"));
    assert.ok(journal, names.join());
    const entry = spawnSync("unzip", ["-p", path, journal], { encoding: "utf8" });
    assert.ok(entry.stdout.includes(ENTRY), entry.stdout);
    const data = JSON.parse(spawnSync("unzip", ["-p", path, "wbot.json"], { encoding: "utf8" }).stdout);
    assert.deepEqual(data.tables.memories.map((m) => m.text), [MEMORY]);
    assert.equal(data.tables.mood_checkins.length, 2, "the entry's moods before and after");

    // The file is chosen in the import field: WebDriver types its path into the file input.
    const input = await b.$(`//input[@type="file"][@id=//label[normalize-space(.)=${q("Import from an archive")}]/@for]`);
    await input.waitForExist({ timeout: 10_000 });
    await input.addValue(path);
    await waitForText(b, "Imported as a new profile: Ana", 60_000);
    const { ok: profiles } = await invoke(b, "list_profiles");
    assert.equal(profiles.length, 2);
    const copy = profiles.find((p) => p.id !== ana.id);
    const { ok: recalled } = await invoke(b, "search_memories", {
      profileId: copy.id,
      query: "where does my sister live?",
      options: { limit: 1, minSimilarity: null },
    });
    assert.equal(recalled[0].memory.text, MEMORY, "the copy's memories are embedded and searchable");

    await click(b, "Switch to Ana");
    await b.waitUntil(async () => (await invoke(b, "active_profile")).ok?.id === copy.id, {
      timeout: 10_000,
      timeoutMsg: "the copy did not become active",
    });
    await click(b, "Journaling");
    await waitForText(b, ENTRY);

    // Delete all my data: the copy goes, with every row; the original becomes active again.
    await click(b, "Settings");
    await waitForText(b, "Your data");
    await click(b, "Delete all my data");
    await waitForText(b, "Delete all of Ana's data?");
    await click(b, "Delete everything");
    await b.waitUntil(async () => (await invoke(b, "list_profiles")).ok?.length === 1, {
      timeout: 10_000,
      timeoutMsg: "the copy was not deleted",
    });
    assert.equal((await invoke(b, "active_profile")).ok.id, ana.id);
    const { ok: left } = await invoke(b, "list_journal_entries", {
      profileId: copy.id,
      filter: {},
      page: { limit: 10, offset: 0 },
    });
    assert.equal(left, undefined, "the deleted profile's entries are not found");
  });
});
