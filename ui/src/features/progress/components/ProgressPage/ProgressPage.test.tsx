import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { BackendError } from "../../../../lib/backend";
import { formatDay, localDay, weekdayFromMonday, addDays, dayToDate } from "../../../../lib/days";
import { breatheOn, daysAgo, openSection, withAna } from "../../../../test/seedProgress";

/** How a badge names the day it was earned. */
function earned(day: string, locale = "en") {
  return formatDay(day, locale, { day: "numeric", month: "short", year: "numeric" });
}

/** The Monday of this week. */
function thisMonday() {
  const today = localDay();
  return addDays(today, -weekdayFromMonday(today));
}

describe("ProgressPage", () => {
  it("shows a 3-day streak, its milestones and this week's goal from three days in a row", async () => {
    const { backend, ana } = withAna();
    const days = [daysAgo(2), daysAgo(1), daysAgo(0)];
    for (const day of days) breatheOn(backend, ana.id, day);
    await openSection(backend);

    const streak = await screen.findByRole("region", { name: "Streak" });
    expect(within(streak).getByText("3 days in a row")).toBeInTheDocument();
    expect(within(streak).getByText("Longest: 3 days")).toBeInTheDocument();
    expect(within(streak).getByText("You've done something for yourself today.")).toBeVisible();
    expect(within(streak).getByText("Next milestone: 7 days (4 to go)")).toBeInTheDocument();
    expect(within(streak).queryByText(/Milestone reached/)).not.toBeInTheDocument();
    const toMilestone = within(streak).getByRole("progressbar", {
      name: "Towards the next milestone",
    });
    expect(toMilestone).toHaveAttribute("aria-valuenow", "3");
    expect(toMilestone).toHaveAttribute("aria-valuemax", "7");

    // This week holds the days from Monday on: as many of the three as fall in it.
    const monday = thisMonday();
    const thisWeek = days.filter((day) => day >= monday);
    const week = screen.getByRole("region", { name: "This week" });
    const goal = within(week).getByRole("progressbar", { name: "Weekly goal" });
    expect(goal).toHaveAttribute("aria-valuenow", String(thisWeek.length));
    expect(goal).toHaveAttribute("aria-valuemax", "5");
    expect(goal).toHaveAttribute("aria-valuetext", `${String(thisWeek.length)} of 5 days`);
    const dots = within(within(week).getByRole("list", { name: "Days this week" })).getAllByRole(
      "listitem",
    );
    expect(dots.map((dot) => dot.getAttribute("aria-label"))).toEqual(
      [0, 1, 2, 3, 4, 5, 6].map((i) => {
        const day = addDays(monday, i);
        const name = formatDay(day, "en", { weekday: "long", month: "long", day: "numeric" });
        return `${name}: ${thisWeek.includes(day) ? "active" : "no activity"}`;
      }),
    );
    // Monday first, with the locale's initials.
    expect(dots.map((dot) => dot.textContent)).toEqual(["M", "T", "W", "T", "F", "S", "S"]);

    const totals = screen.getByRole("region", { name: "Completed activities" });
    expect(
      within(totals)
        .getAllByRole("listitem")
        .map((item) => item.textContent),
    ).toEqual(["3 breathing exercises", "0 meditations", "0 journal entries"]);
  });

  it("reaches a milestone and says when the streak waits for today", async () => {
    const { backend, ana } = withAna({ weeklyGoalDays: 1 });
    // Seven days up to yesterday: still current while today is open.
    for (let n = 7; n >= 1; n--) breatheOn(backend, ana.id, daysAgo(n));
    await openSection(backend);
    const streak = await screen.findByRole("region", { name: "Streak" });
    expect(within(streak).getByText("7 days in a row")).toBeInTheDocument();
    expect(within(streak).getByText("One activity today keeps it going.")).toBeInTheDocument();
    expect(within(streak).getByText("Milestone reached: 7 days")).toBeInTheDocument();
    expect(within(streak).getByText("Next milestone: 14 days (7 to go)")).toBeInTheDocument();
    const week = screen.getByRole("region", { name: "This week" });
    const activeThisWeek = [1, 2, 3, 4, 5, 6, 7].filter((n) => daysAgo(n) >= thisMonday()).length;
    if (activeThisWeek >= 1) {
      expect(within(week).getByText("You've reached this week's goal. Well done.")).toBeVisible();
    } else {
      expect(within(week).queryByText(/reached this week's goal/)).not.toBeInTheDocument();
    }
  });

  it("shows badges earned with their day, and the progress towards the others", async () => {
    const { backend, ana } = withAna();
    breatheOn(backend, ana.id, daysAgo(1));
    breatheOn(backend, ana.id, daysAgo(0));
    // Stopped early: it counts for nothing.
    breatheOn(backend, ana.id, daysAgo(0), { completed: false });
    const entryDay = daysAgo(0);
    backend.journal.seed(ana.id, { text: "A good day.", createdAt: new Date().toISOString() });
    await openSection(backend);

    const badges = await screen.findByRole("region", { name: "Badges" });
    const badge = (name: string) => {
      const item = within(badges).getByRole("heading", { name }).closest("li");
      if (item === null) throw new Error(`no badge ${name}`);
      return item;
    };
    expect(within(badges).getAllByRole("listitem")).toHaveLength(10);
    expect(badge("First breath")).toHaveTextContent(`Earned ${earned(daysAgo(1))}`);
    expect(badge("First breath")).toHaveTextContent("Complete a breathing exercise.");
    expect(badge("First entry")).toHaveTextContent(`Earned ${earned(entryDay)}`);
    expect(within(badge("First breath")).queryByRole("progressbar")).not.toBeInTheDocument();

    const progressOf = (name: string) =>
      within(badge(name)).getByRole("progressbar", { name: `Progress towards ${name}` });
    expect(progressOf("Ten breathing sessions")).toHaveAttribute("aria-valuenow", "2");
    expect(progressOf("Ten breathing sessions")).toHaveAttribute("aria-valuemax", "10");
    expect(badge("Ten breathing sessions")).toHaveTextContent("2/10");
    expect(progressOf("First week")).toHaveAttribute("aria-valuenow", "2");
    expect(badge("First week")).toHaveTextContent("2/7");
    expect(progressOf("First meditation")).toHaveAttribute("aria-valuenow", "0");
    expect(badge("First Wim Hof")).toHaveTextContent("0/1");
    expect(badge("Series completed")).toHaveTextContent("Finish a meditation series.");
    expect(badge("Series completed")).toHaveTextContent("0/1");
  });

  it("counts the days of a meditation series as meditations, and a whole series earns its badge", async () => {
    const { backend, ana } = withAna();
    const days = [daysAgo(4), daysAgo(3), daysAgo(2), daysAgo(1), daysAgo(0)];
    for (const [i, day] of days.entries()) {
      backend.tracks.seriesDays.push({
        profileId: ana.id,
        series: "sleep_better",
        day: i + 1,
        kind: "sleep",
        trackId: null,
        completedAt: dayToDate(day).toISOString(),
        completedOn: day,
      });
    }
    await openSection(backend);

    const badges = await screen.findByRole("region", { name: "Badges" });
    const totals = screen.getByRole("region", { name: "Completed activities" });
    expect(
      within(totals)
        .getAllByRole("listitem")
        .map((item) => item.textContent),
    ).toEqual(["0 breathing exercises", "5 meditations", "0 journal entries"]);
    const series = within(badges).getByRole("heading", { name: "Series completed" }).closest("li");
    expect(series).toHaveTextContent(`Earned ${earned(daysAgo(0))}`);
    // What helps names the practice of the series' days.
    const helps = screen.getByRole("region", { name: "What helps you" });
    expect(await within(helps).findByRole("heading", { name: "Sleep" })).toBeInTheDocument();
  });

  it.each([
    [{ streaksOn: false }, "Streaks are turned off in Settings.", false, true],
    [{ badgesOn: false }, "Badges are turned off in Settings.", true, false],
    [
      { streaksOn: false, badgesOn: false },
      "Streaks and badges are turned off in Settings.",
      false,
      false,
    ],
  ])("hides what is turned off (%o) and says so once", async (settings, line, streak, badges) => {
    const { backend, ana } = withAna(settings);
    breatheOn(backend, ana.id, daysAgo(0));
    await openSection(backend);
    expect(await screen.findByRole("region", { name: "This week" })).toBeInTheDocument();
    expect(screen.getByText(line)).toBeVisible();
    expect(screen.getAllByText(/turned off in Settings/)).toHaveLength(1);
    expect(screen.queryByRole("region", { name: "Streak" }) !== null).toBe(streak);
    expect(screen.queryByRole("region", { name: "Badges" }) !== null).toBe(badges);
  });

  it("greets a new person kindly before there is anything to show", async () => {
    const { backend } = withAna();
    await openSection(backend);
    expect(await screen.findByText(/Nothing here yet, and that's fine/)).toBeVisible();
    expect(screen.queryByRole("region", { name: "Streak" })).not.toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "Calendar" })).not.toBeInTheDocument();
    expect(
      within(screen.getByRole("region", { name: "This week" })).getByText("0 of 5 days"),
    ).toBeInTheDocument();
    expect(screen.queryByText(/turned off/)).not.toBeInTheDocument();
  });

  it("shows a failure with a way to try again, and asks for the person's own day", async () => {
    const { backend } = withAna();
    backend.failNext("getProgress", new BackendError("internal", "internal"));
    const calls: string[] = [];
    const getProgress = backend.getProgress.bind(backend);
    backend.getProgress = (profileId, today) => {
      calls.push(today);
      return getProgress(profileId, today);
    };
    const { user } = await openSection(backend);
    expect(await screen.findByRole("heading", { name: "Something went wrong" })).toBeVisible();
    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("region", { name: "This week" })).toBeInTheDocument();
    expect(calls.at(-1)).toBe(localDay());
  });

  it("speaks Spanish", async () => {
    const { backend, ana } = withAna({ locale: "es" });
    breatheOn(backend, ana.id, daysAgo(1));
    breatheOn(backend, ana.id, daysAgo(0));
    await openSection(backend, "Progreso");

    const streak = await screen.findByRole("region", { name: "Racha" });
    expect(within(streak).getByText("2 días seguidos")).toBeInTheDocument();
    const week = screen.getByRole("region", { name: "Esta semana" });
    const active = [daysAgo(1), daysAgo(0)].filter((day) => day >= thisMonday()).length;
    expect(within(week).getByText(`${String(active)} de 5 días`)).toBeInTheDocument();
    const dots = within(
      within(week).getByRole("list", { name: "Días de esta semana" }),
    ).getAllByRole("listitem");
    expect(dots.map((dot) => dot.textContent)).toEqual(["L", "M", "X", "J", "V", "S", "D"]);
    expect(dots[6]?.getAttribute("aria-label")).toMatch(/^domingo, .*: (con|sin) actividad$/);
    const badges = screen.getByRole("region", { name: "Insignias" });
    expect(within(badges).getByText(`Conseguida el ${earned(daysAgo(1), "es")}`)).toBeVisible();
    expect(
      within(badges).getByRole("progressbar", { name: "Progreso hacia Diez respiraciones" }),
    ).toHaveAttribute("aria-valuenow", "2");
    expect(screen.getByRole("button", { name: "Mes anterior" })).toBeInTheDocument();
  });
});
