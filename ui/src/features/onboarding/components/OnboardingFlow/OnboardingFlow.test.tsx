import { screen, within } from "@testing-library/react";
import type { UserEvent } from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { FakeBackend } from "../../../../test/fakeBackend";
import { renderApp } from "../../../../test/renderApp";

const next = () => screen.getByRole("button", { name: "Next" });
const back = () => screen.getByRole("button", { name: "Back" });
const option = (name: string) => screen.getByRole("button", { name });

async function answerAll(user: UserEvent, name: string) {
  await user.type(await screen.findByLabelText("Your name"), name);
  await user.click(next());
  await user.click(option("Okay — somewhere in the middle"));
  await user.click(next());
  await user.click(option("Sleeping better"));
  await user.click(next());
  await user.click(option("Stress"));
  await user.click(option("Sleep"));
  await user.click(next());
  await user.click(option("Warm and gentle"));
  await user.click(next());
  await user.click(option("Someone to listen"));
  await user.click(next());
  await user.click(option("Breathing exercises"));
  await user.click(next());
  await user.click(option("New to this"));
  await user.click(next());
  await user.click(option("Short — up to 5 minutes"));
  await user.click(next());
}

describe("Onboarding", () => {
  it("shows onboarding when there is no active profile", async () => {
    renderApp(new FakeBackend());
    expect(await screen.findByRole("heading", { name: "Welcome to Wbot" })).toBeInTheDocument();
    expect(screen.getByLabelText("Your name")).toHaveValue("");
    expect(screen.queryByRole("button", { name: "Back" })).not.toBeInTheDocument();
  });

  it("walks through the eight questions with progress and creates the profile", async () => {
    const backend = new FakeBackend();
    const create = vi.spyOn(backend, "createProfile");
    const { user } = renderApp(backend);

    await user.type(await screen.findByLabelText("Your name"), "Ana");
    await user.click(next());

    const titles = [
      "How are you feeling right now?",
      "What would you most like help with?",
      "What has been weighing on you lately?",
      "How would you like me to talk with you?",
      "What kind of support helps you most?",
      "Which activities would you like to try?",
      "How familiar are you with mindfulness practices?",
      "How long would you like your sessions to be?",
    ];
    const picks = [
      ["Good — things are going fine"],
      ["Handling anxiety"],
      ["Anxiety or worry", "Staying focused", "Work or studies"],
      ["Clear steps and structure"],
      ["Practical tools and exercises"],
      ["Meditation", "Journaling"],
      ["I've tried a few things"],
      ["Medium — 5 to 15 minutes"],
    ];
    for (const [index, title] of titles.entries()) {
      expect(screen.getByText(`${String(index + 1)} of 8`)).toBeInTheDocument();
      expect(screen.getByRole("heading", { name: title })).toHaveFocus();
      for (const pick of picks[index] ?? []) await user.click(option(pick));
      await user.click(next());
    }

    expect(screen.getByRole("heading", { name: "Does any of this apply to you?" })).toBeVisible();
    expect(screen.getByText(/Wim Hof method/)).toBeVisible();
    expect(screen.getByRole("button", { name: "Finish" })).toBeDisabled();
    await user.click(option("High blood pressure"));
    await user.click(screen.getByRole("button", { name: "Finish" }));

    expect(await screen.findByRole("heading", { name: "Hi, Ana" })).toBeInTheDocument();
    expect(create).toHaveBeenCalledWith({
      displayName: "Ana",
      onboarding: {
        currentFeeling: "good",
        primaryGoal: "manage_anxiety",
        challenges: ["anxiety", "focus", "work"],
        communicationStyle: "structured",
        supportType: "practical_tools",
        preferredActivities: ["meditation", "journaling"],
        experienceLevel: "some",
        sessionLength: "medium",
        contraindications: ["high_blood_pressure"],
      },
    });
    expect(backend.activeId).not.toBeNull();
  });

  it("needs an answer to single-choice questions and keeps one choice", async () => {
    const { user } = renderApp(new FakeBackend());
    await user.type(await screen.findByLabelText("Your name"), "Ana");
    await user.click(next());

    expect(next()).toBeDisabled();
    await user.click(option("Great — full of energy"));
    await user.click(option("Low — a bit down or tired"));
    expect(option("Great — full of energy")).toHaveAttribute("aria-pressed", "false");
    expect(option("Low — a bit down or tired")).toHaveAttribute("aria-pressed", "true");
    expect(next()).toBeEnabled();
  });

  it("lets multi-select questions toggle several options", async () => {
    const { user } = renderApp(new FakeBackend());
    await user.type(await screen.findByLabelText("Your name"), "Ana");
    await user.click(next());
    await user.click(option("Great — full of energy"));
    await user.click(next());
    await user.click(option("Sleeping better"));
    await user.click(next());

    expect(screen.getByText("3 of 8")).toBeInTheDocument();
    expect(next()).toBeEnabled();
    await user.click(option("Stress"));
    await user.click(option("Feeling lonely"));
    await user.click(option("Relationships"));
    await user.click(option("Stress"));
    const pressed = within(screen.getByRole("group")).getAllByRole("button", { pressed: true });
    expect(pressed.map((b) => b.textContent)).toEqual(["Relationships", "Feeling lonely"]);
  });

  it("keeps answers when going back", async () => {
    const { user } = renderApp(new FakeBackend());
    await user.type(await screen.findByLabelText("Your name"), "Ana");
    await user.click(next());
    await user.click(option("Good — things are going fine"));
    await user.click(next());
    await user.click(option("Building healthy habits"));
    await user.click(next());
    await user.click(option("Staying focused"));

    await user.click(back());
    expect(screen.getByText("2 of 8")).toBeInTheDocument();
    expect(option("Building healthy habits")).toHaveAttribute("aria-pressed", "true");
    await user.click(back());
    expect(option("Good — things are going fine")).toHaveAttribute("aria-pressed", "true");
    await user.click(back());
    expect(screen.getByLabelText("Your name")).toHaveValue("Ana");

    await user.click(next());
    await user.click(next());
    await user.click(next());
    expect(option("Staying focused")).toHaveAttribute("aria-pressed", "true");
  });

  it("makes 'None of these' an empty list that excludes the conditions", async () => {
    const backend = new FakeBackend();
    const create = vi.spyOn(backend, "createProfile");
    const { user } = renderApp(backend);
    await answerAll(user, "Ana");

    await user.click(option("Pregnancy"));
    await user.click(option("None of these"));
    expect(option("Pregnancy")).toHaveAttribute("aria-pressed", "false");
    expect(option("None of these")).toHaveAttribute("aria-pressed", "true");
    await user.click(option("Epilepsy or seizures"));
    expect(option("None of these")).toHaveAttribute("aria-pressed", "false");
    await user.click(option("Epilepsy or seizures"));
    expect(screen.getByRole("button", { name: "Finish" })).toBeDisabled();
    await user.click(option("None of these"));
    await user.click(screen.getByRole("button", { name: "Finish" }));

    await screen.findByRole("heading", { name: "Hi, Ana" });
    expect(create.mock.calls[0]?.[0].onboarding.contraindications).toEqual([]);
  });

  it("shows the backend's validation error and keeps the answers", async () => {
    const backend = new FakeBackend();
    const { user } = renderApp(backend);
    await answerAll(user, "   ");
    await user.click(option("None of these"));
    await user.click(screen.getByRole("button", { name: "Finish" }));

    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The name cannot be empty; please write something first.",
    );
    expect(backend.profiles.size).toBe(0);
    expect(option("None of these")).toHaveAttribute("aria-pressed", "true");

    for (let step = 0; step < 9; step++) await user.click(back());
    const name = screen.getByLabelText("Your name");
    await user.clear(name);
    await user.type(name, "Ana");
    for (let step = 0; step < 9; step++) await user.click(next());
    expect(option("None of these")).toHaveAttribute("aria-pressed", "true");
    await user.click(screen.getByRole("button", { name: "Finish" }));

    expect(await screen.findByRole("heading", { name: "Hi, Ana" })).toBeInTheDocument();
    expect(backend.profiles.size).toBe(1);
  });
});
