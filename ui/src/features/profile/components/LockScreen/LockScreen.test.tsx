import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Backend } from "../../../../lib/backend";
import { FakeBackend } from "../../../../test/fakeBackend";
import { renderApp } from "../../../../test/renderApp";

/** What may be asked of the backend while the active profile is locked. */
const OPEN_WHILE_LOCKED: (keyof Backend)[] = [
  "activeProfile",
  "listProfiles",
  "switchProfile",
  "getSettings",
  "unlockProfile",
];

function lockedAna(settings = {}) {
  const backend = new FakeBackend();
  const ana = backend.seedProfile("Ana", settings);
  backend.seedPin(ana.id, "2468");
  return { backend, ana };
}

describe("LockScreen", () => {
  it("is all the app shows of a locked profile, in its theme, and asks nothing of its data", async () => {
    const { backend } = lockedAna({ theme: "dark" });
    renderApp(backend);

    expect(await screen.findByRole("heading", { level: 1, name: "Wbot is locked" })).toBeVisible();
    expect(
      screen.getByText("Enter Ana's PIN to open their journal, moods and conversations."),
    ).toBeInTheDocument();
    const pin = screen.getByLabelText("PIN");
    expect(pin).toHaveAttribute("type", "password");
    expect(pin).toHaveAttribute("inputmode", "numeric");
    expect(pin).toHaveAttribute("autocomplete", "off");
    expect(pin).toHaveFocus();
    expect(screen.getByRole("button", { name: "Unlock" })).toBeDisabled();
    expect(screen.getByTestId("profile-switcher")).toHaveAccessibleName("Switch profile");
    expect(document.documentElement).toHaveAttribute("data-theme", "dark");

    expect(screen.queryByRole("button", { name: "Settings" })).not.toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "Hi, Ana" })).not.toBeInTheDocument();
    expect(backend.called.filter((c) => !OPEN_WHILE_LOCKED.includes(c))).toEqual([]);
  });

  it("says how many tries are left after a wrong PIN, then opens with the right one", async () => {
    const { backend, ana } = lockedAna();
    const { user } = renderApp(backend);
    const pin = await screen.findByLabelText("PIN");
    const unlock = screen.getByRole("button", { name: "Unlock" });

    await user.type(pin, "1111");
    await user.click(unlock);

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent(
      "That is not the PIN. 4 tries left before each try has to wait.",
    );
    expect(pin).toHaveValue("");
    expect(pin).toHaveFocus();
    expect(pin).toHaveAttribute("aria-invalid", "true");
    expect(pin).toHaveAccessibleDescription(alert.textContent);

    await user.type(pin, "2468{Enter}");

    expect(await screen.findByRole("heading", { name: "Hi, Ana" })).toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "Wbot is locked" })).not.toBeInTheDocument();
    expect(backend.profiles.get(ana.id)?.profile.locked).toBe(false);
    // The profile's own data is read once it is open.
    expect(backend.called).toContain("listConversations");
  });

  it("says when each try has to wait", async () => {
    const { backend } = lockedAna();
    const { user } = renderApp(backend);
    const pin = await screen.findByLabelText("PIN");

    for (let i = 0; i < 4; i++) await user.type(pin, "1111{Enter}");
    await waitFor(() => {
      expect(screen.getByRole("alert")).toHaveTextContent(
        "That is not the PIN. 1 try left before each try has to wait.",
      );
    });
    await user.type(pin, "1111{Enter}");
    await waitFor(() => {
      expect(screen.getByRole("alert")).toHaveTextContent(
        "That is not the PIN. Each further try now has to wait.",
      );
    });
    await user.type(pin, "2468{Enter}");
    await waitFor(() => {
      expect(screen.getByRole("alert")).toHaveTextContent(
        "Too many wrong PINs. Try again in 30 seconds.",
      );
    });
    expect(screen.getByRole("heading", { name: "Wbot is locked" })).toBeInTheDocument();
  });

  it("turns up when the profile was locked elsewhere and its data is refused", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana");
    await backend.setProfilePin(ana.id, "2468", null);
    const { user } = renderApp(backend);
    expect(await screen.findByRole("heading", { name: "Hi, Ana" })).toBeInTheDocument();

    // Another window locks it; the next thing read of it is refused.
    await backend.lockProfile(ana.id);
    await user.click(screen.getByRole("button", { name: "Settings" }));

    expect(await screen.findByRole("heading", { name: "Wbot is locked" })).toBeInTheDocument();
  });

  it("lets someone else switch to their own profile", async () => {
    const { backend } = lockedAna();
    const ben = backend.seedProfile("Ben");
    const { user } = renderApp(backend);

    expect(await screen.findByText("Not Ana? Switch to your own profile.")).toBeInTheDocument();
    await user.click(screen.getByTestId("profile-switcher"));
    const list = screen.getByRole("region", { name: "Profiles on this device" });
    expect(
      within(list).getByRole("button", { name: /^Ana \(locked with a PIN\)/, current: true }),
    ).toBeInTheDocument();
    await user.click(within(list).getByRole("button", { name: "Ben" }));

    expect(await screen.findByRole("heading", { name: "Hi, Ben" })).toBeInTheDocument();
    expect(backend.activeId).toBe(ben.id);
  });

  it("shows the profile it switches to locked, when it has a PIN too", async () => {
    const backend = new FakeBackend();
    backend.seedProfile("Ana");
    const ben = backend.seedProfile("Ben", { locale: "es" });
    backend.seedPin(ben.id, "1357");
    const { user } = renderApp(backend);

    await user.click(await screen.findByTestId("profile-switcher"));
    await user.click(screen.getByRole("button", { name: "Ben (locked with a PIN)" }));

    expect(
      await screen.findByRole("heading", { level: 1, name: "Wbot está bloqueado" }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        "Introduce el PIN de Ben para abrir su diario, sus estados de ánimo y sus conversaciones.",
      ),
    ).toBeInTheDocument();
    const pin = screen.getByLabelText("PIN");
    await user.type(pin, "0000");
    await user.click(screen.getByRole("button", { name: "Desbloquear" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Ese no es el PIN. Te quedan 4 intentos antes de que cada intento tenga que esperar.",
    );

    await user.type(pin, "1357{Enter}");
    expect(await screen.findByRole("heading", { name: "Hola, Ben" })).toBeInTheDocument();
  });
});
