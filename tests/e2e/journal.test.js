// The journal and mood end to end in the real app, with the real embedding model: an entry written to a
// prompt with moods before and after, free writing found by a word and by meaning, an edit, a favourite,
// a delete undone and one not; then a standalone check-in on the 7-day trend. And "Talk about this": a
// conversation that starts from a shared entry, whose words reach the (fake) chat model, and only its.
import assert from "node:assert/strict";
import { test } from "node:test";
import { invoke, withApp } from "./harness.js";
import { startFakeLlm } from "./fakeLlm.js";
import { click, fillField, onboard, waitForText } from "./ui.js";

const q = (s) => JSON.stringify(s);

const PROMPT = "Name three things, big or small, that you're grateful for today.";
const GRATEFUL = "The tea this morning, a long call with my brother, and the sun on the balcony.";
const GRATEFUL_EDITED = `${GRATEFUL} And a good night's sleep.`;
const PARTY = "Nobody from the choir invited me to Lena's party on Saturday, so I stayed home alone.";

/** The start of an entry as its buttons name it (ui/src/features/memory/format.ts `snippet`). */
const snippet = (text, max = 40) => {
  const chars = Array.from(text.replace(/\s+/g, " ").trim());
  return chars.length <= max ? chars.join("") : `${chars.slice(0, max).join("").trimEnd()}…`;
};

/** Clicks a mood button of the mood picker whose legend starts with `legend`. */
async function pickMood(b, legend, mood) {
  const el = await b.$(
    `//fieldset[legend[starts-with(normalize-space(.), ${q(legend)})]]//button[normalize-space(.)=${q(mood)}]`,
  );
  await el.waitForClickable({ timeout: 10_000 });
  await el.click();
}

/** The entries the list shows now (their open buttons' names), top to bottom. */
const shownEntries = (b) =>
  b.execute(() =>
    [...document.querySelectorAll('[aria-label="Journal entries"] li button[aria-label^="Open entry: "]')].map(
      (el) => el.getAttribute("aria-label").slice("Open entry: ".length),
    ),
  );

async function waitForEntries(b, expected, what) {
  let shown = [];
  await b.waitUntil(
    async () => {
      shown = await shownEntries(b);
      return JSON.stringify(shown) === JSON.stringify(expected);
    },
    { timeout: 30_000, timeoutMsg: `${what}: expected ${q(expected)}, saw ${q(shown)}` },
  );
}

/** The journal's Words / Meaning switch (the sidebar's conversation search has a "Meaning" too). */
async function searchBy(b, mode) {
  const el = await b.$(`//*[@role="group"][.//button[normalize-space(.)="Words"]]//button[normalize-space(.)=${q(mode)}]`);
  await el.waitForClickable({ timeout: 10_000 });
  await el.click();
}

async function write(b, text) {
  await fillField(b, "Your entry", text);
  await click(b, "Save entry");
  await waitForText(b, "Your entry is saved.", 60_000); // the first save loads the model
}

test("journal entries are written, found, edited, favourited and deleted; a check-in shows on the trend", async (t) => {
  await withApp(t, async (app) => {
    const b = app.browser;
    await onboard(b, "Ana");
    const { ok: ana } = await invoke(b, "active_profile");
    await click(b, "Journaling");

    // From a prompt, with moods before and after.
    await click(b, "Gratitude");
    await click(b, PROMPT);
    await pickMood(b, "How do you feel before writing?", "2 — Low");
    await fillField(b, "Your entry", GRATEFUL);
    await pickMood(b, "How do you feel after writing?", "4 — Good");
    await click(b, "Save entry");
    await waitForText(b, "Your entry is saved.", 60_000); // the first save loads the model
    await click(b, "Free writing");
    await pickMood(b, "How do you feel before writing?", "3 — Okay");
    await fillField(b, "Your entry", PARTY);
    await pickMood(b, "How do you feel after writing?", "4 — Good");
    await click(b, "Save entry");
    await waitForText(b, "Your entry is saved.");
    await waitForEntries(b, [snippet(PARTY), snippet(GRATEFUL)], "newest first");
    const { ok: saved } = await invoke(b, "list_journal_entries", {
      profileId: ana.id,
      filter: {},
      page: { limit: 10, offset: 0 },
    });
    const [party, grateful] = saved.map((hit) => hit.entry);
    assert.deepEqual(
      [grateful.category, grateful.prompt, grateful.moodBefore, grateful.moodAfter, party.category, party.moodBefore],
      ["gratitude", PROMPT, 2, 4, null, 3],
    );

    // Found by a word (in its text, or in its prompt), and by meaning with words it never uses.
    await fillField(b, "Search your journal", "choir");
    await waitForEntries(b, [snippet(PARTY)], "by a word");
    await fillField(b, "Search your journal", "grateful");
    await waitForEntries(b, [snippet(GRATEFUL)], "by a word of its prompt");
    await fillField(b, "Search your journal", "");
    await waitForEntries(b, [snippet(PARTY), snippet(GRATEFUL)], "no search");
    await searchBy(b, "Meaning");
    await fillField(b, "Search your journal", "feeling lonely and left out");
    // Ranked results (each with its "% match"), not the list shown while they load.
    let shown = [];
    await b.waitUntil(
      async () => {
        const ranked = await b.execute(() => {
          const list = document.querySelector('[aria-label="Journal entries"]');
          return list && list.getAttribute("aria-busy") !== "true" && /% match/.test(list.textContent);
        });
        shown = await shownEntries(b);
        return ranked && shown.length === 2;
      },
      { timeout: 30_000, timeoutMsg: `no results by meaning: ${q(shown)}` },
    );
    assert.equal(shown[0], snippet(PARTY), `by meaning: ${q(shown)}`);
    await fillField(b, "Search your journal", "");
    await searchBy(b, "Words");

    // Edited.
    await click(b, `Open entry: ${snippet(GRATEFUL)}`);
    await waitForText(b, PROMPT);
    await click(b, "Edit");
    await fillField(b, "Your entry", GRATEFUL_EDITED);
    await click(b, "Save changes");
    await waitForText(b, GRATEFUL_EDITED);
    // "← Back to entries": the arrow is hidden from screen readers, and part of the button's text.
    const back = await b.$('//button[contains(normalize-space(.), "Back to entries")]');
    await back.waitForClickable({ timeout: 10_000 });
    await back.click();
    await waitForEntries(b, [snippet(PARTY), snippet(GRATEFUL_EDITED)], "after the edit");

    // A favourite, and the favourites filter.
    await click(b, `Favourite: ${snippet(PARTY)}`);
    const favourites = await b.$(`//label[normalize-space(.)="Favourites only"]//input`);
    await b.execute((el) => el.click(), favourites);
    await waitForEntries(b, [snippet(PARTY)], "favourites only");
    await b.execute((el) => el.click(), favourites);
    await waitForEntries(b, [snippet(PARTY), snippet(GRATEFUL_EDITED)], "all again");

    // Deleted and undone; deleted for good.
    await click(b, `Delete entry: ${snippet(PARTY)}`);
    await waitForText(b, "Entry deleted.");
    await waitForEntries(b, [snippet(GRATEFUL_EDITED)], "hidden while it can be undone");
    await click(b, "Undo");
    await waitForEntries(b, [snippet(PARTY), snippet(GRATEFUL_EDITED)], "undone");
    await click(b, `Delete entry: ${snippet(GRATEFUL_EDITED)}`);
    await waitForEntries(b, [snippet(PARTY)], "deleted");
    await b.waitUntil(
      async () => {
        const { ok } = await invoke(b, "list_journal_entries", {
          profileId: ana.id,
          filter: {},
          page: { limit: 10, offset: 0 },
        });
        return ok.length === 1 && ok[0].entry.id === party.id;
      },
      { timeout: 15_000, timeoutMsg: "the delete never reached the core" },
    );

    // A standalone check-in, on the 7-day trend with the moods around the remaining entry.
    await click(b, "Mood");
    await pickMood(b, "How are you feeling right now?", "5 — Great");
    await click(b, "Calm");
    await click(b, "Save check-in");
    await waitForText(b, "Check-in saved.");
    await click(b, "Show as a table");
    let row = [];
    await b.waitUntil(
      async () => {
        row = await b.execute(() => {
          const table = [...document.querySelectorAll("table")].find((t) =>
            t.caption?.textContent.includes("last 7 days"),
          );
          const last = table?.querySelector("tbody tr:last-child");
          return last ? [...last.children].map((c) => c.textContent.trim()) : [];
        });
        return row.length === 5 && row[2] === "3" && row[3] === "5";
      },
      { timeout: 15_000, timeoutMsg: `today's row: ${q(row)}` },
    );
    assert.equal(row[1], "4", `average of 3, 4 and 5: ${q(row)}`);
    // The chart itself is drawn (recharts' SVG with the average line).
    await b.waitUntil(
      () => b.execute(() => document.querySelector(".recharts-surface .recharts-line") !== null),
      { timeout: 15_000, timeoutMsg: "the trend chart was not drawn" },
    );
  });
});

test("Talk about this: a shared entry opens a conversation whose prompt carries it, and only it", async (t) => {
  const llm = await startFakeLlm({ kind: "openai" });
  t.after(() => llm.close());
  await withApp(t, async (app) => {
    const b = app.browser;
    await onboard(b, "Ana");
    const { ok: ana } = await invoke(b, "active_profile");
    const { err } = await invoke(b, "save_provider", {
      profileId: ana.id,
      input: { id: null, name: "Fake", kind: "openAiCompatible", baseUrl: llm.baseUrl, model: "fake", timeoutMs: 20_000 },
    });
    assert.equal(err, undefined, q(err));
    await click(b, "Journaling");
    await click(b, "Free writing");
    await write(b, PARTY);
    await click(b, "Free writing");
    await write(b, GRATEFUL);

    await click(b, `Open entry: ${snippet(PARTY)}`);
    const remember = await b.$(`//label[normalize-space(.)="Also remember this entry"]//input`);
    await b.execute((el) => el.click(), remember);
    await click(b, "Talk about this");
    // The chat opens on the new conversation, its note first.
    await b.waitUntil(
      () => b.execute(() => document.querySelector('[role="log"]')?.textContent.includes("Free writing") ?? false),
      { timeout: 15_000, timeoutMsg: "the chat did not open on the shared entry's note" },
    );
    llm.enqueue({ reply: "That sounds lonely. Do you want to tell me about the choir?" });
    await fillField(b, "Message", "Can we talk about this?");
    await click(b, "Send");
    await waitForText(b, "That sounds lonely. Do you want to tell me about the choir?", 60_000);
    const sent = JSON.stringify(llm.requests[llm.requests.length - 1].messages);
    assert.ok(sent.includes("Nobody from the choir invited me"), `the entry reached the model: ${sent}`);
    assert.ok(!sent.includes("balcony"), "only the shared entry");
    const { ok: memories } = await invoke(b, "list_memories", { profileId: ana.id, page: { limit: 20, offset: 0 } });
    assert.ok(
      memories.items.some((m) => m.kind === "journal" && m.text === PARTY),
      `remembered as asked: ${q(memories.items)}`,
    );
  });
});
