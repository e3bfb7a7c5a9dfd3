import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { BackendError } from "../../../../lib/backend";
import { FakeBackend } from "../../../../test/fakeBackend";
import { renderApp } from "../../../../test/renderApp";

function twoProfiles() {
  const backend = new FakeBackend();
  const ana = backend.seedProfile("Ana", { theme: "light" });
  const ben = backend.seedProfile("Ben", { theme: "dark", locale: "es" });
  return { backend, ana, ben };
}

describe("ProfileSwitcher", () => {
  it("lists the profiles and switches to another one", async () => {
    const { backend, ben } = twoProfiles();
    const { user } = renderApp(backend);

    const trigger = await screen.findByTestId("profile-switcher");
    expect(trigger).toHaveAccessibleName("Switch profile");
    expect(trigger).toHaveAttribute("aria-expanded", "false");
    await user.click(trigger);
    expect(trigger).toHaveAttribute("aria-expanded", "true");
    expect(screen.getByRole("button", { name: /Ana/, current: true })).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Ben" }));

    expect(await screen.findByRole("heading", { name: "Hola, Ben" })).toBeInTheDocument();
    expect(screen.queryByText(/Ana/)).not.toBeInTheDocument();
    expect(backend.activeId).toBe(ben.id);
    expect(document.documentElement).toHaveAttribute("data-theme", "dark");
  });

  it("marks a profile with a PIN", async () => {
    const { backend, ben } = twoProfiles();
    backend.seedPin(ben.id);
    const { user } = renderApp(backend);

    await user.click(await screen.findByTestId("profile-switcher"));
    expect(screen.getByRole("button", { name: "Ben (locked with a PIN)" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: /^Ana/, current: true })).not.toHaveAccessibleName(
      /PIN/,
    );
  });

  it("closes the list with Escape", async () => {
    const { backend } = twoProfiles();
    const { user } = renderApp(backend);
    const trigger = await screen.findByTestId("profile-switcher");
    await user.click(trigger);
    await user.keyboard("{Escape}");
    expect(trigger).toHaveAttribute("aria-expanded", "false");
    expect(screen.queryByRole("button", { name: "Add profile" })).not.toBeInTheDocument();
  });

  it("shows a failed switch", async () => {
    const { backend, ana, ben } = twoProfiles();
    const { user } = renderApp(backend);
    backend.failNext(
      "switchProfile",
      new BackendError("not_found", "not_found", { subject: "profile", value: ben.id }),
    );
    await user.click(await screen.findByTestId("profile-switcher"));
    await user.click(screen.getByRole("button", { name: "Ben" }));

    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The profile could not be found; it may have been deleted.",
    );
    expect(screen.getByRole("heading", { name: "Hi, Ana" })).toBeInTheDocument();
    expect(backend.activeId).toBe(ana.id);
  });

  it("adds a profile through onboarding, and can cancel it", async () => {
    const backend = new FakeBackend();
    backend.seedProfile("Ana");
    const { user } = renderApp(backend);

    await user.click(await screen.findByTestId("profile-switcher"));
    await user.click(screen.getByRole("button", { name: "Add profile" }));
    expect(screen.getByRole("heading", { name: "Add a profile" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(await screen.findByRole("heading", { name: "Hi, Ana" })).toBeInTheDocument();

    await user.click(screen.getByTestId("profile-switcher"));
    await user.click(screen.getByRole("button", { name: "Add profile" }));
    await user.type(screen.getByLabelText("Your name"), "Cleo");
    await user.click(screen.getByRole("button", { name: "Next" }));
    const singles = [
      "Great — full of energy",
      "Getting to know myself",
      null,
      "Straight to the point",
      "Gentle guidance",
      null,
      "I practise regularly",
      "Long — 15 minutes or more",
    ];
    for (const choice of singles) {
      if (choice !== null) await user.click(screen.getByRole("button", { name: choice }));
      await user.click(screen.getByRole("button", { name: "Next" }));
    }
    await user.click(screen.getByRole("button", { name: "None of these" }));
    await user.click(screen.getByRole("button", { name: "Finish" }));

    expect(await screen.findByRole("heading", { name: "Hi, Cleo" })).toBeInTheDocument();
    expect(backend.profiles.size).toBe(2);
    await user.click(screen.getByTestId("profile-switcher"));
    expect(screen.getByRole("button", { name: /Cleo/, current: true })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Ana" })).toBeInTheDocument();
  });

  it("deletes a profile only after confirmation", async () => {
    const { backend, ana, ben } = twoProfiles();
    const { user } = renderApp(backend);

    await user.click(await screen.findByTestId("profile-switcher"));
    const deleteBen = screen.getByRole("button", { name: "Delete Ben" });
    await user.click(deleteBen);

    const dialog = screen.getByRole("dialog", { name: "Delete Ben?" });
    expect(dialog).toHaveTextContent("This removes Ben's profile");
    expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus();
    await user.tab();
    expect(within(dialog).getByRole("button", { name: "Delete" })).toHaveFocus();
    await user.tab();
    expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus();

    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(deleteBen).toHaveFocus();
    expect(backend.profiles.has(ben.id)).toBe(true);

    await user.click(deleteBen);
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(backend.profiles.has(ben.id)).toBe(true);

    await user.click(deleteBen);
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Delete" }));

    await waitFor(() => {
      expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    });
    expect(backend.profiles.has(ben.id)).toBe(false);
    expect(backend.activeId).toBe(ana.id);
    expect(screen.queryByRole("button", { name: "Ben" })).not.toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Hi, Ana" })).toBeInTheDocument();
  });

  it("moves to another profile when the active one is deleted", async () => {
    const { backend, ben } = twoProfiles();
    const { user } = renderApp(backend);

    await user.click(await screen.findByTestId("profile-switcher"));
    await user.click(screen.getByRole("button", { name: "Delete Ana" }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Delete" }));

    expect(await screen.findByRole("heading", { name: "Hola, Ben" })).toBeInTheDocument();
    expect(backend.activeId).toBe(ben.id);
    expect(screen.queryByText(/Ana/)).not.toBeInTheDocument();
  });

  it("returns to onboarding when the last profile is deleted", async () => {
    const backend = new FakeBackend();
    backend.seedProfile("Ana", { theme: "dark" });
    const { user } = renderApp(backend);

    await user.click(await screen.findByTestId("profile-switcher"));
    await user.click(screen.getByRole("button", { name: "Delete Ana" }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Delete" }));

    expect(await screen.findByRole("heading", { name: "Welcome to Wbot" })).toBeInTheDocument();
    expect(backend.profiles.size).toBe(0);
    expect(document.documentElement).toHaveAttribute("data-theme-choice", "system");
  });

  it("shows a failed delete inside the dialog", async () => {
    const { backend, ben } = twoProfiles();
    const { user } = renderApp(backend);
    backend.failNext("deleteProfile", new BackendError("internal", "internal"));

    await user.click(await screen.findByTestId("profile-switcher"));
    await user.click(screen.getByRole("button", { name: "Delete Ben" }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Delete" }));

    expect(await within(screen.getByRole("dialog")).findByRole("alert")).toHaveTextContent(
      "Something went wrong on this device. Please try again.",
    );
    expect(backend.profiles.has(ben.id)).toBe(true);
  });
});
