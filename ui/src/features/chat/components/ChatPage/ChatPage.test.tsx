import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { BackendError } from "../../../../lib/backend";
import { FakeBackend, emptyStats } from "../../../../test/fakeBackend";
import { providerError } from "../../../../test/fakeChat";
import { renderApp } from "../../../../test/renderApp";

function withAna({ configured = true } = {}) {
  const backend = new FakeBackend();
  const ana = backend.seedProfile("Ana");
  if (configured) backend.chat.seedProvider(ana.id);
  return { backend, ana };
}

async function openChat(backend: FakeBackend) {
  const rendered = renderApp(backend);
  await screen.findByRole("heading", { name: "Hi, Ana" });
  return rendered;
}

const JOURNALING_TITLE = "A journaling prompt";
const messageBox = () => screen.getByRole("textbox", { name: "Message" });
const conversationLog = () => screen.getByRole("log");

describe("Chat", () => {
  it("streams a reply token by token, then shows the saved message", async () => {
    const { backend } = withAna();
    const { user } = await openChat(backend);

    await user.type(messageBox(), "Hello there{Enter}");

    expect(await within(conversationLog()).findByText("Hello there")).toBeInTheDocument();
    expect(messageBox()).toBeDisabled();
    expect(screen.getByRole("button", { name: "Stop" })).toBeInTheDocument();
    act(() => {
      backend.chat.token("Hi Ana, ");
    });
    act(() => {
      backend.chat.token("how are you?");
    });
    // Query updates reach the screen on the next tick, hence the find* after each event.
    expect(await within(conversationLog()).findByText("Hi Ana, how are you?")).toBeInTheDocument();
    expect(conversationLog()).toHaveAttribute("aria-busy", "true");

    act(() => {
      backend.chat.finish();
    });
    await waitFor(() => {
      expect(screen.queryByRole("button", { name: "Stop" })).not.toBeInTheDocument();
    });
    expect(within(conversationLog()).getByText("Hi Ana, how are you?")).toBeInTheDocument();
    expect(conversationLog()).toHaveAttribute("aria-busy", "false");
    expect(messageBox()).toBeEnabled();
    expect(messageBox()).toHaveValue("");
    // The new conversation is titled and listed.
    expect(await screen.findByRole("heading", { level: 1, name: "Hello there" })).toBeVisible();
    expect(await screen.findByRole("button", { name: /^Hello there/ })).toHaveAttribute(
      "aria-current",
      "page",
    );
  });

  it("stops a reply; what arrived is kept, marked as stopped", async () => {
    const { backend } = withAna();
    const { user } = await openChat(backend);
    await user.type(messageBox(), "Tell me a story{Enter}");
    await within(conversationLog()).findByText("Tell me a story");
    act(() => {
      backend.chat.token("Once upon a time");
    });

    await user.click(screen.getByRole("button", { name: "Stop" }));

    expect(await screen.findByText("You stopped this reply.")).toBeInTheDocument();
    expect(within(conversationLog()).getByText("Once upon a time")).toBeInTheDocument();
    expect(backend.chat.reply.ended).toBe(true);
    expect(screen.getByRole("button", { name: "Retry" })).toBeInTheDocument();
    expect(messageBox()).toBeEnabled();
  });

  it("shows a partial reply with what happened, and Retry streams a new one in its place", async () => {
    const { backend, ana } = withAna();
    const { user } = await openChat(backend);
    await user.type(messageBox(), "Are you there?{Enter}");
    await within(conversationLog()).findByText("Are you there?");
    const ollama = backend.chat.listProviders(ana.id)[0]?.id ?? "";
    act(() => {
      backend.chat.token("I am her");
      backend.chat.finish(
        "partial",
        providerError("interrupted", ollama, { detail: "connection reset by peer" }),
      );
    });
    expect(
      await screen.findByText("This reply was cut off before it finished."),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        "The reply stopped before it was finished. It said: “connection reset by peer”",
      ),
    ).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Retry" }));

    await waitFor(() => {
      expect(within(conversationLog()).queryByText("I am her")).not.toBeInTheDocument();
    });
    expect(
      screen.queryByText("This reply was cut off before it finished."),
    ).not.toBeInTheDocument();
    act(() => {
      backend.chat.token("I am here.");
    });
    expect(await within(conversationLog()).findByText("I am here.")).toBeInTheDocument();
    act(() => {
      backend.chat.finish();
    });
    await waitFor(() => {
      expect(screen.queryByRole("button", { name: "Retry" })).not.toBeInTheDocument();
    });
    const conversation = [...backend.chat.conversations.values()][0];
    expect(conversation?.messages.map((m) => [m.role, m.content, m.status])).toEqual([
      ["user", "Are you there?", "complete"],
      ["assistant", "I am here.", "complete"],
    ]);
  });

  it("never sends to an online model not allowed yet, and says where to allow it", async () => {
    const { backend, ana } = withAna({ configured: false });
    backend.chat.seedProvider(ana.id, { name: "Online", baseUrl: "https://api.example.com/v1" });
    const { user } = await openChat(backend);
    await user.type(messageBox(), "Hello{Enter}");

    expect(
      await screen.findByText(
        "This chat model is an online service you have not allowed yet. Open Settings › Chat model to see what it would receive and allow it.",
      ),
    ).toBeInTheDocument();
    const conversation = [...backend.chat.conversations.values()][0];
    expect(conversation?.messages.map((m) => [m.role, m.status, m.error?.kind])).toEqual([
      ["user", "complete", undefined],
      ["assistant", "failed", "not_allowed"],
    ]);
    expect(backend.chat.replies[0]?.text).toBe("");
  });

  it("words an error event's reason instead of hanging", async () => {
    const { backend } = withAna();
    const { user } = await openChat(backend);
    await user.type(messageBox(), "Hello{Enter}");
    await within(conversationLog()).findByText("Hello");
    act(() => {
      backend.chat.fail(new BackendError("unavailable", "database_busy"));
    });
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The database is busy; please try again.",
    );
    expect(messageBox()).toBeEnabled();
    expect(screen.getByRole("button", { name: "Retry" })).toBeInTheDocument();
  });

  it("sends with Enter and adds a line with Shift+Enter", async () => {
    const { backend } = withAna();
    const { user } = await openChat(backend);

    await user.type(messageBox(), "line one{Shift>}{Enter}{/Shift}line two");
    expect(messageBox()).toHaveValue("line one\nline two");
    expect(backend.chat.conversations.size).toBe(0);

    await user.keyboard("{Enter}");
    await waitFor(() => {
      expect(backend.chat.conversations.size).toBe(1);
    });
    const [conversation] = [...backend.chat.conversations.values()];
    expect(conversation?.messages[0]?.content).toBe("line one\nline two");
  });

  it("counts characters near the limit and refuses more than 8,000 with a clear error", async () => {
    const { backend } = withAna();
    const { user } = await openChat(backend);

    fireEvent.change(messageBox(), { target: { value: "a".repeat(7500) } });
    expect(screen.getByText("7,500 / 8,000 characters")).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();

    fireEvent.change(messageBox(), { target: { value: "a".repeat(8001) } });
    expect(screen.getByRole("alert")).toHaveTextContent(
      "This message has 8,001 characters; the limit is 8,000.",
    );
    expect(screen.getByRole("button", { name: "Send" })).toBeDisabled();
    messageBox().focus();
    await user.keyboard("{Enter}");
    expect(backend.chat.conversations.size).toBe(0);
  });

  it("shows the backend's reason when it refuses a message, and keeps the text", async () => {
    const { backend } = withAna();
    backend.failNext(
      "sendMessage",
      new BackendError("validation", "invalid_characters", { subject: "message" }),
    );
    const { user } = await openChat(backend);
    await user.type(messageBox(), "Hello{Enter}");
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The message contains characters that cannot be stored (line breaks or control characters).",
    );
    expect(messageBox()).toHaveValue("Hello");
  });

  it("shows a calm safety card with the region's helplines, and the conversation goes on", async () => {
    const { backend } = withAna();
    const { user } = await openChat(backend);
    await user.type(messageBox(), "I want to end my life{Enter}");

    const card = await screen.findByRole("region", { name: "You don't have to face this alone" });
    expect(within(card).getByText("988 Suicide & Crisis Lifeline")).toBeInTheDocument();
    expect(within(card).getByText("Call 988")).toBeInTheDocument();
    expect(within(card).getByText("Text 988")).toBeInTheDocument();
    expect(within(card).getByText("Samaritans")).toBeInTheDocument();
    expect(within(card).getByText("https://findahelpline.com")).toBeInTheDocument();
    expect(within(card).queryByRole("link")).not.toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    act(() => {
      backend.chat.token("I'm really glad you told me.");
      backend.chat.finish();
    });
    expect(await screen.findByText("I'm really glad you told me.")).toBeInTheDocument();
    expect(messageBox()).toBeEnabled();
  });

  it("starts the breathing the person changed to, records that choice, and adds the session", async () => {
    const { backend } = withAna({ configured: false });
    const { user } = await openChat(backend);
    await user.type(messageBox(), "I feel anxious, can you help me breathe?{Enter}");

    const card = await screen.findByRole("region", { name: "A breathing exercise" });
    expect(within(card).getByText("Box Breathing")).toBeInTheDocument();
    await user.click(within(card).getByRole("button", { name: "Change" }));
    await user.click(await within(card).findByRole("radio", { name: "4-7-8 Relaxing Breath" }));
    await user.click(within(card).getByRole("button", { name: "2 — Low" }));
    await user.click(within(card).getByRole("button", { name: "Start" }));

    const dialog = await screen.findByRole("dialog", { name: "4-7-8 Relaxing Breath session" });
    expect(backend.chat.decisions).toEqual([
      {
        messageId: expect.any(String) as string,
        decision: { kind: "started", choice: { kind: "breathing", technique: "relaxing_478" } },
      },
    ]);
    expect(backend.run.config).toEqual({ technique: "relaxing_478" });
    expect(backend.run.moodBefore).toBe(2);

    act(() => {
      backend.emit({
        kind: "completed",
        stats: {
          ...emptyStats({ technique: "relaxing_478" }),
          activeMs: 76000,
          cyclesCompleted: 4,
        },
      });
    });
    await user.click(within(dialog).getByRole("button", { name: "4 — Good" }));
    await user.click(within(dialog).getByRole("button", { name: "Save and close" }));

    expect(await screen.findByText(/4-7-8 Relaxing Breath · 1:16 · completed/)).toBeInTheDocument();
    expect(screen.getByText(/mood 2 → 4/)).toBeInTheDocument();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(backend.chat.summaries).toHaveLength(1);
    expect(screen.getByText("You chose 4-7-8 Relaxing Breath.")).toBeInTheDocument();
  });

  it("asks the Wim Hof gate about the card's message and follows its suggestion", async () => {
    const { backend } = withAna({ configured: false });
    backend.gate = {
      allowed: true,
      suggestedTechnique: "deep_calm",
      reason: "discomfort",
    };
    const { user } = await openChat(backend);
    await user.type(messageBox(), "I feel dizzy and anxious, help me breathe{Enter}");
    const card = await screen.findByRole("region", { name: "A breathing exercise" });
    await user.click(within(card).getByRole("button", { name: "Change" }));
    await user.click(await within(card).findByRole("radio", { name: "Wim Hof Method" }));

    expect(await within(card).findByText(/You mentioned not feeling well/)).toBeInTheDocument();
    expect(backend.gateMessages).toEqual(["I feel dizzy and anxious, help me breathe"]);
    await user.click(within(card).getByRole("button", { name: "Try Deep Calm instead" }));
    await user.click(within(card).getByRole("button", { name: "Start" }));

    await screen.findByRole("dialog", { name: "Deep Calm session" });
    expect(backend.chat.decisions[0]?.decision).toEqual({
      kind: "started",
      choice: { kind: "breathing", technique: "deep_calm" },
    });
  });

  it("records Not now and shows it instead of the buttons", async () => {
    const { backend } = withAna({ configured: false });
    const { user } = await openChat(backend);
    await user.type(messageBox(), "Can we breathe together?{Enter}");
    const card = await screen.findByRole("region", { name: "A breathing exercise" });

    await user.click(within(card).getByRole("button", { name: "Not now" }));

    expect(await screen.findByText("Not now. You can ask for it any time.")).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "A breathing exercise" })).not.toBeInTheDocument();
    expect(backend.chat.decisions.map((d) => d.decision)).toEqual([{ kind: "declined" }]);
  });

  it("saves a changed meditation length and opens the timer for it", async () => {
    const { backend } = withAna({ configured: false });
    const { user } = await openChat(backend);
    await user.type(messageBox(), "I would like to meditate{Enter}");
    const card = await screen.findByRole("region", { name: "A short meditation" });
    await user.click(within(card).getByRole("button", { name: "Change" }));
    await user.clear(within(card).getByLabelText("Minutes"));
    await user.type(within(card).getByLabelText("Minutes"), "12");
    await user.click(within(card).getByRole("button", { name: "Start" }));

    expect(await screen.findByText("You chose a 12-minute meditation.")).toBeInTheDocument();
    const timer = await screen.findByRole("dialog", { name: "Silent meditation" });
    expect(within(timer).getByRole("timer")).toHaveTextContent("12:00");
    expect(backend.chat.decisions[0]?.decision).toEqual({
      kind: "started",
      choice: { kind: "meditation", minutes: 12 },
    });
  });

  it("starts journaling from its card: the entry is written, saved and summed up in the conversation", async () => {
    const { backend } = withAna({ configured: false });
    const { user } = await openChat(backend);
    await user.type(messageBox(), "I want to journal about today{Enter}");
    const card = await screen.findByRole("region", { name: JOURNALING_TITLE });
    await user.click(within(card).getByRole("button", { name: "Change" }));
    await user.clear(within(card).getByLabelText("Prompt"));
    await user.type(within(card).getByLabelText("Prompt"), "What surprised me today?");
    await user.click(within(card).getByRole("button", { name: "Start" }));

    const dialog = await screen.findByRole("dialog", { name: "Journaling" });
    expect(within(dialog).getByRole("heading", { name: "What surprised me today?" })).toBeVisible();
    await user.type(
      within(dialog).getByLabelText("Your entry"),
      "The rain stopped, and I walked home.",
    );
    expect(within(dialog).getByText(/^7 words · /)).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Save entry" }));

    await waitFor(() => {
      expect(screen.queryByRole("dialog", { name: "Journaling" })).not.toBeInTheDocument();
    });
    const [entry] = backend.journalEntries;
    expect(entry?.prompt).toBe("What surprised me today?");
    expect(entry?.text).toBe("The rain stopped, and I walked home.");
    expect(backend.chat.decisions[0]?.decision).toMatchObject({
      kind: "started",
      choice: { kind: "journaling", prompt: "What surprised me today?" },
    });
    expect(backend.chat.summaries).toEqual([
      expect.objectContaining({ result: { kind: "journaling", entryId: entry?.id } }),
    ]);
    expect(
      await within(conversationLog()).findByText(/^Journaling: .* · completed$/),
    ).toBeVisible();
  });

  it("an empty journal entry is refused with the backend's reason and nothing is lost", async () => {
    const { backend } = withAna({ configured: false });
    const { user } = await openChat(backend);
    await user.type(messageBox(), "I want to journal{Enter}");
    const card = await screen.findByRole("region", { name: JOURNALING_TITLE });
    await user.click(within(card).getByRole("button", { name: "Start" }));
    const dialog = await screen.findByRole("dialog", { name: "Journaling" });
    await user.type(within(dialog).getByLabelText("Your entry"), "   ");
    await user.click(within(dialog).getByRole("button", { name: "Save entry" }));
    expect(
      await within(dialog).findByText(
        "The journal entry cannot be empty; please write something first.",
      ),
    ).toBeInTheDocument();
    expect(backend.journalEntries).toEqual([]);
    expect(backend.chat.summaries).toEqual([]);
  });

  it("without a chat model: the message, its card and the setup card appear, and no reply starts", async () => {
    const { backend } = withAna({ configured: false });
    const { user } = await openChat(backend);
    expect(await screen.findByRole("heading", { name: "Connect a chat model" })).toBeVisible();

    await user.type(messageBox(), "I feel anxious, can you help me breathe?{Enter}");

    expect(
      await within(conversationLog()).findByText("I feel anxious, can you help me breathe?"),
    ).toBeInTheDocument();
    expect(await screen.findByRole("region", { name: "A breathing exercise" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Connect a chat model" })).toBeVisible();
    expect(screen.queryByRole("button", { name: "Stop" })).not.toBeInTheDocument();
    expect(backend.chat.replies).toHaveLength(0);
    expect(messageBox()).toBeEnabled();

    await user.click(screen.getByRole("button", { name: "Open chat model settings" }));
    expect(await screen.findByRole("heading", { name: "Chat model" })).toBeInTheDocument();
  });

  it("renders Markdown, and HTML in a reply as text, never as elements", async () => {
    const { backend, ana } = withAna();
    backend.chat.seedConversation(ana.id, "Markdown", [
      { role: "user", content: "Show me" },
      {
        role: "assistant",
        content:
          'Some **bold** advice <script>alert("x")</script> and <img src="x" onerror="alert(1)"> [a link](https://example.com)',
      },
    ]);
    const { user } = await openChat(backend);
    await user.click(await screen.findByRole("button", { name: /^Markdown/ }));

    const log = await screen.findByRole("log");
    await within(log).findByText("bold");
    expect(within(log).getByText("bold").tagName).toBe("STRONG");
    expect(log.querySelector("script")).toBeNull();
    expect(log.querySelector("img")).toBeNull();
    expect(log.querySelector("a")).toBeNull();
    expect(log.textContent).toContain('<script>alert("x")</script>');
    expect(log.textContent).toContain('<img src="x" onerror="alert(1)">');
    expect(log.textContent).toContain("a link (https://example.com)");
  });

  it.each([
    { forget: true, keepMemories: false },
    { forget: false, keepMemories: true },
  ])("deletes a conversation (forget its memories: $forget)", async ({ forget, keepMemories }) => {
    const { backend, ana } = withAna();
    backend.chat.seedConversation(ana.id, "Sunday walk", [
      { role: "user", content: "I walked by the river" },
      { role: "assistant", content: "That sounds lovely." },
    ]);
    const { user } = await openChat(backend);
    await user.click(await screen.findByRole("button", { name: /^Sunday walk/ }));
    await screen.findByRole("heading", { level: 1, name: "Sunday walk" });

    await user.click(screen.getByRole("button", { name: "Delete Sunday walk" }));
    const dialog = screen.getByRole("dialog", { name: "Delete “Sunday walk”?" });
    const checkbox = within(dialog).getByRole("checkbox", {
      name: "Also forget what Wbot remembered from it",
    });
    expect(checkbox).toBeChecked();
    if (!forget) await user.click(checkbox);
    await user.click(within(dialog).getByRole("button", { name: "Delete" }));

    await waitFor(() => {
      expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    });
    expect(backend.chat.deletions).toEqual([
      { conversationId: expect.any(String) as string, keepMemories },
    ]);
    expect(await screen.findByText("No conversations yet")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Hi, Ana" })).toBeInTheDocument();
  });

  it("previews each conversation's last message, saying You: before the person's own", async () => {
    const { backend, ana } = withAna();
    backend.chat.seedConversation(ana.id, "Sunday walk", [
      { role: "assistant", content: "How was your day?" },
      { role: "user", content: "I walked by\nthe river" },
    ]);
    backend.chat.seedConversation(ana.id, "Evening", [
      { role: "user", content: "I made soup" },
      { role: "assistant", content: "That sounds lovely." },
    ]);
    await openChat(backend);
    const history = screen.getByRole("region", { name: "Conversation History" });
    expect(await within(history).findByText("You: I walked by the river")).toBeInTheDocument();
    expect(within(history).getByText("That sounds lovely.")).toBeInTheDocument();
    expect(within(history).queryByText(/You: That sounds/)).not.toBeInTheDocument();
  });

  it("lists 30 conversations, most recently active first, and Show more adds the other 5", async () => {
    const { backend, ana } = withAna();
    for (let minute = 1; minute <= 35; minute++) {
      const at = `2025-03-01T10:${String(minute).padStart(2, "0")}:00Z`;
      backend.chat.seedConversation(ana.id, `Talk ${minute}`, [], at);
    }
    const { user } = await openChat(backend);
    const history = screen.getByRole("region", { name: "Conversation History" });
    const titles = () =>
      within(history)
        .getAllByRole("listitem")
        .map((item) => within(item).getByText(/^Talk \d+$/).textContent);
    const newestFirst = (from: number, to: number) =>
      Array.from({ length: from - to + 1 }, (_, i) => `Talk ${from - i}`);

    await within(history).findByText("Talk 35");
    expect(titles()).toEqual(newestFirst(35, 6));
    expect(within(history).queryByText("Talk 5")).not.toBeInTheDocument();

    await user.click(within(history).getByRole("button", { name: "Show more" }));
    await within(history).findByText("Talk 1");
    expect(titles()).toEqual(newestFirst(35, 1));
    expect(within(history).queryByRole("button", { name: "Show more" })).not.toBeInTheDocument();

    // A change reads every loaded page again: the renamed one of the second page is still there.
    await user.click(within(history).getByRole("button", { name: "Rename Talk 2" }));
    await user.type(
      within(history).getByRole("textbox", { name: "Conversation title" }),
      " again{Enter}",
    );
    expect(await within(history).findByText("Talk 2 again")).toBeInTheDocument();
    expect(within(history).getAllByRole("listitem")).toHaveLength(35);
    expect(within(history).queryByRole("button", { name: "Show more" })).not.toBeInTheDocument();
  });

  it("shows the newest 50 messages; Show earlier messages adds 50 more, then the last 20", async () => {
    const { backend, ana } = withAna();
    backend.chat.seedConversation(
      ana.id,
      "Long talk",
      Array.from({ length: 120 }, (_, i) => ({
        role: i % 2 === 0 ? ("user" as const) : ("assistant" as const),
        content: `Message ${i + 1}`,
      })),
    );
    const { user } = await openChat(backend);
    await user.click(await screen.findByRole("button", { name: /^Long talk/ }));
    const shown = () =>
      within(conversationLog())
        .getAllByText(/^(Message \d+|Still here\?|Yes, right here\.)$/)
        .map((m) => m.textContent);
    const numbered = (from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, i) => `Message ${from + i}`);
    const earlier = () => screen.queryByRole("button", { name: "Show earlier messages" });

    await within(await screen.findByRole("log")).findByText("Message 120");
    expect(shown()).toEqual(numbered(71, 120));

    await user.click(screen.getByRole("button", { name: "Show earlier messages" }));
    await within(conversationLog()).findByText("Message 21");
    expect(shown()).toEqual(numbered(21, 120));
    expect(earlier()).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Show earlier messages" }));
    await within(conversationLog()).findByText("Message 1");
    expect(shown()).toEqual(numbered(1, 120));
    expect(earlier()).not.toBeInTheDocument();

    // A new message and its reply still come at the end, after all the loaded pages.
    await user.type(messageBox(), "Still here?{Enter}");
    await within(conversationLog()).findByText("Still here?");
    act(() => {
      backend.chat.token("Yes, right here.");
    });
    expect(await within(conversationLog()).findByText("Yes, right here.")).toBeInTheDocument();
    expect(shown()).toEqual([...numbered(1, 120), "Still here?", "Yes, right here."]);
    act(() => {
      backend.chat.finish();
    });
    await waitFor(() => {
      expect(screen.queryByRole("button", { name: "Stop" })).not.toBeInTheDocument();
    });
    await waitFor(() => {
      expect(shown()).toEqual([...numbered(1, 120), "Still here?", "Yes, right here."]);
    });
    expect(earlier()).not.toBeInTheDocument();
  });

  it("renames a conversation in place and finds it by keyword or meaning", async () => {
    const { backend, ana } = withAna();
    backend.chat.seedConversation(ana.id, "Evening", [
      { role: "user", content: "Running by the river clears my head" },
    ]);
    const { user } = await openChat(backend);
    await user.click(await screen.findByRole("button", { name: "Rename Evening" }));
    const field = screen.getByRole("textbox", { name: "Conversation title" });
    await user.clear(field);
    await user.type(field, "River run{Enter}");
    expect(await screen.findByRole("button", { name: /^River run/ })).toBeInTheDocument();

    await user.type(screen.getByRole("searchbox", { name: "Search conversations" }), "river head");
    expect(await screen.findByText("1 conversation found")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Meaning" }));
    expect(await screen.findByText("62% match")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: /^River run.*62% match/ }));
    expect(await screen.findByRole("heading", { level: 1, name: "River run" })).toBeVisible();
  });
});
