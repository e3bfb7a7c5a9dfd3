import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { FakeBackend } from "../../../../test/fakeBackend";
import { renderApp } from "../../../../test/renderApp";

describe("SettingsPage", () => {
  it("groups every setting in sections, each with its heading", async () => {
    const backend = new FakeBackend();
    backend.seedProfile("Ana");
    const { user } = renderApp(backend);
    await user.click(await screen.findByRole("button", { name: "Settings" }));
    const page = await screen.findByRole("region", { name: "Settings" });
    await within(page).findByRole("heading", { name: "Chat model" });

    const sections = within(page)
      .getAllByRole("heading", { level: 2 })
      .map((heading) => heading.textContent);
    expect(sections).toEqual([
      "General",
      "Sound",
      "Motivation",
      "Reminders",
      "About you",
      "Chat model",
      "Profile lock",
      "Your data",
      "Updates",
    ]);
    expect(
      within(screen.getByRole("region", { name: "General" })).getByLabelText("Language"),
    ).toBeInTheDocument();
  });
});
