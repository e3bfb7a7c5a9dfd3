import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { formatDay, localDay } from "../../../../lib/days";
import { breatheOn, daysAgo, openSection, withAna } from "../../../../test/seedProgress";

/** How the calendar names a month and a day. */
const monthName = (day: string) => formatDay(day, "en", { month: "long", year: "numeric" });
const dayName = (day: string) =>
  formatDay(day, "en", { weekday: "long", day: "numeric", month: "long", year: "numeric" });

/** Months from `from` to `to` (both `YYYY-MM-DD`), e.g. 1 from October to November. */
function monthsBetween(from: string, to: string) {
  const [fy = 0, fm = 0] = from.split("-").map(Number);
  const [ty = 0, tm = 0] = to.split("-").map(Number);
  return (ty - fy) * 12 + (tm - fm);
}

describe("ActivityCalendar", () => {
  it("marks the active days of the month and goes back as far as the last 365 days", async () => {
    const { backend, ana } = withAna();
    const today = localDay();
    const earlier = daysAgo(40);
    breatheOn(backend, ana.id, today);
    breatheOn(backend, ana.id, earlier);
    // Too long ago for the calendar.
    breatheOn(backend, ana.id, daysAgo(400));
    const { user } = await openSection(backend);

    const calendar = await screen.findByRole("region", { name: "Calendar" });
    const month = within(calendar).getByRole("table", { name: monthName(today) });
    expect(within(month).getByRole("cell", { name: `${dayName(today)}: active` })).toBeVisible();
    const others = within(month)
      .getAllByRole("cell")
      .filter((cell) => /: active$/.test(cell.getAttribute("aria-label") ?? ""));
    expect(others).toHaveLength(1);
    // Days of this month before today were open and empty.
    const firstOfMonth = `${today.slice(0, 8)}01`;
    if (firstOfMonth !== today) {
      expect(
        within(month).getByRole("cell", { name: `${dayName(firstOfMonth)}: no activity` }),
      ).toBeInTheDocument();
    }
    const cells = within(month).getAllByRole("cell");
    const days = cells.filter((cell) => cell.getAttribute("aria-label") !== null);
    expect(days.map((cell) => cell.textContent).at(-1)).toBe(
      String(new Date(Number(today.slice(0, 4)), Number(today.slice(5, 7)), 0).getDate()),
    );

    const previous = within(calendar).getByRole("button", { name: "Previous month" });
    const next = within(calendar).getByRole("button", { name: "Next month" });
    expect(next).toBeDisabled();
    for (let i = 0; i < monthsBetween(earlier, today); i++) await user.click(previous);
    const back = within(calendar).getByRole("table", { name: monthName(earlier) });
    expect(within(back).getByRole("cell", { name: `${dayName(earlier)}: active` })).toBeVisible();
    expect(next).toBeEnabled();

    // The earliest month holds the first of the 365 days; there it stops.
    const first = daysAgo(364);
    for (let i = monthsBetween(first, earlier); i > 0; i--) await user.click(previous);
    expect(within(calendar).getByRole("table", { name: monthName(first) })).toBeInTheDocument();
    expect(previous).toBeDisabled();
    expect(within(calendar).queryAllByRole("cell", { name: /: active$/ })).toHaveLength(0);

    await user.click(next);
    expect(previous).toBeEnabled();
  });
});
