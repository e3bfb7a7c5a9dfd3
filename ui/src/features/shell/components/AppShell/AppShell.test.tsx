import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { FakeBackend } from "../../../../test/fakeBackend";
import { renderApp } from "../../../../test/renderApp";

function withAna() {
  const backend = new FakeBackend();
  backend.seedProfile("Ana");
  return backend;
}

describe("AppShell", () => {
  it("greets the profile and offers the chat, saying how to connect a model", async () => {
    renderApp(withAna());

    expect(await screen.findByRole("heading", { name: "Hi, Ana" })).toBeInTheDocument();
    for (const action of ["Breathe", "Meditate", "Journal", "Check in"]) {
      expect(screen.getByRole("button", { name: action })).toBeEnabled();
    }
    for (const starter of [
      "I'm feeling anxious",
      "Help me unwind",
      "I want to reflect on my day",
    ]) {
      expect(screen.getByRole("button", { name: starter })).toBeEnabled();
    }
    expect(screen.getByRole("textbox", { name: "Message" })).toBeEnabled();
    expect(
      await screen.findByRole("heading", { name: "Connect a chat model" }),
    ).toBeInTheDocument();
    expect(await screen.findByText("No conversations yet")).toBeInTheDocument();
  });

  it.each([
    ["Meditation", "Meditation"],
    ["Journaling", "Journaling"],
    ["Mood", "Mood"],
    ["Progress", "Progress"],
    ["Wellness", "Wellness profile"],
  ])("opens the %s page from the sidebar", async (item, heading) => {
    const { user } = renderApp(withAna());
    const nav = await screen.findByRole("navigation", { name: "Discover" });

    await user.click(within(nav).getByRole("button", { name: item }));

    expect(screen.getByRole("heading", { level: 1, name: heading })).toBeInTheDocument();
    expect(screen.queryByText(/Coming soon/)).not.toBeInTheDocument();
    expect(within(nav).getByRole("button", { name: item })).toHaveAttribute("aria-current", "page");
  });

  it.each([
    ["Meditate", "Meditation"],
    ["Journal", "Journaling"],
    ["Check in", "Mood"],
  ])("the %s quick action opens the %s page", async (action, heading) => {
    const { user } = renderApp(withAna());
    await user.click(await screen.findByRole("button", { name: action }));
    expect(screen.getByRole("heading", { level: 1, name: heading })).toBeInTheDocument();
  });

  it("goes from a quick action to its section and back with New Conversation", async () => {
    const { user } = renderApp(withAna());
    await user.click(await screen.findByRole("button", { name: "Breathe" }));
    expect(screen.getByRole("heading", { level: 1, name: "Breathing" })).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "New Conversation" }));
    expect(screen.getByRole("heading", { name: "Hi, Ana" })).toBeInTheDocument();
  });

  it("opens and closes the collapsed sidebar", async () => {
    const { user } = renderApp(withAna());
    const toggle = await screen.findByRole("button", { name: "Open menu" });
    const sidebar = document.getElementById(toggle.getAttribute("aria-controls") ?? "");
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    expect(sidebar).toHaveAttribute("data-open", "false");

    await user.click(toggle);
    expect(toggle).toHaveAccessibleName("Close menu");
    expect(toggle).toHaveAttribute("aria-expanded", "true");
    expect(sidebar).toHaveAttribute("data-open", "true");

    await user.keyboard("{Escape}");
    expect(toggle).toHaveAccessibleName("Open menu");

    await user.click(toggle);
    await user.click(screen.getByRole("button", { name: "Progress" }));
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    expect(sidebar).toHaveAttribute("data-open", "false");
  });
});
