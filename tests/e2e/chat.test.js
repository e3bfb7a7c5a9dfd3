// The companion chat end to end in the real app: cards and the setup card with no model; two fake providers
// (OpenAI-compatible and Anthropic, on loopback) set up in Settings; a reply that streams and is saved,
// listed and found by keyword and by meaning after a restart; a cut reply retried; a stalled reply stopped;
// and a fallback from a failing first provider to the second, whose API key is saved in the OS keychain
// (scripts/test runs the suite inside scripts/with-keychain: a private D-Bus session with a throwaway
// GNOME Keyring), and never written to a file of the data folder; an online provider held back until the
// person has seen what it receives and allowed it.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { startFakeLlm } from "./fakeLlm.js";
import { invoke, withApp } from "./harness.js";
import { click, fillField, onboard, waitForText } from "./ui.js";

const q = (s) => JSON.stringify(s);

async function send(b, text) {
  await fillField(b, "Message", text);
  await click(b, "Send");
}

/** The sidebar's "+ New Conversation" (its "+" is part of the button's text). */
async function newConversation(b) {
  const el = await b.$('//button[contains(normalize-space(.), "New Conversation")]');
  await el.waitForClickable({ timeout: 10_000 });
  await el.click();
  await waitForText(b, "Hi, Ana");
}

/** Waits until no reply is streaming (the saved message has replaced the live one). */
async function replyDone(b) {
  await b.waitUntil(
    async () => (await b.$$('//*[@role="log"][@aria-busy="true"]')).length === 0,
    { timeout: 60_000, timeoutMsg: "a reply is still streaming" },
  );
}

async function profileId(b) {
  const { ok } = await invoke(b, "active_profile");
  return ok.id;
}

/** The conversation whose title is `title`, with its messages. */
async function conversation(b, title) {
  const id = await profileId(b);
  const { ok: page } = await invoke(b, "list_conversations", { profileId: id, page: { limit: 100, offset: 0 } });
  const list = page.items;
  const found = list.find((c) => c.title === title);
  assert.ok(found, `no conversation titled ${q(title)} in ${q(list.map((c) => c.title))}`);
  const {
    ok: { items: messages },
  } = await invoke(b, "conversation_messages", {
    profileId: id,
    conversationId: found.id,
    page: { limit: 200, offset: 0 },
  });
  return { ...found, messages };
}

async function waitForAbsent(b, text, timeout = 10_000) {
  await b.waitUntil(
    async () => (await b.$$(`//*[normalize-space(text())=${q(text)}]`)).length === 0,
    { timeout, timeoutMsg: `${q(text)} is still shown` },
  );
}

/** Adds a provider in Settings → Chat model, from "Custom" or a preset's value. */
async function addProvider(b, { from = "custom", name, baseUrl, model, timeout = "20", apiKey }) {
  await fillField(b, "Start from", from);
  await click(b, "Add");
  await fillField(b, "Name", name);
  await fillField(b, "Address", baseUrl);
  await fillField(b, "Model", model);
  await fillField(b, "Timeout (seconds)", timeout);
  if (apiKey !== undefined) await fillField(b, "API key", apiKey);
  await click(b, "Save");
  await (await b.$(`//button[@aria-label=${q(`Test connection to ${name}`)}]`)).waitForDisplayed({
    timeout: 10_000,
  });
}

test("an online provider is sent nothing until allowed: the disclosure says what it receives and keeps the choice", async (t) => {
  await withApp(t, async (app) => {
    const b = app.browser;
    await onboard(b, "Ana");
    await click(b, "Settings");
    await waitForText(b, "No chat model yet. Add one below.");
    await fillField(b, "Start from", "custom");
    await click(b, "Add");
    await fillField(b, "Name", "Online");
    await fillField(b, "Address", "https://api.example.com/v1");
    await fillField(b, "Model", "some-model");
    await click(b, "Save");
    // Saved, then the disclosure: the host, what always goes, and a switch for each optional part.
    const dialog = await b.$('//*[@role="dialog"]');
    await dialog.waitForDisplayed({ timeout: 10_000 });
    const said = await dialog.getText();
    for (const part of ["Before Online is used", "api.example.com", "Your name", "Your latest mood check-in",
      "The recent part of the conversation"]) {
      assert.ok(said.includes(part), `${q(part)} in ${q(said)}`);
    }
    const id = await profileId(b);
    let { ok: providers } = await invoke(b, "list_providers", { profileId: id });
    assert.deepEqual(providers.map((p) => [p.name, p.remote, p.allowed]), [["Online", true, false]]);

    // "Not now" leaves it saved and unused; its row says so and offers the review again.
    await click(b, "Not now");
    await waitForText(b, "Online service. Not used until you allow it.");
    await click(b, "Review and allow Online");
    const memories = await b.$(
      '//*[@role="dialog"]//button[@role="switch"][contains(normalize-space(.), "Memories from earlier conversations")]',
    );
    await memories.waitForClickable({ timeout: 10_000 });
    await memories.click();
    await click(b, "Allow Online");
    await waitForText(b, "Online service, allowed.");
    ({ ok: providers } = await invoke(b, "list_providers", { profileId: id }));
    assert.deepEqual(providers.map((p) => [p.name, p.remote, p.allowed]), [["Online", true, true]]);
    const { ok: settings } = await invoke(b, "get_settings", { profileId: id });
    assert.deepEqual([settings.remoteMemories, settings.remoteAboutYou], [true, false]);
  });
});

test("with no chat model: a breathing card for a wish, none for a past habit, the setup card, the safety card, and journaling and meditation run from their cards", async (t) => {
  await withApp(t, async (app) => {
    const b = app.browser;
    await onboard(b, "Ana");
    await waitForText(b, "Connect a chat model");

    await send(b, "I feel anxious, can you help me breathe?");
    await waitForText(b, "I feel anxious, can you help me breathe?");
    await waitForText(b, "A breathing exercise", 90_000); // the first message loads the embedding model
    await waitForText(b, "Box Breathing");
    await waitForText(b, "Connect a chat model");
    const anxious = await conversation(b, "I feel anxious, can you help me breathe?");
    assert.equal(anxious.messages.length, 1, "no reply without a model");
    assert.equal(anxious.messages[0].proposal.activity, "breathing");

    await newConversation(b);
    await send(b, "I used to do breathing exercises a lot");
    await waitForText(b, "I used to do breathing exercises a lot");
    await replyDone(b); // busy until the classifier's verdict on this message is in
    await waitForAbsent(b, "A breathing exercise", 1_000);
    const past = await conversation(b, "I used to do breathing exercises a lot");
    assert.equal(past.messages[0].proposal, null, "a past habit proposes nothing");
    await waitForText(b, "Connect a chat model");

    await newConversation(b);
    await send(b, "I want to end my life");
    await waitForText(b, "You don't have to face this alone");
    await waitForText(b, "988 Suicide & Crisis Lifeline");
    await waitForText(b, "Call 988");
    await waitForText(b, "https://findahelpline.com");
    const crisis = await conversation(b, "I want to end my life");
    assert.ok(crisis.messages[0].safety, "the safety signal is stored on the message");
    // The conversation goes on: the box takes the next message.
    await send(b, "Thank you for listening");
    await waitForText(b, "Thank you for listening");

    // A journaling card: Start opens the writing screen; the saved entry's summary joins the conversation.
    await newConversation(b);
    await send(b, "Can we do some journaling? I want to write about my day");
    const card = await b.$('//section[@aria-label="A journaling prompt" or .//*[normalize-space(text())="A journaling prompt"]]');
    await card.waitForDisplayed({ timeout: 30_000 });
    await click(b, "Start");
    await waitForText(b, "How do you feel before writing?");
    await fillField(b, "Your entry", "The walk home in the rain was the best part of today.");
    await waitForText(b, "12 words", 10_000);
    await click(b, "Save entry");
    await waitForAbsent(b, "How do you feel before writing?");
    const journaled = await conversation(b, "Can we do some journaling? I want to write abou…"); // auto-titled: 47 + "…"
    const note = journaled.messages.at(-1);
    assert.equal(note.role, "system_summary");
    assert.equal(note.summary.activity, "journaling");
    assert.ok(!note.content.includes("rain"), "the summary never carries the entry's words");
    const { ok: entries } = await invoke(b, "list_journal_entries", {
      profileId: await profileId(b),
      filter: {},
      page: { limit: null, offset: 0 },
    });
    assert.deepEqual(
      entries.map(({ entry }) => [entry.text, entry.wordCount]),
      [["The walk home in the rain was the best part of today.", 12]],
    );

    // A meditation card: Start runs the core's timer; ended early, it is saved and summed up.
    await newConversation(b);
    await send(b, "I'd like a guided meditation for ten minutes");
    const meditationCard = await b.$('//section[.//*[normalize-space(text())="A short meditation"]]');
    await meditationCard.waitForDisplayed({ timeout: 30_000 });
    await click(b, "Start");
    await click(b, "End now");
    await waitForText(b, "Ended early");
    await click(b, "Save");
    await waitForAbsent(b, "Ended early");
    const meditated = await conversation(b, "I'd like a guided meditation for ten minutes");
    const summary = meditated.messages.at(-1);
    assert.deepEqual(
      [summary.role, summary.summary.activity, summary.summary.completed],
      ["system_summary", "meditation", false],
    );
  });
});

test("two fake providers: a reply streams and is saved, is found after a restart, a cut reply is retried, and the second provider answers when the first fails", async (t) => {
  const openai = await startFakeLlm({ kind: "openai" });
  const anthropic = await startFakeLlm({ kind: "anthropic" });
  t.after(async () => {
    await openai.close();
    await anthropic.close();
  });
  await withApp(t, async (app) => {
    let b = app.browser;
    await onboard(b, "Ana");
    await click(b, "Settings");
    await waitForText(b, "No chat model yet. Add one below.");
    await addProvider(b, { name: "Fake OpenAI", baseUrl: openai.baseUrl, model: "fake-gpt" });
    await addProvider(b, {
      from: "anthropic",
      name: "Fake Anthropic",
      baseUrl: anthropic.baseUrl,
      model: "claude-fake",
      apiKey: "sk-ant-e2e-key",
    });
    const { ok: providers } = await invoke(b, "list_providers", { profileId: await profileId(b) });
    assert.deepEqual(
      providers.map((p) => [p.name, p.kind, p.hasKey]),
      [
        ["Fake OpenAI", "openAiCompatible", false],
        ["Fake Anthropic", "anthropic", true],
      ],
    );
    await click(b, "Test connection to Fake OpenAI");
    await (await b.$('//*[@role="status"][starts-with(normalize-space(.), "Connected in")]')).waitForDisplayed({
      timeout: 15_000,
    });
    openai.reset();

    // A reply streams in pieces and is saved.
    await newConversation(b);
    const REPLY = "That sounds like a lot to carry. What helped you unwind at the end of it?";
    openai.enqueue({ reply: REPLY, chunkMs: 40 });
    await b.execute(() => {
      window.__partials = [];
      new MutationObserver(() => {
        const live = document.querySelector('[role="log"] article[aria-busy="true"]');
        const text = live?.textContent?.replace("Wbot is replying…", "").replace(/^Wbot/, "").trim();
        if (text && window.__partials[window.__partials.length - 1] !== text) window.__partials.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await send(b, "I had a long day at the harbour");
    await waitForText(b, REPLY, 60_000);
    await replyDone(b);
    const partials = await b.execute(() => window.__partials);
    assert.ok(partials.length >= 3, `the reply grew on screen: ${q(partials)}`);
    assert.ok(REPLY.startsWith(partials[0]) && partials[0].length < REPLY.length, `first piece ${q(partials[0])}`);
    const saved = await conversation(b, "I had a long day at the harbour");
    assert.deepEqual(
      saved.messages.map((m) => [m.role, m.status]),
      [
        ["user", "complete"],
        ["assistant", "complete"],
      ],
    );
    assert.equal(saved.messages[1].content, REPLY);
    assert.equal(openai.requests.length, 1);
    assert.equal(openai.requests[0].stream, true);

    // After a restart it is listed, and found by keywords and by meaning.
    b = await app.open();
    await waitForText(b, "Hi, Ana");
    await waitForText(b, "I had a long day at the harbour");
    await fillField(b, "Search conversations", "harbour");
    await waitForText(b, "1 conversation found", 30_000);
    await fillField(b, "Search conversations", "a tiring day at the harbor");
    await waitForText(b, "No conversations match “a tiring day at the harbor”.", 30_000);
    await click(b, "Meaning");
    await (await b.$('//*[normalize-space(text())="1 conversation found" or normalize-space(text())="2 conversations found"]')).waitForDisplayed({ timeout: 60_000 });
    const match = await b.$('//button[.//*[contains(normalize-space(text()), "% match")]][.//*[normalize-space(text())="I had a long day at the harbour"]]');
    await match.waitForDisplayed({ timeout: 10_000 });
    await match.click();
    await waitForText(b, REPLY);
    await fillField(b, "Search conversations", "");

    // A reply cut mid-stream is kept as partial with Retry; Retry completes it.
    openai.enqueue({ cut: "Let me think about th" });
    await send(b, "Can you tell me more?");
    await waitForText(b, "This reply was cut off before it finished.", 30_000);
    openai.enqueue({ reply: "Here is the whole answer now." });
    await click(b, "Retry");
    await waitForText(b, "Here is the whole answer now.", 30_000);
    await replyDone(b);
    await waitForAbsent(b, "This reply was cut off before it finished.");
    const retried = await conversation(b, "I had a long day at the harbour");
    assert.deepEqual(
      retried.messages.map((m) => [m.role, m.status, m.content]).slice(2),
      [
        ["user", "complete", "Can you tell me more?"],
        ["assistant", "complete", "Here is the whole answer now."],
      ],
    );

    // A reply that stalls is stopped with Stop: what arrived is kept, marked as stopped, with Retry.
    openai.enqueue({ stall: "Give me a moment to" });
    await send(b, "Are you still there?");
    await waitForText(b, "Give me a moment to", 30_000);
    await click(b, "Stop");
    await waitForText(b, "You stopped this reply.", 30_000);
    await replyDone(b);
    const stopped = (await conversation(b, "I had a long day at the harbour")).messages.at(-1);
    assert.deepEqual([stopped.role, stopped.status, stopped.content], ["assistant", "cancelled", "Give me a moment to"]);
    await (await b.$('//button[normalize-space(.)="Retry"]')).waitForDisplayed({ timeout: 10_000 });

    // The first provider fails with 500s: after its retries, the Anthropic one answers.
    openai.setDefault({ status: 500 });
    const before = openai.requests.length;
    anthropic.reset();
    anthropic.enqueue({ reply: "Anthropic here, still listening." });
    await send(b, "One more thing");
    await waitForText(b, "Anthropic here, still listening.", 60_000);
    await replyDone(b);
    assert.ok(openai.requests.length - before >= 1, "the first provider was asked first");
    assert.equal(anthropic.requests.length, 1);
    assert.equal(anthropic.requests[0].anthropicVersion, "2023-06-01");
    assert.equal(anthropic.requests[0].apiKey, "sk-ant-e2e-key", "the key came from the keychain");
    const last = (await conversation(b, "I had a long day at the harbour")).messages.at(-1);
    assert.deepEqual([last.role, last.status, last.content], ["assistant", "complete", "Anthropic here, still listening."]);

    // The key is in the keychain only: no file of the data folder holds it (the database and its WAL,
    // the memory index, the logs).
    await app.closeApp();
    const files = readdirSync(app.dataDir, { recursive: true })
      .map((f) => path.join(app.dataDir, f))
      .filter((f) => statSync(f).isFile());
    assert.ok(files.some((f) => f.includes(`${path.sep}logs${path.sep}`)), `logs were written: ${files}`);
    assert.deepEqual(files.filter((f) => readFileSync(f).includes("sk-ant-e2e-key")), []);
  });
});
