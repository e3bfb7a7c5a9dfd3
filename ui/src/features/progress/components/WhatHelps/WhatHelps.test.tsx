import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { BackendError } from "../../../../lib/backend";
import { breatheOn, daysAgo, openSection, withAna } from "../../../../test/seedProgress";

describe("WhatHelps", () => {
  it("lists each kind of activity best first, with its score, tag and how it moved the mood", async () => {
    const { backend, ana } = withAna();
    // Box breathing: 4 of 4 completed, mood up 3 of 4 times.
    for (const [n, before, after] of [
      [4, 2, 4],
      [3, 3, 3],
      [2, 2, 3],
      [1, 1, 4],
    ] as const) {
      breatheOn(backend, ana.id, daysAgo(n), { moodBefore: before, moodAfter: after });
    }
    // Coherent breathing, stopped early, without moods.
    breatheOn(backend, ana.id, daysAgo(0), { technique: "coherent", completed: false });
    // A gratitude entry, mood down.
    backend.journal.seed(ana.id, {
      text: "Thanks.",
      category: "gratitude",
      moodBefore: 4,
      moodAfter: 3,
    });
    await openSection(backend);

    const helps = await screen.findByRole("region", { name: "What helps you" });
    const items = within(helps).getAllByRole("listitem");
    expect(items.map((item) => within(item).getByRole("heading").textContent)).toEqual([
      "Box Breathing",
      "Gratitude",
      "Coherent Breathing",
    ]);
    const [box, gratitude, coherent] = items as [HTMLElement, HTMLElement, HTMLElement];

    // 40 × 4/4 + 40 × 3/4 + 20 × 4/10 = 78.
    const score = within(box).getByRole("meter", { name: "Score for Box Breathing" });
    expect(score).toHaveAttribute("aria-valuenow", "78");
    expect(score).toHaveAttribute("aria-valuetext", "Score: 78 of 100");
    expect(box).toHaveTextContent("Breathing");
    expect(within(box).getByText("Recommended")).toBeVisible();
    expect(box).toHaveTextContent("Completed 4 of 4 times");
    expect(box).toHaveTextContent("Improved your mood 3 of the last 4 times");

    // 40 × 1 + 0 + 20 × 1/10 = 42: one entry is not enough to recommend.
    expect(within(gratitude).getByRole("meter", { name: "Score for Gratitude" })).toHaveAttribute(
      "aria-valuenow",
      "42",
    );
    expect(gratitude).toHaveTextContent("Journaling");
    expect(gratitude).toHaveTextContent("Didn't lift your mood the one time you rated it");
    expect(within(gratitude).queryByText("Recommended")).not.toBeInTheDocument();

    expect(
      within(coherent).getByRole("meter", { name: "Score for Coherent Breathing" }),
    ).toHaveAttribute("aria-valuenow", "0");
    expect(coherent).toHaveTextContent("Completed 0 of 1 time");
    expect(coherent).toHaveTextContent(
      "Give your mood before and after to see whether it lifts it.",
    );
  });

  it("shows its own failure with a way to try again, under the rest of the page", async () => {
    const { backend, ana } = withAna();
    breatheOn(backend, ana.id, daysAgo(0));
    backend.failNext("activityEffectiveness", new BackendError("internal", "internal"));
    const { user } = await openSection(backend);
    const helps = await screen.findByRole("region", { name: "What helps you" });
    expect(await within(helps).findByRole("alert")).toBeVisible();
    // The rest of the page is there all the same.
    expect(screen.getByRole("region", { name: "Streak" })).toBeInTheDocument();
    await user.click(within(helps).getByRole("button", { name: "Try again" }));
    const items = await within(helps).findAllByRole("listitem");
    expect(items.map((item) => within(item).getByRole("heading").textContent)).toEqual([
      "Box Breathing",
    ]);
    expect(items[0]).toHaveTextContent("Completed 1 of 1 time");
  });
});
