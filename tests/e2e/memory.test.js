// Memories end to end in the real app, with the real embedding model: add three, find one by a
// paraphrase, edit one, forget one, restart, and see exactly what should be left; then forget all.
import assert from "node:assert/strict";
import { test } from "node:test";
import { invoke, withApp } from "./harness.js";
import { click, fillField, onboard, waitForText } from "./ui.js";

const q = (s) => JSON.stringify(s);

const MAYA = "My sister Maya lives in Lisbon and we talk every Sunday";
const RIVER = "Running by the river in the morning clears my head";
const WORK = "Work deadlines make my shoulders tense";
const WORK_EDITED = "Work deadlines feel lighter when I plan my week";

/** The start of a memory as its buttons name it (see ui/src/features/memory/format.ts). */
const snippet = (text, max = 40) => {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max).join("").trimEnd()}…`;
};

/** The memory texts the screen lists now, top to bottom. */
const shownMemories = (b) =>
  b.execute(() => [...document.querySelectorAll("main li > p:first-child")].map((p) => p.textContent.trim()));

async function waitForList(b, expected, what) {
  let shown = [];
  await b.waitUntil(
    async () => {
      shown = await shownMemories(b);
      return JSON.stringify(shown) === JSON.stringify(expected);
    },
    { timeout: 20_000, timeoutMsg: `${what}: expected ${q(expected)}, saw ${q(shown)}` },
  );
}

/** Waits for search results (not the placeholder of the previous query) and returns their texts. */
async function searchFor(b, query) {
  await fillField(b, "Search memories", query);
  await waitForText(b, "Search results");
  let hits = [];
  await b.waitUntil(
    async () => {
      const state = await b.execute(() => ({
        status: document.querySelector('main [role="status"]')?.textContent ?? "",
        busy: document.querySelector('main ul[aria-busy="true"]') !== null,
      }));
      if (state.busy || !/found$/.test(state.status)) return false;
      hits = await shownMemories(b);
      return hits.length > 0;
    },
    { timeout: 30_000, timeoutMsg: `no results for ${q(query)}` },
  );
  return hits;
}

test("memories are added, found by meaning, edited, forgotten, and kept across a restart", async (t) => {
  await withApp(t, async (app) => {
    let b = app.browser;
    await onboard(b, "Ana");
    await click(b, "Memories");
    await waitForText(b, "Nothing remembered yet. Write something above for Wbot to remember.");

    for (const text of [MAYA, RIVER, WORK]) {
      await fillField(b, "Something to remember", text);
      await click(b, "Remember");
      await waitForText(b, text, 60_000); // the first one loads the model
    }
    await waitForList(b, [WORK, RIVER, MAYA], "newest first");
    await waitForText(b, "3 memories");
    await waitForText(b, "Model loaded");
    await waitForText(b, "Index ready");

    // A paraphrase shares no word with the memory it should find.
    const hits = await searchFor(b, "exercise outdoors helps me think");
    assert.equal(hits[0], RIVER, `top result: ${q(hits)}`);
    const match = await b.execute(
      () => document.querySelector("main li")?.textContent.match(/(\d+)% match/)?.[1] ?? null,
    );
    assert.ok(match !== null && Number(match) > 0 && Number(match) <= 100, `match ${match}`);
    await fillField(b, "Search memories", "");
    await waitForText(b, "Everything Wbot remembers");

    await click(b, `Edit memory: ${snippet(WORK)}`);
    await fillField(b, "Memory text", WORK_EDITED);
    await click(b, "Save");
    await waitForList(b, [WORK_EDITED, RIVER, MAYA], "after the edit");

    await click(b, `Forget memory: ${snippet(MAYA)}`);
    await waitForList(b, [WORK_EDITED, RIVER], "after forgetting Maya");

    b = await app.open(); // quit and start the app again on the same data directory
    await waitForText(b, "Hi, Ana");
    await click(b, "Memories");
    await waitForList(b, [WORK_EDITED, RIVER], "after the restart");
    await waitForText(b, "2 memories");
    const { ok: profile } = await invoke(b, "active_profile");
    const { ok: page } = await invoke(b, "list_memories", { profileId: profile.id, page: { limit: 50, offset: 0 } });
    assert.deepEqual(
      page.items.map((m) => m.text),
      [WORK_EDITED, RIVER],
    );
    // The index came back (loaded or rebuilt) and still finds by meaning.
    const again = await searchFor(b, "jogging in the morning");
    assert.equal(again[0], RIVER, `top result after restart: ${q(again)}`);
    await fillField(b, "Search memories", "");
    await waitForText(b, "Everything Wbot remembers");

    await click(b, "Forget everything");
    await waitForText(b, "Forget all 2 memories?");
    const confirm = await b.$(`//*[@role="dialog"]//button[normalize-space(.)="Forget everything"]`);
    await confirm.waitForClickable({ timeout: 10_000 });
    await confirm.click();
    await waitForText(b, "Nothing remembered yet. Write something above for Wbot to remember.");
    const { ok: empty } = await invoke(b, "list_memories", { profileId: profile.id, page: { limit: 50, offset: 0 } });
    assert.equal(empty.total, 0);
  });
});

test("bad memory input gets typed errors through the real IPC", async (t) => {
  await withApp(t, async (app) => {
    const b = app.browser;
    await onboard(b, "Ana");
    const { ok: ana } = await invoke(b, "active_profile");
    const { err: empty } = await invoke(b, "add_memory", { profileId: ana.id, text: "  ", kind: null });
    assert.equal(empty.code, "validation");
    const { err: huge } = await invoke(b, "add_memory", { profileId: ana.id, text: "x".repeat(8_001), kind: null });
    assert.equal(huge.code, "validation");
    assert.deepEqual([huge.reason, huge.params.max, huge.params.actual], ["too_long", 8000, 8001]);
    const { err: badId } = await invoke(b, "delete_memory", { profileId: ana.id, memoryId: "nope" });
    assert.equal(badId.code, "validation");

    const { ok: mine } = await invoke(b, "add_memory", { profileId: ana.id, text: "Tea calms me", kind: null });
    const { ok: answers } = await invoke(b, "get_onboarding", { profileId: ana.id });
    const { ok: ben } = await invoke(b, "create_profile", { input: { displayName: "Ben", onboarding: answers } });
    const { err: foreign } = await invoke(b, "update_memory", { profileId: ben.id, memoryId: mine.id, text: "mine now" });
    assert.equal(foreign.code, "not_found");

    // The screen shows the backend's reason for an empty memory.
    await invoke(b, "switch_profile", { profileId: ana.id });
    await b.refresh();
    await waitForText(b, "Hi, Ana");
    await click(b, "Memories");
    await waitForText(b, "Tea calms me");
    await click(b, "Remember");
    await waitForText(b, "The memory cannot be empty; please write something first.");
  });
});
