import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { FakeBackend } from "../../../../test/fakeBackend";
import { renderApp } from "../../../../test/renderApp";
import { breatheOn, daysAgo, withAna } from "../../../../test/seedProgress";

/** Sends `text` from a new conversation and returns the card offered for it. */
async function cardFor(backend: FakeBackend, text: string, title: string, locale = "en") {
  const { user } = renderApp(backend);
  await screen.findByRole("heading", { name: locale === "es" ? "Hola, Ana" : "Hi, Ana" });
  await user.type(
    screen.getByRole("textbox", { name: locale === "es" ? "Mensaje" : "Message" }),
    `${text}{Enter}`,
  );
  return { user, card: await screen.findByRole("region", { name: title }) };
}

/** Completed `technique` sessions on the last days, with the moods before and after each. */
function history(backend: FakeBackend, profileId: string, moods: [number, number][]) {
  moods.forEach(([before, after], i) => {
    breatheOn(backend, profileId, daysAgo(moods.length - i), {
      technique: "deep_calm",
      config: { technique: "deep_calm" },
      moodBefore: before,
      moodAfter: after,
    });
  });
}

describe("ProposalCard", () => {
  it("offers what helped the person before, and says how often it helped", async () => {
    const { backend, ana } = withAna();
    // Six sessions: the last five count, four of them lifted the mood.
    history(backend, ana.id, [
      [3, 3],
      [2, 4],
      [3, 3],
      [2, 3],
      [1, 3],
      [2, 4],
    ]);
    const { user, card } = await cardFor(
      backend,
      "I feel anxious, help me breathe",
      "A breathing exercise",
    );
    expect(within(card).getByText("Deep Calm helped you 4 of the last 5 times")).toBeVisible();
    expect(within(card).getByText("Deep Calm")).toBeInTheDocument();
    // Start runs what helped.
    await user.click(within(card).getByRole("button", { name: "Start" }));
    expect(await screen.findByRole("dialog", { name: "Deep Calm session" })).toBeInTheDocument();
    expect(backend.chat.decisions.map((d) => d.decision)).toEqual([
      { kind: "started", choice: { kind: "breathing", technique: "deep_calm" } },
    ]);
  });

  it("keeps the usual reason without a history that helped", async () => {
    const { backend, ana } = withAna();
    // Two sessions are not enough to recommend.
    history(backend, ana.id, [
      [2, 4],
      [2, 4],
    ]);
    const { card } = await cardFor(
      backend,
      "I feel anxious, help me breathe",
      "A breathing exercise",
    );
    expect(
      within(card).getByText(
        "Box breathing gives a steady rhythm to hold on to when anxiety rises.",
      ),
    ).toBeVisible();
    expect(within(card).queryByText(/helped you/)).not.toBeInTheDocument();
  });

  it("says it in Spanish, with the technique's Spanish name", async () => {
    const { backend, ana } = withAna({ locale: "es" });
    history(backend, ana.id, [
      [2, 4],
      [3, 4],
      [3, 3],
    ]);
    const { card } = await cardFor(
      backend,
      "I feel anxious, help me breathe",
      "Un ejercicio de respiración",
      "es",
    );
    expect(
      within(card).getByText("Calma profunda te ayudó 2 de las últimas 3 veces"),
    ).toBeVisible();
  });

  it("offers a journaling prompt from the library, in the person's language", async () => {
    const en = withAna();
    const { card } = await cardFor(en.backend, "I want to write about it", "A journaling prompt");
    expect(within(card).getByText("What's weighing on you right now?")).toBeVisible();
  });

  it("words the journaling prompt in Spanish for a Spanish profile", async () => {
    const es = withAna({ locale: "es" });
    const { card } = await cardFor(
      es.backend,
      "I want to write about it",
      "Una pregunta para escribir",
      "es",
    );
    expect(within(card).getByText("¿Qué te pesa ahora mismo?")).toBeVisible();
  });
});
