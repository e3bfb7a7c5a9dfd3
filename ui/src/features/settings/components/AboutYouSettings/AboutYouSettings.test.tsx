import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "../../../../App";
import { AppProviders } from "../../../../AppProviders";
import { BackendError } from "../../../../lib/backend";
import { createQueryClient } from "../../../../lib/queries";
import { FakeBackend, SAMPLE_ANSWERS } from "../../../../test/fakeBackend";
import { openSettings } from "../../../../test/settings";
import { breathingKeys } from "../../../breathing/hooks/queries";

const SAFETY = "Does any of this apply to you?";

/** An option of one question (options like "Meditation" also name other buttons). */
const choice = (question: string, option: string) =>
  within(screen.getByRole("group", { name: question })).getByRole("button", { name: option });

/** Opens Settings once the saved answers are shown. */
async function openAboutYou(backend: FakeBackend, heading = "About you") {
  const rendered = await openSettings(backend, heading);
  await screen.findByRole("group", { name: /^(Does any of this apply to you|¿Te aplica algo)/ });
  return rendered;
}

describe("About you settings", () => {
  it("shows the saved answers, saves changes and keeps them after a reload", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana");
    const { user, unmount } = await openAboutYou(backend);

    const feeling = "How are you feeling right now?";
    const challenges = "What has been weighing on you lately?";
    const activities = "Which activities would you like to try?";
    const length = "How long would you like your sessions to be?";
    expect(choice(feeling, "Okay — somewhere in the middle")).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    expect(choice(challenges, "Stress")).toHaveAttribute("aria-pressed", "true");
    expect(choice(SAFETY, "None of these")).toHaveAttribute("aria-pressed", "true");
    const section = screen.getByRole("region", { name: "About you" });
    expect(within(section).getAllByRole("group")).toHaveLength(9);

    await user.click(choice(feeling, "Low — a bit down or tired"));
    expect(choice(feeling, "Okay — somewhere in the middle")).toHaveAttribute(
      "aria-pressed",
      "false",
    );
    await user.click(choice(challenges, "Staying focused"));
    await user.click(choice(challenges, "Stress"));
    await user.click(choice(challenges, "Sleep"));
    await user.click(choice(activities, "Meditation"));
    await user.click(choice(length, "Long — 15 minutes or more"));
    await user.click(choice("How would you like me to talk with you?", "Straight to the point"));
    await user.click(choice("What kind of support helps you most?", "Gentle guidance"));
    await user.click(choice("What would you most like help with?", "Sleeping better"));
    await user.click(
      choice("How familiar are you with mindfulness practices?", "I practise regularly"),
    );
    await user.click(choice(SAFETY, "Pregnancy"));
    expect(backend.profiles.get(ana.id)?.onboarding).toEqual(SAMPLE_ANSWERS);

    await user.click(screen.getByRole("button", { name: "Save answers" }));

    expect(await screen.findByText("Your answers are saved.")).toBeInTheDocument();
    const expected = {
      currentFeeling: "low",
      primaryGoal: "improve_sleep",
      challenges: ["sleep", "focus"],
      communicationStyle: "direct",
      supportType: "guidance",
      preferredActivities: ["breathing", "meditation"],
      experienceLevel: "experienced",
      sessionLength: "long",
      contraindications: ["pregnancy"],
    };
    expect(backend.profiles.get(ana.id)?.onboarding).toEqual(expected);

    await user.click(choice(length, "Short — up to 5 minutes"));
    expect(screen.queryByText("Your answers are saved.")).not.toBeInTheDocument();

    unmount();
    await openAboutYou(backend);
    expect(await backend.getOnboarding(ana.id)).toEqual(expected);
    expect(choice(feeling, "Low — a bit down or tired")).toHaveAttribute("aria-pressed", "true");
    expect(choice(length, "Long — 15 minutes or more")).toHaveAttribute("aria-pressed", "true");
    expect(choice(SAFETY, "Pregnancy")).toHaveAttribute("aria-pressed", "true");
    expect(choice(SAFETY, "None of these")).toHaveAttribute("aria-pressed", "false");
  });

  it("refuses Wim Hof at once after a heart condition is added", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana");
    const queryClient = createQueryClient();
    const user = userEvent.setup();
    render(
      <AppProviders backend={backend} queryClient={queryClient}>
        <App />
      </AppProviders>,
    );
    const openBreathing = async () => {
      const nav = await screen.findByRole("navigation", { name: "Discover" });
      await user.click(within(nav).getByRole("button", { name: "Breathing" }));
      await user.click(await screen.findByRole("radio", { name: "Wim Hof Method" }));
    };

    await openBreathing();
    expect(await screen.findByRole("heading", { name: "Before you start" })).toBeInTheDocument();
    expect(screen.queryByText("The Wim Hof method isn't available for you.")).toBeNull();

    await user.click(screen.getByRole("button", { name: "Settings" }));
    await user.click(await screen.findByRole("button", { name: "A heart condition" }));
    expect(choice(SAFETY, "None of these")).toHaveAttribute("aria-pressed", "false");
    await user.click(screen.getByRole("button", { name: "Save answers" }));
    expect(await screen.findByText("Your answers are saved.")).toBeInTheDocument();

    expect(backend.profiles.get(ana.id)?.onboarding.contraindications).toEqual(["heart_condition"]);
    expect(await backend.wimHofGate(ana.id, null)).toEqual({
      allowed: false,
      suggestedTechnique: "coherent",
      reason: "contraindication",
      showSafetyNotice: false,
    });
    // No cached "allowed" is left for the Breathing page to show while it asks again.
    const gates = queryClient.getQueryCache().findAll({ queryKey: breathingKeys.gate(ana.id) });
    expect(gates).not.toHaveLength(0);
    for (const gate of gates) expect(gate.state.data).toBeUndefined();

    await openBreathing();
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The Wim Hof method isn't available for you.",
    );
    expect(screen.getByRole("button", { name: "Start" })).toBeDisabled();
  });

  it("shows a failed save and keeps the answers being edited", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana");
    const { user } = await openAboutYou(backend);
    backend.failNext("updateOnboarding", new BackendError("unavailable", "database_busy"));

    await user.click(choice(SAFETY, "Epilepsy or seizures"));
    await user.click(screen.getByRole("button", { name: "Save answers" }));

    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The database is busy; please try again.",
    );
    expect(screen.queryByText("Your answers are saved.")).not.toBeInTheDocument();
    expect(choice(SAFETY, "Epilepsy or seizures")).toHaveAttribute("aria-pressed", "true");
    expect(backend.profiles.get(ana.id)?.onboarding.contraindications).toEqual([]);
  });

  it("is in Spanish for a Spanish profile", async () => {
    const backend = new FakeBackend();
    backend.seedProfile("Ana", { locale: "es" });
    await openAboutYou(backend, "Sobre ti");

    expect(screen.getByRole("heading", { level: 3, name: "¿Cómo te sientes ahora mismo?" }));
    expect(choice("¿Cómo te sientes ahora mismo?", "Regular — ni bien ni mal")).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    expect(screen.getByRole("button", { name: "Guardar respuestas" })).toBeInTheDocument();
  });
});
