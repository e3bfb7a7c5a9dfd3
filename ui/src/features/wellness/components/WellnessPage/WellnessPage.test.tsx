import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { BackendError } from "../../../../lib/backend";
import { LEARNED, from, itemIn, openWellness, withAna } from "../../../../test/seedWellness";

const GROUPS = [
  "Topics you come back to",
  "Often on hard days",
  "How you've been",
  "What helps you",
  "How you like to talk",
];

/** The group headings the page shows, in order. */
function groupHeadings() {
  return within(screen.getByRole("main"))
    .queryAllByRole("heading", { level: 2 })
    .map((heading) => heading.textContent);
}

/** The names of the items of a group, in order. */
function namesIn(group: string) {
  const region = screen.getByRole("region", { name: group });
  return within(region)
    .getAllByRole("heading", { level: 3 })
    .map((heading) => heading.textContent);
}

describe("WellnessPage", () => {
  it("shows what was learned, by kind in order, each with its number and where it came from", async () => {
    const { backend } = withAna();
    await openWellness(backend);
    expect(
      screen.getByText(/What Wbot has learned about you from your conversations/),
    ).toHaveTextContent(
      "What Wbot has learned about you from your conversations, check-ins and sessions. It is kept on this device, goes to an online chat model only if you choose, and you can change or remove anything.",
    );

    await screen.findByRole("region", { name: GROUPS[0] });
    expect(groupHeadings()).toEqual(GROUPS);
    expect(namesIn("Topics you come back to")).toEqual(["Work", "Sleep"]);
    expect(namesIn("Often on hard days")).toEqual(["Work"]);
    expect(namesIn("How you've been")).toEqual(["Mood", "Anxious"]);
    expect(namesIn("What helps you")).toEqual(["Box Breathing", "Gratitude"]);
    expect(namesIn("How you like to talk")).toEqual(["Talking in the evening"]);

    const work = itemIn("Topics you come back to", "Work");
    expect(within(work).getByText("Mentioned 5 times")).toBeVisible();
    expect(within(work).getByText("From 5 messages and 1 shared journal entry")).toBeVisible();
    const sleep = itemIn("Topics you come back to", "Sleep");
    expect(sleep).toHaveTextContent("Mentioned once");
    expect(sleep).toHaveTextContent("From 1 shared journal entry");
    const hard = itemIn("Often on hard days", "Work");
    expect(hard).toHaveTextContent("On 2 low days");
    expect(hard).toHaveTextContent("From 2 messages and 4 check-ins");
    const mood = itemIn("How you've been", "Mood");
    expect(mood).toHaveTextContent("Average mood 2.8 of 5");
    expect(mood).toHaveTextContent("From 9 check-ins");
    expect(itemIn("How you've been", "Anxious")).toHaveTextContent("Felt 3 times");
    const box = itemIn("What helps you", "Box Breathing");
    expect(box).toHaveTextContent("Score 86 of 100");
    expect(box).toHaveTextContent("From 3 sessions");
    const gratitude = itemIn("What helps you", "Gratitude");
    expect(gratitude).toHaveTextContent("Score 41.5 of 100");
    expect(gratitude).toHaveTextContent("From 1 session");
    const evenings = itemIn("How you like to talk", "Talking in the evening");
    expect(evenings).toHaveTextContent("In 70% of your messages");
    expect(evenings).toHaveTextContent("From 12 messages");

    expect(within(work).getByRole("button", { name: "Add note to Work" })).toHaveTextContent(
      "Add note",
    );
    expect(within(work).getByRole("button", { name: "Remove Work" })).toHaveTextContent("Remove");
    expect(screen.getByRole("button", { name: "Reset wellness profile" })).toBeVisible();
    expect(screen.queryByText(/Nothing learned yet/)).not.toBeInTheDocument();
    expect(screen.queryByText(/Learning is paused/)).not.toBeInTheDocument();
  });

  it("shows only the groups that have items, and the person's notes as their words", async () => {
    const { backend } = withAna([
      {
        kind: "helps",
        code: "meditation:silent",
        value: 70,
        sources: from({ sessions: 2 }),
        note: "Best before bed",
      },
      { kind: "helps", code: "breathing:relaxing_478", value: null, sources: from({}) },
      { kind: "baseline", code: "hopeful", value: 1, sources: from({ checkins: 1 }) },
    ]);
    await openWellness(backend);
    await screen.findByRole("region", { name: "What helps you" });
    expect(groupHeadings()).toEqual(["How you've been", "What helps you"]);
    expect(itemIn("How you've been", "Hopeful")).toHaveTextContent("Felt once");
    expect(itemIn("How you've been", "Hopeful")).toHaveTextContent("From 1 check-in");

    const silent = itemIn("What helps you", "Silent meditation");
    expect(within(silent).getByText("Best before bed")).toBeVisible();
    expect(silent).toHaveTextContent("Your note: Best before bed");
    expect(
      within(silent).getByRole("button", { name: "Edit note on Silent meditation" }),
    ).toHaveTextContent("Edit note");
    // No number and no sources: just the name.
    const relaxing = itemIn("What helps you", "4-7-8 Relaxing Breath");
    expect(relaxing.querySelectorAll("p")).toHaveLength(0);
  });

  it("says so kindly when nothing has been learned, and when learning is paused", async () => {
    const { backend, ana } = withAna([]);
    const { user } = await openWellness(backend);
    expect(
      await screen.findByText(
        "Nothing learned yet. As you talk, check in and practise, what Wbot notices will appear here.",
      ),
    ).toBeVisible();
    expect(groupHeadings()).toEqual([]);

    const learning = screen.getByRole("switch", {
      name: "Learn from my conversations, check-ins and sessions",
    });
    expect(learning).toHaveAttribute("aria-checked", "true");
    expect(learning).toHaveAccessibleDescription(
      "While it's off, what's here stays as it is and nothing new is learned.",
    );
    await user.click(learning);
    await waitFor(() => {
      expect(backend.wellness.paused.has(ana.id)).toBe(true);
    });
    expect(learning).toHaveAttribute("aria-checked", "false");
    expect(
      await screen.findByText(
        "Learning is paused, so nothing new will appear here until you turn it back on.",
      ),
    ).toBeVisible();
    expect(screen.getByText(/Nothing learned yet/)).toBeVisible();

    await user.click(learning);
    await waitFor(() => {
      expect(learning).toHaveAttribute("aria-checked", "true");
    });
    expect(backend.wellness.paused.has(ana.id)).toBe(false);
    expect(screen.queryByText(/Learning is paused/)).not.toBeInTheDocument();
  });

  it("shows a paused profile as paused, with what it learned before", async () => {
    const { backend, ana } = withAna();
    await backend.setWellnessLearning(ana.id, false);
    await openWellness(backend);
    expect(await screen.findByText(/Learning is paused/)).toBeVisible();
    expect(screen.getByRole("switch", { name: /Learn from my/ })).toHaveAttribute(
      "aria-checked",
      "false",
    );
    expect(namesIn("Topics you come back to")).toEqual(["Work", "Sleep"]);
  });

  it("says why the switch did not change, and shows it as it was", async () => {
    const { backend, ana } = withAna();
    backend.failNext("setWellnessLearning", new BackendError("unavailable", "database_busy"));
    const { user } = await openWellness(backend);
    const learning = await screen.findByRole("switch", { name: /Learn from my/ });
    await user.click(learning);
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The database is busy; please try again.",
    );
    expect(learning).toHaveAttribute("aria-checked", "true");
    expect(backend.wellness.paused.has(ana.id)).toBe(false);
  });

  it("resets the profile only once confirmed, and then shows it empty", async () => {
    const { backend, ana, items } = withAna();
    const work = items.find((item) => item.kind === "topic" && item.code === "work");
    if (work === undefined) throw new Error("no work topic");
    await backend.removeWellnessItem(ana.id, work.id);
    const { user } = await openWellness(backend);
    const reset = await screen.findByRole("button", { name: "Reset wellness profile" });

    await user.click(reset);
    let dialog = screen.getByRole("dialog", { name: "Forget everything Wbot has learned?" });
    expect(dialog).toHaveAccessibleDescription(
      "Your conversations, journal and sessions stay; learning starts again from now.",
    );
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(reset).toHaveFocus();
    expect(namesIn("Topics you come back to")).toEqual(["Sleep"]);

    // A failure is said in the dialog, which stays open.
    backend.failNext("resetWellness", new BackendError("internal", "internal"));
    await user.click(reset);
    dialog = screen.getByRole("dialog", { name: "Forget everything Wbot has learned?" });
    await user.click(within(dialog).getByRole("button", { name: "Reset" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent(
      "Something went wrong on this device. Please try again.",
    );

    await user.click(within(dialog).getByRole("button", { name: "Reset" }));
    expect(await screen.findByText(/Nothing learned yet/)).toBeVisible();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(groupHeadings()).toEqual([]);
    // Removed items are forgotten too.
    expect(backend.wellness.items.filter((s) => s.profileId === ana.id)).toEqual([]);
  });

  it("shows a failure to load with a way to try again", async () => {
    const { backend } = withAna();
    backend.failNext("wellnessProfile", new BackendError("unavailable", "database_busy"));
    const { user } = await openWellness(backend);
    expect(await screen.findByRole("heading", { name: "Something went wrong" })).toBeVisible();
    expect(screen.getByRole("alert")).toHaveTextContent("The database is busy; please try again.");
    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("region", { name: "Topics you come back to" })).toBeVisible();
  });

  it("speaks Spanish", async () => {
    const { backend } = withAna(LEARNED, "es");
    await openWellness(backend, "es");
    expect(
      screen.getByText(/Lo que Wbot ha aprendido de ti a partir de tus conversaciones/),
    ).toBeVisible();
    await screen.findByRole("region", { name: "Temas a los que vuelves" });
    expect(groupHeadings()).toEqual([
      "Temas a los que vuelves",
      "A menudo en los días difíciles",
      "Cómo has estado",
      "Lo que te ayuda",
      "Cómo te gusta hablar",
    ]);
    const work = itemIn("Temas a los que vuelves", "Trabajo");
    expect(work).toHaveTextContent("5 menciones");
    expect(work).toHaveTextContent("A partir de 5 mensajes y 1 entrada de diario compartida");
    expect(within(work).getByRole("button", { name: "Añadir nota a Trabajo" })).toBeVisible();
    expect(within(work).getByRole("button", { name: "Quitar Trabajo" })).toBeVisible();
    expect(itemIn("Temas a los que vuelves", "Sueño")).toHaveTextContent("1 mención");
    expect(itemIn("A menudo en los días difíciles", "Trabajo")).toHaveTextContent(
      "En 2 días de ánimo bajo",
    );
    expect(itemIn("A menudo en los días difíciles", "Trabajo")).toHaveTextContent(
      "A partir de 2 mensajes y 4 registros de ánimo",
    );
    expect(itemIn("Cómo has estado", "Ánimo")).toHaveTextContent("Ánimo medio 2,8 de 5");
    expect(itemIn("Cómo has estado", "Ansiedad")).toHaveTextContent("En 3 registros");
    expect(itemIn("Lo que te ayuda", "Respiración cuadrada")).toHaveTextContent(
      "Puntuación 86 de 100",
    );
    expect(itemIn("Lo que te ayuda", "Respiración cuadrada")).toHaveTextContent(
      "A partir de 3 sesiones",
    );
    expect(itemIn("Lo que te ayuda", "Gratitud")).toHaveTextContent("Puntuación 41,5 de 100");
    expect(itemIn("Cómo te gusta hablar", "Hablar por la noche")).toHaveTextContent(
      "En el 70 % de tus mensajes",
    );
    expect(
      screen.getByRole("switch", {
        name: "Aprender de mis conversaciones, registros de ánimo y sesiones",
      }),
    ).toBeVisible();
    expect(
      screen.getByRole("button", { name: "Restablecer el perfil de bienestar" }),
    ).toBeVisible();
  });
});
