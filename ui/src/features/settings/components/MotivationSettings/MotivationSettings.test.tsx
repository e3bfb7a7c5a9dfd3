import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { toBackendError } from "../../../../lib/backend";
import { DEFAULT_SETTINGS, FakeBackend } from "../../../../test/fakeBackend";
import { openSettings, waitForSaved } from "../../../../test/settings";

describe("Motivation settings", () => {
  it("turns streaks and badges off and keeps them off after a reload", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana");
    const { user, unmount } = await openSettings(backend, "Motivation");

    const streaks = screen.getByRole("switch", { name: "Show streaks" });
    const badges = screen.getByRole("switch", { name: "Show badges" });
    expect(streaks).toHaveAttribute("aria-checked", "true");
    expect(badges).toHaveAttribute("aria-checked", "true");

    await user.click(streaks);
    await waitForSaved(backend, ana.id, { streaksOn: false });
    await user.click(badges);
    await waitForSaved(backend, ana.id, { badgesOn: false });
    expect(streaks).toHaveAttribute("aria-checked", "false");
    expect(badges).toHaveAttribute("aria-checked", "false");
    expect(backend.profiles.get(ana.id)?.settings.streaksOn).toBe(false);

    unmount();
    await openSettings(backend, "Motivation");
    expect(screen.getByRole("switch", { name: "Show streaks" })).toHaveAttribute(
      "aria-checked",
      "false",
    );
    expect(screen.getByRole("switch", { name: "Show badges" })).toHaveAttribute(
      "aria-checked",
      "false",
    );
  });

  it("offers only a weekly goal of 1 to 7 days and saves the one chosen", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana");
    const { user, unmount } = await openSettings(backend, "Motivation");

    const goal = screen.getByRole("combobox", { name: "Weekly goal" });
    expect(goal).toHaveValue("5");
    expect(
      within(goal)
        .getAllByRole("option")
        .map((o) => o.getAttribute("value")),
    ).toEqual(["1", "2", "3", "4", "5", "6", "7"]);
    expect(within(goal).getByRole("option", { name: "1 day a week" })).toBeInTheDocument();

    await user.selectOptions(goal, "3 days a week");
    await waitForSaved(backend, ana.id, { weeklyGoalDays: 3 });

    unmount();
    await openSettings(backend, "Motivation");
    expect(screen.getByRole("combobox", { name: "Weekly goal" })).toHaveValue("3");
  });

  it("has the fake refuse a weekly goal outside 1–7 with the core's typed error", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana");
    const refusal = (days: number) =>
      backend
        .updateSettings(ana.id, { ...DEFAULT_SETTINGS, weeklyGoalDays: days })
        .then(() => null, toBackendError);
    for (const days of [0, 8, 2.5]) {
      expect(await refusal(days)).toMatchObject({
        code: "validation",
        reason: "out_of_range",
        params: { subject: "weekly_goal", min: 1, max: 7, actual: days },
      });
    }
    expect(backend.profiles.get(ana.id)?.settings.weeklyGoalDays).toBe(5);

    // Were such an answer to come back, it is worded for people.
    const refused = await refusal(8);
    if (refused === null) throw new Error("a weekly goal of 8 days was accepted");
    const { user } = await openSettings(backend, "Motivation");
    backend.failNext("updateSettings", refused);
    await user.selectOptions(screen.getByRole("combobox", { name: "Weekly goal" }), "6");
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The weekly goal must be between 1 and 7; it was 8.",
    );
    expect(screen.getByRole("combobox", { name: "Weekly goal" })).toHaveValue("5");
  });

  it("is in Spanish for a Spanish profile", async () => {
    const backend = new FakeBackend();
    backend.seedProfile("Ana", { locale: "es", weeklyGoalDays: 1 });
    await openSettings(backend, "Motivación");

    expect(screen.getByRole("switch", { name: "Mostrar rachas" })).toBeInTheDocument();
    expect(screen.getByRole("switch", { name: "Mostrar insignias" })).toBeInTheDocument();
    const goal = screen.getByRole("combobox", { name: "Objetivo semanal" });
    expect(within(goal).getByRole("option", { selected: true })).toHaveTextContent(
      "1 día a la semana",
    );
    expect(within(goal).getByRole("option", { name: "7 días a la semana" })).toBeInTheDocument();
  });
});
