import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { addDays, formatDay, localDay } from "../../../../lib/days";
import { FakeBackend } from "../../../../test/fakeBackend";
import { renderApp } from "../../../../test/renderApp";

function withAna(locale: "en" | "es" = "en") {
  const backend = new FakeBackend();
  const ana = backend.seedProfile("Ana", { locale });
  return { backend, ana };
}

async function openMood(backend: FakeBackend, section = "Mood") {
  const rendered = renderApp(backend);
  const nav = await screen.findByRole("navigation", { name: /Discover|Descubrir/ });
  await rendered.user.click(within(nav).getByRole("button", { name: section }));
  await screen.findByRole("heading", { level: 1, name: section });
  return rendered;
}

/** How the table names a day. */
function tableDay(day: string) {
  return formatDay(day, "en", { weekday: "short", month: "short", day: "numeric" });
}

describe("MoodPage", () => {
  it("saves a standalone check-in with emotions and a note, lists it, and deletes it", async () => {
    const { backend, ana } = withAna();
    const { user } = await openMood(backend);
    const recent = screen.getByRole("region", { name: "Recent check-ins" });
    expect(await within(recent).findByText(/No check-ins yet/)).toBeInTheDocument();

    // A mood is needed; the scale says so before anything is sent.
    await user.click(screen.getByRole("button", { name: "Save check-in" }));
    expect(screen.getByRole("alert")).toHaveTextContent(
      "Please choose how you feel, from 1 to 5, first.",
    );
    expect(backend.mood.checkins).toEqual([]);

    const scale = screen.getByRole("group", { name: "How are you feeling right now?" });
    expect(
      within(scale)
        .getAllByRole("button")
        .map((b) => b.textContent),
    ).toEqual(["1 — Very low", "2 — Low", "3 — Okay", "4 — Good", "5 — Great"]);
    await user.click(within(scale).getByRole("button", { name: "4 — Good" }));
    // A needed mood stays chosen when pressed again.
    await user.click(within(scale).getByRole("button", { name: "4 — Good" }));
    expect(within(scale).getByRole("button", { name: "4 — Good" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();

    const feelings = screen.getByRole("group", { name: "What are you feeling? (Optional)" });
    expect(within(feelings).getAllByRole("button")).toHaveLength(20);
    await user.click(within(feelings).getByRole("button", { name: "Grateful" }));
    await user.click(within(feelings).getByRole("button", { name: "Calm" }));
    await user.click(within(feelings).getByRole("button", { name: "Tired" }));
    await user.click(within(feelings).getByRole("button", { name: "Tired" }));
    expect(within(feelings).getByRole("button", { name: "Calm" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    await user.type(screen.getByRole("textbox", { name: "Note (Optional)" }), "Slept well");
    expect(screen.getByText("10 / 1,000 characters")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Save check-in" }));

    expect(await screen.findByText("Check-in saved.")).toBeInTheDocument();
    expect(backend.mood.list(ana.id, { limit: 10, offset: 0 })).toEqual([
      expect.objectContaining({
        mood: 4,
        emotions: ["calm", "grateful"],
        note: "Slept well",
        activity: null,
      }),
    ]);
    // The form is ready for the next one.
    expect(within(scale).getByRole("button", { name: "4 — Good" })).toHaveAttribute(
      "aria-pressed",
      "false",
    );
    expect(screen.getByRole("textbox", { name: "Note (Optional)" })).toHaveValue("");

    await within(recent).findByText("Slept well");
    const [item] = within(recent).getAllByRole("listitem");
    expect(item).toHaveTextContent("4 — Good");
    expect(item).toHaveTextContent("Check-in");
    expect(item).toHaveTextContent("Calm");
    expect(item).toHaveTextContent("Grateful");
    expect(item).toHaveTextContent("Slept well");

    await user.click(
      within(recent).getByRole("button", { name: /^Delete check-in from .* \(Check-in\)$/ }),
    );
    const dialog = screen.getByRole("dialog", { name: "Delete this check-in?" });
    await user.click(within(dialog).getByRole("button", { name: "Delete" }));
    expect(await within(recent).findByText(/No check-ins yet/)).toBeInTheDocument();
    expect(backend.mood.checkins).toEqual([]);
  });

  it("shows the core's words when a note is too long, and keeps what was written", async () => {
    const { backend } = withAna();
    const { user } = await openMood(backend);
    await user.click(screen.getByRole("button", { name: "3 — Okay" }));
    const note = screen.getByRole("textbox", { name: "Note (Optional)" });
    fireEvent.change(note, { target: { value: "a".repeat(1001) } });
    await user.click(screen.getByRole("button", { name: "Save check-in" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The note (characters) can be at most 1,000 characters; this one has 1,001.",
    );
    expect(note).toHaveValue("a".repeat(1001));
    expect(backend.mood.checkins).toEqual([]);
  });

  it("charts the trend, with a table of each day's average and range and the changes around activities", async () => {
    const { backend, ana } = withAna();
    const now = Date.now();
    const at = (msAgo: number) => new Date(now - msAgo).toISOString();
    backend.mood.add(ana.id, { mood: 2, at: at(1_000) });
    backend.mood.add(ana.id, { mood: 4, at: at(2_000) });
    backend.mood.add(ana.id, { mood: 5, at: at(24 * 3_600_000) });
    // A journal entry today with moods 2 → 4: its moods count in the day too (the average stays 3).
    backend.journal.seed(ana.id, {
      text: "Wrote it out.",
      moodBefore: 2,
      moodAfter: 4,
      createdAt: at(3_000),
    });
    const { user } = await openMood(backend);

    const tabs = screen.getByRole("tablist", { name: "Period" });
    expect(within(tabs).getByRole("tab", { name: "7 days" })).toHaveAttribute(
      "aria-selected",
      "true",
    );
    const table = await screen.findByRole("table", { name: "Mood per day, last 7 days" });
    const [header, ...rows] = within(table).getAllByRole("row");
    expect(
      within(header as HTMLElement)
        .getAllByRole("columnheader")
        .map((c) => c.textContent),
    ).toEqual(["Date", "Average", "Lowest", "Highest", "Activities"]);
    const today = localDay(new Date(now));
    const yesterday = addDays(today, -1);
    expect(
      rows.map((row) =>
        within(row)
          .getAllByRole("cell")
          .map((c) => c.textContent),
      ),
    ).toEqual([
      ["5", "5", "5", "—"],
      ["3", "2", "4", "Journaling × 1"],
    ]);
    expect(rows.map((row) => within(row).getByRole("rowheader").textContent)).toEqual([
      tableDay(yesterday),
      tableDay(today),
    ]);
    expect(
      screen.getByText(
        "Journaling: mood rose on 1 of 1 entry (0 the same, 0 lower), +2 on average.",
      ),
    ).toBeInTheDocument();
    expect(backend.mood.trends.at(-1)).toEqual({
      from: addDays(today, -6),
      to: today,
      utcOffsetMinutes: -new Date().getTimezoneOffset(),
    });

    // The table is there for screen readers, and can be shown.
    const toggle = screen.getByRole("button", { name: "Show as a table" });
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    await user.click(toggle);
    expect(screen.getByRole("button", { name: "Hide the table" })).toHaveAttribute(
      "aria-expanded",
      "true",
    );

    await user.click(within(tabs).getByRole("tab", { name: "30 days" }));
    expect(
      await screen.findByRole("table", { name: "Mood per day, last 30 days" }),
    ).toBeInTheDocument();
    expect(backend.mood.trends.at(-1)?.from).toBe(addDays(today, -29));

    // Arrow keys move between the tabs.
    await user.keyboard("{ArrowRight}");
    expect(within(tabs).getByRole("tab", { name: "12 weeks" })).toHaveFocus();
    expect(
      await screen.findByRole("table", { name: "Mood per day, last 12 weeks" }),
    ).toBeInTheDocument();
    expect(backend.mood.trends.at(-1)?.from).toBe(addDays(today, -83));
    expect(screen.getByRole("tabpanel", { name: "12 weeks" })).toBeInTheDocument();
  });

  it("says when a period has nothing recorded", async () => {
    const { backend } = withAna();
    await openMood(backend);
    expect(await screen.findByText(/Nothing recorded in this period yet/)).toBeInTheDocument();
    expect(screen.queryByRole("table")).not.toBeInTheDocument();
    expect(screen.getByText(/Give your mood before and after an activity/)).toBeInTheDocument();
  });

  it("lists the moods given around activities with where they were given", async () => {
    const { backend, ana } = withAna();
    backend.seedSession(ana.id, {
      moodBefore: 2,
      moodAfter: 3,
      startedAt: new Date(Date.now() - 120_000).toISOString(),
      endedAt: new Date(Date.now() - 60_000).toISOString(),
    });
    await openMood(backend);
    const recent = screen.getByRole("region", { name: "Recent check-ins" });
    await waitFor(() => {
      expect(within(recent).getAllByRole("listitem")).toHaveLength(2);
    });
    const [after, before] = within(recent).getAllByRole("listitem");
    expect(after).toHaveTextContent("After breathing");
    expect(after).toHaveTextContent("3 — Okay");
    expect(before).toHaveTextContent("Before breathing");
    expect(
      screen.getByText(
        "Breathing: mood rose on 1 of 1 session (0 the same, 0 lower), +1 on average.",
      ),
    ).toBeInTheDocument();
  });

  it("speaks Spanish", async () => {
    const { backend, ana } = withAna("es");
    backend.mood.add(ana.id, { mood: 5, emotions: ["joyful"] });
    const { user } = await openMood(backend, "Estado de ánimo");
    expect(screen.getByRole("tablist", { name: "Periodo" })).toBeInTheDocument();
    expect(screen.getByRole("tab", { name: "12 semanas" })).toBeInTheDocument();
    expect(
      await screen.findByRole("table", { name: "Ánimo por día, últimos 7 días" }),
    ).toBeInTheDocument();
    const recent = screen.getByRole("region", { name: "Registros recientes" });
    expect(await within(recent).findByText("Alegría")).toBeInTheDocument();
    expect(within(recent).getByText("5 — Genial")).toBeInTheDocument();
    const scale = screen.getByRole("group", { name: "¿Cómo te sientes ahora mismo?" });
    await user.click(within(scale).getByRole("button", { name: "2 — Mal" }));
    await user.click(screen.getByRole("button", { name: "Calma" }));
    await user.click(screen.getByRole("button", { name: "Guardar registro" }));
    expect(await screen.findByText("Registro guardado.")).toBeInTheDocument();
    expect(backend.mood.checkins[0]).toMatchObject({ mood: 2, emotions: ["calm"] });
  });
});
