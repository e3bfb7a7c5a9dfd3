import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { BackendError } from "../../../../lib/backend";
import { FakeBackend } from "../../../../test/fakeBackend";
import { renderApp } from "../../../../test/renderApp";

const WORK = "Work was heavy today and I could not switch off.";
const SOUP = "Grateful for soup and a long call with Maya.";
const GRATITUDE_PROMPT = "Name three things, big or small, that you're grateful for today.";

/** Ana with a free-writing entry (WORK) and a gratitude entry with moods (SOUP). */
function withEntries(locale: "en" | "es" = "en") {
  const backend = new FakeBackend();
  const ana = backend.seedProfile("Ana", { locale });
  const work = backend.journal.seed(ana.id, { text: WORK, writingMs: 60_000 });
  const soup = backend.journal.seed(ana.id, {
    text: SOUP,
    category: "gratitude",
    prompt: GRATITUDE_PROMPT,
    moodBefore: 2,
    moodAfter: 4,
    writingMs: 90_000,
  });
  return { backend, ana, work, soup };
}

/** Opens the journal and the entry whose "Open entry" name starts with `start`. */
async function openEntry(backend: FakeBackend, section: string, start: RegExp) {
  const rendered = renderApp(backend);
  const nav = await screen.findByRole("navigation", { name: /Discover|Descubrir/ });
  await rendered.user.click(within(nav).getByRole("button", { name: section }));
  await rendered.user.click(await screen.findByRole("button", { name: start }));
  const entry = await screen.findByRole("article");
  return { ...rendered, entry };
}

describe("Talk about this", () => {
  it("shares an entry: the chat opens on a new conversation that starts with the entry's note", async () => {
    const { backend, ana, work } = withEntries();
    const { user, entry } = await openEntry(backend, "Journaling", /^Open entry: Work was heavy/);
    // The history is loaded (and empty) before sharing, so the new conversation must be fetched again.
    expect(await screen.findByText("No conversations yet")).toBeInTheDocument();

    const talk = within(entry).getByRole("button", { name: "Talk about this" });
    expect(talk).toHaveAccessibleDescription(
      "Opens a new conversation; this entry's words will be sent to your chat model in it.",
    );
    const remember = within(entry).getByRole("checkbox", { name: "Also remember this entry" });
    expect(remember).not.toBeChecked();
    await user.click(talk);

    const log = await screen.findByRole("log", { name: "New conversation" });
    expect(
      await within(log).findByText("Journaling: Free writing · 1:00 · completed"),
    ).toBeInTheDocument();
    expect(screen.queryByRole("article")).not.toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: "Message" })).toBeInTheDocument();

    // The core's record: one conversation whose first message is the note, with the entry's words.
    const [shared, ...others] = [...backend.chat.conversations.values()];
    expect(others).toHaveLength(0);
    expect(shared?.conversation).toMatchObject({ profileId: ana.id, title: "" });
    expect(shared?.messages).toHaveLength(1);
    expect(shared?.messages[0]).toMatchObject({
      role: "system_summary",
      summary: { activity: "journaling", technique: "free", sessionId: work.id },
    });
    expect(shared?.messages[0]?.content).toContain(WORK);
    // Unchecked: no memory.
    expect(backend.memory.items).toHaveLength(0);

    // The history shows it, as the conversation open now.
    const history = screen.getByRole("region", { name: "Conversation History" });
    const current = await within(history).findByRole("button", { current: "page" });
    expect(current).toHaveTextContent("New conversation");
  });

  it("with “Also remember this entry”, the entry also becomes a journal memory", async () => {
    const { backend, ana, soup } = withEntries();
    const { user, entry } = await openEntry(
      backend,
      "Journaling",
      /^Open entry: Grateful for soup/,
    );
    await user.click(within(entry).getByRole("checkbox", { name: "Also remember this entry" }));
    await user.click(within(entry).getByRole("button", { name: "Talk about this" }));

    const log = await screen.findByRole("log", { name: "New conversation" });
    expect(
      await within(log).findByText("Journaling: Gratitude · 1:30 · completed · mood 2 → 4"),
    ).toBeInTheDocument();
    const [shared] = [...backend.chat.conversations.values()];
    expect(shared?.messages[0]?.summary).toMatchObject({
      activity: "journaling",
      technique: "gratitude",
      sessionId: soup.id,
    });
    expect(shared?.messages[0]?.content).toContain(GRATITUDE_PROMPT);
    expect(backend.memory.items).toHaveLength(1);
    expect(backend.memory.items[0]).toMatchObject({
      profileId: ana.id,
      kind: "journal",
      text: SOUP,
      conversationId: shared?.conversation.id,
    });

    // The memories page lists it.
    const nav = screen.getByRole("navigation", { name: "Discover" });
    await user.click(within(nav).getByRole("button", { name: "Memories" }));
    await screen.findByRole("heading", { level: 1, name: "Memories" });
    expect(await screen.findByText(SOUP)).toBeInTheDocument();
  });

  it("shows the core's error in words and stays on the entry when sharing fails", async () => {
    const { backend, ana, work } = withEntries();
    const { user, entry } = await openEntry(backend, "Journaling", /^Open entry: Work was heavy/);
    await user.click(within(entry).getByRole("checkbox", { name: "Also remember this entry" }));

    backend.failNext("discussJournalEntry", new BackendError("unavailable", "database_busy"));
    await user.click(within(entry).getByRole("button", { name: "Talk about this" }));
    expect(await within(entry).findByRole("alert")).toHaveTextContent(
      "The database is busy; please try again.",
    );
    expect(screen.getByRole("article")).toBe(entry);
    expect(screen.queryByRole("log")).not.toBeInTheDocument();
    expect(backend.chat.conversations.size).toBe(0);
    expect(backend.memory.items).toHaveLength(0);

    // An entry deleted meanwhile (elsewhere) is not found: the core's words for it.
    backend.journal.delete(ana.id, work.id);
    await user.click(within(entry).getByRole("button", { name: "Talk about this" }));
    await waitFor(() => {
      expect(within(entry).getByRole("alert")).toHaveTextContent(
        "The journal entry could not be found; it may have been deleted.",
      );
    });
    expect(screen.getByRole("article")).toBe(entry);
    expect(backend.chat.conversations.size).toBe(0);
    expect(backend.memory.items).toHaveLength(0);
  });

  it("speaks Spanish", async () => {
    const { backend } = withEntries("es");
    const { user, entry } = await openEntry(backend, "Diario", /^Abrir entrada: Grateful for soup/);
    const remember = within(entry).getByRole("checkbox", { name: "Recordar también esta entrada" });
    expect(remember).not.toBeChecked();
    const talk = within(entry).getByRole("button", { name: "Hablar de esto" });
    expect(talk).toHaveAccessibleDescription(/se enviarán a tu modelo de chat/);
    await user.click(talk);
    const log = await screen.findByRole("log");
    expect(await within(log).findByText(/^Diario: Gratitud · 1:30 · /)).toBeInTheDocument();
  });
});
