import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BackendError } from "../../../../lib/backend";
import { addDays, localDay } from "../../../../lib/days";
import { FakeBackend } from "../../../../test/fakeBackend";
import { renderApp } from "../../../../test/renderApp";

const RIVER = "Walked by the river at dawn, slow and quiet.";
const SOUP = "Grateful for soup and a long call with Maya.";
const WORK = "Work was heavy today and I could not switch off.";
const GRATITUDE_PROMPT = "Name three things, big or small, that you're grateful for today.";

function withAna(locale: "en" | "es" = "en") {
  const backend = new FakeBackend();
  const ana = backend.seedProfile("Ana", { locale });
  return { backend, ana };
}

/** Noon of the day `n` days ago, as stored. */
function daysAgo(n: number): string {
  const date = new Date();
  date.setDate(date.getDate() - n);
  date.setHours(12, 0, 0, 0);
  return date.toISOString();
}

/** Three entries: the river (3 days ago, reflection), soup (yesterday, gratitude, a favourite), work (today, free). */
function withEntries() {
  const { backend, ana } = withAna();
  backend.journal.seed(ana.id, {
    text: RIVER,
    category: "reflection",
    prompt: "What stood out to you about today, and why?",
    createdAt: daysAgo(3),
  });
  backend.journal.seed(ana.id, {
    text: SOUP,
    category: "gratitude",
    prompt: GRATITUDE_PROMPT,
    favourite: true,
    createdAt: daysAgo(1),
  });
  backend.journal.seed(ana.id, { text: WORK, createdAt: daysAgo(0) });
  return { backend, ana };
}

async function openSection(rendered: ReturnType<typeof renderApp>, name: string) {
  const nav = await screen.findByRole("navigation", { name: /Discover|Descubrir/ });
  await rendered.user.click(within(nav).getByRole("button", { name }));
}

async function openJournal(backend: FakeBackend) {
  const rendered = renderApp(backend);
  await openSection(rendered, "Journaling");
  await screen.findByRole("heading", { level: 1, name: "Journaling" });
  return rendered;
}

function entries() {
  return screen.getByRole("list", { name: "Journal entries" });
}

function entryItems() {
  return within(entries()).getAllByRole("listitem");
}

afterEach(() => {
  vi.useRealTimers();
});

describe("JournalPage", () => {
  it("writes to a prompt with a mood before and after, and lists the saved entry", async () => {
    const { backend, ana } = withAna();
    const { user } = await openJournal(backend);
    expect(await screen.findByText(/No entries yet/)).toBeInTheDocument();

    const categories = screen.getByRole("group", { name: "Prompt categories" });
    await user.click(within(categories).getByRole("button", { name: "Gratitude" }));
    expect(within(categories).getByRole("button", { name: "Gratitude" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    const prompts = screen.getByRole("list", { name: "Gratitude prompts" });
    expect(within(prompts).getAllByRole("listitem")).toHaveLength(3);
    const prompt = within(prompts).getByRole("button", { name: GRATITUDE_PROMPT });
    expect(prompt).toHaveAccessibleDescription("About 5 min");
    await user.click(prompt);

    expect(screen.getByRole("heading", { level: 2, name: GRATITUDE_PROMPT })).toBeInTheDocument();
    const followUps = screen.getByRole("list", { name: "Questions to keep going" });
    expect(
      within(followUps)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual([
      "Why does each one matter to you?",
      "Which of them happened because of something you did?",
    ]);
    // Opening the editor puts the cursor in the text box.
    const text = screen.getByRole("textbox", { name: "Your entry" });
    expect(text).toHaveFocus();
    const before = screen.getByRole("group", {
      name: "How do you feel before writing? (Optional)",
    });
    await user.click(within(before).getByRole("button", { name: "2 — Low" }));
    await user.type(text, "Tea with Maya, sunshine, and a good book.");
    expect(screen.getByText(/^8 words · /)).toBeInTheDocument();
    const after = screen.getByRole("group", { name: "How do you feel after writing? (Optional)" });
    await user.click(within(after).getByRole("button", { name: "4 — Good" }));
    await user.click(screen.getByRole("button", { name: "Save entry" }));

    expect(await screen.findByText("Your entry is saved.")).toBeInTheDocument();
    expect(backend.journalEntries).toHaveLength(1);
    expect(backend.journalEntries[0]).toMatchObject({
      category: "gratitude",
      prompt: GRATITUDE_PROMPT,
      text: "Tea with Maya, sunshine, and a good book.",
      wordCount: 8,
      moodBefore: 2,
      moodAfter: 4,
    });
    // The moods are check-ins too, as the core stores them.
    expect(backend.mood.list(ana.id, { limit: 10, offset: 0 })).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ mood: 2, activity: "journaling", moment: "before" }),
        expect.objectContaining({ mood: 4, activity: "journaling", moment: "after" }),
      ]),
    );
    const [item] = await waitFor(entryItems);
    expect(item).toHaveTextContent("Gratitude");
    expect(item).toHaveTextContent("8 words");
    expect(item).toHaveTextContent("Tea with Maya, sunshine, and a good book.");
    expect(backend.journal.drafts.size).toBe(0);
  });

  it("free writing saves an entry without a category or prompt", async () => {
    const { backend } = withAna();
    const { user } = await openJournal(backend);
    await user.click(screen.getByRole("button", { name: "Free writing" }));
    expect(screen.getByRole("heading", { level: 2, name: "Free writing" })).toBeInTheDocument();
    expect(screen.queryByRole("list", { name: "Questions to keep going" })).not.toBeInTheDocument();
    await user.type(screen.getByRole("textbox", { name: "Your entry" }), "Just thoughts.");
    await user.click(screen.getByRole("button", { name: "Save entry" }));

    expect(await screen.findByText("Your entry is saved.")).toBeInTheDocument();
    expect(backend.journalEntries[0]).toMatchObject({
      category: null,
      prompt: null,
      text: "Just thoughts.",
      moodBefore: null,
      moodAfter: null,
    });
    expect(await screen.findByText("Free writing", { selector: "li span" })).toBeInTheDocument();
  });

  it("autosaves the draft once typing pauses, and offers it back when the journal reopens", async () => {
    const { backend, ana } = withAna();
    const rendered = await openJournal(backend);
    await rendered.user.click(screen.getByRole("button", { name: "Free writing" }));
    const text = screen.getByRole("textbox", { name: "Your entry" });

    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    fireEvent.change(text, { target: { value: "First" } });
    act(() => {
      vi.advanceTimersByTime(600);
    });
    fireEvent.change(text, { target: { value: "First thoughts" } });
    act(() => {
      vi.advanceTimersByTime(999);
    });
    // Nothing yet: the debounce restarted with the second keystroke.
    expect(backend.journal.draftSaves).toEqual([]);
    await act(() => vi.advanceTimersByTimeAsync(1));
    await act(() => vi.advanceTimersByTimeAsync(10));
    vi.useRealTimers();
    // Saved one second after the last keystroke (within the two seconds allowed), once.
    await waitFor(() => {
      expect(backend.journal.draftSaves.map((d) => d.text)).toEqual(["First thoughts"]);
    });
    expect(backend.journal.draftSaves[0]).toMatchObject({
      entryId: null,
      category: null,
      prompt: null,
    });
    expect(await screen.findByText("Draft saved")).toBeInTheDocument();

    // Words typed just before leaving are saved as the editor closes.
    await rendered.user.type(text, " and more");
    await openSection(rendered, "Mood");
    await waitFor(() => {
      expect(backend.journal.drafts.get(ana.id)?.text).toBe("First thoughts and more");
    });

    await openSection(rendered, "Journaling");
    expect(
      await screen.findByRole("heading", { name: "You have an unsaved draft" }),
    ).toBeInTheDocument();
    await rendered.user.click(screen.getByRole("button", { name: "Continue your draft" }));
    expect(screen.getByRole("textbox", { name: "Your entry" })).toHaveValue(
      "First thoughts and more",
    );
    await rendered.user.click(screen.getByRole("button", { name: "Save entry" }));
    expect(await screen.findByText("Your entry is saved.")).toBeInTheDocument();
    expect(backend.journal.drafts.size).toBe(0);
    expect(screen.queryByRole("heading", { name: "You have an unsaved draft" })).toBeNull();
  });

  it("tries a draft save that failed again, so Close loses no words", async () => {
    const { backend, ana } = withAna();
    const { user } = await openJournal(backend);
    await user.click(screen.getByRole("button", { name: "Free writing" }));
    backend.failNext("saveJournalDraft", new BackendError("unavailable", "database_busy"));
    await user.type(screen.getByRole("textbox", { name: "Your entry" }), "Keep me");
    // Close blurs the text box (that save fails), then saves again before closing.
    await user.click(screen.getByRole("button", { name: "Close" }));
    expect(
      await screen.findByRole("heading", { name: "You have an unsaved draft" }),
    ).toBeInTheDocument();
    expect(backend.journal.drafts.get(ana.id)?.text).toBe("Keep me");
  });

  it("discards a draft offered back", async () => {
    const { backend, ana } = withAna();
    backend.journal.saveDraft(ana.id, { text: "Half a thought", writingMs: 5_000 });
    const { user } = await openJournal(backend);
    await user.click(await screen.findByRole("button", { name: "Discard" }));
    await waitFor(() => {
      expect(backend.journal.drafts.size).toBe(0);
    });
    expect(screen.queryByRole("button", { name: "Continue your draft" })).toBeNull();
  });

  it("searches by words and by meaning, and filters by category, favourites and dates", async () => {
    const { backend } = withEntries();
    const { user } = await openJournal(backend);
    await waitFor(() => {
      expect(entryItems()).toHaveLength(3);
    });
    // Newest first.
    expect(entryItems().map((li) => li.textContent)).toEqual([
      expect.stringContaining(WORK),
      expect.stringContaining(SOUP),
      expect.stringContaining(RIVER),
    ]);

    const search = screen.getByRole("searchbox", { name: "Search your journal" });
    await user.type(search, "river");
    await waitFor(() => {
      expect(entryItems()).toHaveLength(1);
    });
    expect(entryItems()[0]).toHaveTextContent(RIVER);
    expect(backend.journal.lists.at(-1)).toMatchObject({ search: "river", mode: "words" });

    const modes = screen.getByRole("group", { name: "Search your journal by" });
    await user.click(within(modes).getByRole("button", { name: "Meaning" }));
    await waitFor(() => {
      expect(entryItems()).toHaveLength(3);
    });
    expect(within(modes).getByRole("button", { name: "Meaning" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    expect(backend.journal.lists.at(-1)).toMatchObject({ search: "river", mode: "meaning" });
    expect(entryItems()[0]).toHaveTextContent("100% match");

    await user.clear(search);
    await user.click(within(modes).getByRole("button", { name: "Words" }));
    await user.selectOptions(screen.getByRole("combobox", { name: "Category" }), "Gratitude");
    await waitFor(() => {
      expect(entryItems()).toHaveLength(1);
    });
    expect(entryItems()[0]).toHaveTextContent(SOUP);

    await user.selectOptions(screen.getByRole("combobox", { name: "Category" }), "All categories");
    await user.click(screen.getByRole("checkbox", { name: "Favourites only" }));
    await waitFor(() => {
      expect(entryItems()).toHaveLength(1);
    });
    expect(backend.journal.lists.at(-1)).toMatchObject({ favouritesOnly: true, category: null });

    await user.click(screen.getByRole("checkbox", { name: "Favourites only" }));
    fireEvent.change(screen.getByLabelText("From"), {
      target: { value: addDays(localDay(), -1) },
    });
    await waitFor(() => {
      expect(entryItems()).toHaveLength(2);
    });
    expect(backend.journal.lists.at(-1)?.days).toEqual({
      from: addDays(localDay(), -1),
      to: localDay(),
      utcOffsetMinutes: -new Date().getTimezoneOffset(),
    });

    await user.click(screen.getByRole("button", { name: "Clear filters" }));
    await waitFor(() => {
      expect(entryItems()).toHaveLength(3);
    });

    await user.type(search, "sailing");
    expect(await screen.findByText("No entries match.")).toBeInTheDocument();
  });

  it("shows the core's words for a date range that ends before it starts", async () => {
    const { backend } = withEntries();
    await openJournal(backend);
    await waitFor(() => {
      expect(entryItems()).toHaveLength(3);
    });
    fireEvent.change(screen.getByLabelText("From"), { target: { value: localDay() } });
    fireEvent.change(screen.getByLabelText("To"), {
      target: { value: addDays(localDay(), -2) },
    });
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The date range (days) ends before it starts.",
    );
    expect(screen.queryByRole("list", { name: "Journal entries" })).not.toBeInTheDocument();
  });

  it("opens an entry in full and edits its words", async () => {
    const { backend, ana } = withAna();
    const seeded = backend.journal.seed(ana.id, {
      text: RIVER,
      category: "reflection",
      prompt: "What stood out to you about today, and why?",
      moodBefore: 2,
      moodAfter: 4,
      writingMs: 90_000,
    });
    const { user } = await openJournal(backend);
    await user.click(
      await screen.findByRole("button", { name: /^Open entry: Walked by the river at dawn/ }),
    );

    const entry = await screen.findByRole("article", {
      name: "What stood out to you about today, and why?",
    });
    expect(within(entry).getByText(RIVER)).toBeInTheDocument();
    expect(within(entry).getByText("Reflection")).toBeInTheDocument();
    expect(within(entry).getByText("2 — Low")).toBeInTheDocument();
    expect(within(entry).getByText("4 — Good")).toBeInTheDocument();
    expect(within(entry).getByText("1:30")).toBeInTheDocument();
    expect(within(entry).getByText(/^Written /)).toBeInTheDocument();

    await user.click(within(entry).getByRole("button", { name: "Edit" }));
    const text = screen.getByRole("textbox", { name: "Your entry" });
    expect(text).toHaveValue(RIVER);
    // Edits change words only: no mood is asked again.
    expect(screen.queryByRole("group", { name: /before writing/ })).not.toBeInTheDocument();
    await user.clear(text);
    await user.type(text, "Walked by the river at dusk instead.");
    await user.click(screen.getByRole("button", { name: "Save changes" }));

    const edited = await screen.findByRole("article");
    expect(within(edited).getByText("Walked by the river at dusk instead.")).toBeInTheDocument();
    expect(backend.journal.get(ana.id, seeded.id)).toMatchObject({
      text: "Walked by the river at dusk instead.",
      wordCount: 7,
      moodBefore: 2,
      moodAfter: 4,
    });
    expect(backend.journal.get(ana.id, seeded.id).writingMs).toBeGreaterThanOrEqual(90_000);
    expect(backend.journal.drafts.size).toBe(0);

    await user.click(within(edited).getByRole("button", { name: "Back to entries" }));
    await waitFor(() => {
      expect(entryItems()[0]).toHaveTextContent("Walked by the river at dusk instead.");
    });
  });

  it("marks an entry as a favourite and back", async () => {
    const { backend, ana } = withAna();
    const seeded = backend.journal.seed(ana.id, { text: SOUP });
    const { user } = await openJournal(backend);
    const star = await screen.findByRole("button", {
      name: /^Favourite: Grateful for soup and a long call with M/,
    });
    expect(star).toHaveAttribute("aria-pressed", "false");

    await user.click(star);
    await waitFor(() => {
      expect(screen.getByRole("button", { name: /^Favourite: Grateful for soup/ })).toHaveAttribute(
        "aria-pressed",
        "true",
      );
    });
    expect(backend.journal.get(ana.id, seeded.id).favourite).toBe(true);

    await user.click(screen.getByRole("button", { name: /^Favourite: Grateful for soup/ }));
    await waitFor(() => {
      expect(backend.journal.get(ana.id, seeded.id).favourite).toBe(false);
    });
    await waitFor(() => {
      expect(screen.getByRole("button", { name: /^Favourite: Grateful for soup/ })).toHaveAttribute(
        "aria-pressed",
        "false",
      );
    });
  });

  it("deletes with Undo: Undo keeps the entry, otherwise it is deleted when the time is up", async () => {
    const { backend } = withEntries();
    const rendered = await openJournal(backend);
    await waitFor(() => {
      expect(entryItems()).toHaveLength(3);
    });

    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    fireEvent.click(screen.getByRole("button", { name: /^Delete entry: Walked by the river/ }));
    expect(entryItems()).toHaveLength(2);
    const toast = screen.getByText("Entry deleted.").closest("[role=status]");
    expect(toast).not.toBeNull();
    await act(() => vi.advanceTimersByTimeAsync(4_000));
    // Nothing is sent while Undo is possible.
    expect(backend.journalEntries).toHaveLength(3);
    fireEvent.click(within(toast as HTMLElement).getByRole("button", { name: "Undo" }));
    await act(() => vi.advanceTimersByTimeAsync(10_000));
    expect(backend.journalEntries).toHaveLength(3);
    expect(entryItems()).toHaveLength(3);
    expect(screen.queryByText("Entry deleted.")).not.toBeInTheDocument();

    fireEvent.click(screen.getByRole("button", { name: /^Delete entry: Work was heavy/ }));
    await act(() => vi.advanceTimersByTimeAsync(4_999));
    expect(backend.journalEntries).toHaveLength(3);
    await act(() => vi.advanceTimersByTimeAsync(1));
    await act(() => vi.advanceTimersByTimeAsync(10));
    vi.useRealTimers();
    await waitFor(() => {
      expect(backend.journalEntries.map((e) => e.text)).toEqual([SOUP, RIVER]);
    });
    await waitFor(() => {
      expect(screen.queryByText("Entry deleted.")).not.toBeInTheDocument();
    });
    expect(entryItems()).toHaveLength(2);

    // Leaving the page ends the Undo time: the deletion is sent at once.
    await rendered.user.click(screen.getByRole("button", { name: /^Delete entry: Grateful/ }));
    await openSection(rendered, "Mood");
    await waitFor(() => {
      expect(backend.journalEntries.map((e) => e.text)).toEqual([RIVER]);
    });
  });

  it("deletes from the open entry, and Undo brings it back to the list", async () => {
    const { backend } = withEntries();
    const { user } = await openJournal(backend);
    await user.click(await screen.findByRole("button", { name: /^Open entry: Work was heavy/ }));
    const entry = await screen.findByRole("article");
    await user.click(within(entry).getByRole("button", { name: "Delete" }));

    expect(screen.queryByRole("article")).not.toBeInTheDocument();
    await waitFor(() => {
      expect(entryItems()).toHaveLength(2);
    });
    await user.click(screen.getByRole("button", { name: "Undo" }));
    expect(entryItems()).toHaveLength(3);
    expect(backend.journalEntries).toHaveLength(3);
  });

  it("speaks Spanish", async () => {
    const { backend } = withAna("es");
    const rendered = renderApp(backend);
    await openSection(rendered, "Diario");
    expect(await screen.findByRole("heading", { level: 1, name: "Diario" })).toBeInTheDocument();
    expect(screen.getByRole("searchbox", { name: "Buscar en tu diario" })).toBeInTheDocument();
    expect(await screen.findByText(/Aún no hay entradas/)).toBeInTheDocument();
    const categories = screen.getByRole("group", { name: "Categorías de preguntas" });
    await rendered.user.click(within(categories).getByRole("button", { name: "Gratitud" }));
    await rendered.user.click(
      screen.getByRole("button", {
        name: "Nombra tres cosas, grandes o pequeñas, que agradezcas hoy.",
      }),
    );
    expect(screen.getByRole("list", { name: "Preguntas para seguir" })).toBeInTheDocument();
    await rendered.user.type(screen.getByRole("textbox", { name: "Tu entrada" }), "Sol y té.");
    expect(screen.getByText(/^3 palabras · /)).toBeInTheDocument();
    await rendered.user.click(screen.getByRole("button", { name: "Guardar entrada" }));
    expect(await screen.findByText("Tu entrada está guardada.")).toBeInTheDocument();
    // The prompt is kept as the person read it.
    expect(backend.journalEntries[0]?.prompt).toBe(
      "Nombra tres cosas, grandes o pequeñas, que agradezcas hoy.",
    );
  });
});
