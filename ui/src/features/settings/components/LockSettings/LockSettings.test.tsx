import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { BackendError } from "../../../../lib/backend";
import { FakeBackend } from "../../../../test/fakeBackend";
import { openSettings } from "../../../../test/settings";

const section = () => screen.getByRole("region", { name: "Profile lock" });
const field = (label: string) => within(section()).getByLabelText(label);
const button = (name: string) => within(section()).getByRole("button", { name });

/** A profile with a PIN, open in this run (as after setting it). */
async function anaWithPin(pin = "2468") {
  const backend = new FakeBackend();
  const ana = backend.seedProfile("Ana");
  await backend.setProfilePin(ana.id, pin, null);
  return { backend, ana };
}

describe("Profile lock settings", () => {
  it("sets a PIN once it is typed the same twice", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana");
    const { user } = await openSettings(backend, "Profile lock");

    expect(section()).toHaveAccessibleDescription(
      "A PIN keeps others who use this device out of your data in Wbot. It does not encrypt the files on this device.",
    );
    expect(within(section()).queryByLabelText("Current PIN")).not.toBeInTheDocument();
    for (const label of ["New PIN", "Repeat the new PIN"]) {
      expect(field(label)).toHaveAttribute("type", "password");
      expect(field(label)).toHaveAttribute("inputmode", "numeric");
      expect(field(label)).toHaveAttribute("autocomplete", "off");
    }

    await user.type(field("New PIN"), "2468");
    await user.type(field("Repeat the new PIN"), "2469");
    await user.click(button("Set PIN"));
    expect(within(section()).getByRole("alert")).toHaveTextContent(
      "The two PINs are not the same.",
    );
    expect(field("Repeat the new PIN")).toHaveAttribute("aria-invalid", "true");
    expect(backend.called).not.toContain("setProfilePin");

    await user.clear(field("Repeat the new PIN"));
    expect(within(section()).queryByRole("alert")).not.toBeInTheDocument();
    await user.type(field("Repeat the new PIN"), "2468");
    await user.click(button("Set PIN"));

    expect(await within(section()).findByText("PIN set.")).toHaveAttribute("role", "status");
    expect(backend.lock.pinOf(ana.id)).toBe("2468");
    // Now a profile with a PIN: it can be changed, removed, or locked.
    expect(field("Current PIN")).toHaveValue("");
    expect(field("New PIN")).toHaveValue("");
    expect(field("Current PIN to remove it")).toBeInTheDocument();
    expect(button("Lock now")).toBeInTheDocument();
    expect(within(section()).queryByRole("button", { name: "Set PIN" })).not.toBeInTheDocument();
    // The switcher marks the profile.
    await user.click(screen.getByTestId("profile-switcher"));
    expect(
      screen.getByRole("button", { name: /^Ana \(locked with a PIN\)/, current: true }),
    ).toBeInTheDocument();
  });

  it("words a PIN the core refuses", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana");
    const { user } = await openSettings(backend, "Profile lock");

    await user.type(field("New PIN"), "12");
    await user.type(field("Repeat the new PIN"), "12");
    await user.click(button("Set PIN"));

    expect(await within(section()).findByRole("alert")).toHaveTextContent(
      "A PIN is 4 to 8 digits.",
    );
    expect(field("New PIN")).toHaveAccessibleDescription("A PIN is 4 to 8 digits.");
    expect(backend.lock.pinOf(ana.id)).toBeUndefined();
  });

  it("changes the PIN given the current one", async () => {
    const { backend, ana } = await anaWithPin();
    const { user } = await openSettings(backend, "Profile lock");

    expect(button("Change PIN")).toBeDisabled();
    await user.type(field("Current PIN"), "1111");
    await user.type(field("New PIN"), "1357");
    await user.type(field("Repeat the new PIN"), "1357");
    await user.click(button("Change PIN"));

    const alert = await within(section()).findByRole("alert");
    expect(alert).toHaveTextContent(
      "That is not the PIN. 4 tries left before each try has to wait.",
    );
    expect(field("Current PIN")).toHaveAttribute("aria-invalid", "true");
    expect(field("New PIN")).not.toHaveAttribute("aria-invalid");

    await user.clear(field("Current PIN"));
    await user.type(field("Current PIN"), "2468");
    await user.click(button("Change PIN"));

    expect(await within(section()).findByText("PIN changed.")).toHaveAttribute("role", "status");
    expect(backend.lock.pinOf(ana.id)).toBe("1357");
    expect(field("Current PIN")).toHaveValue("");
    // A new edit hides the confirmation.
    await user.type(field("Current PIN"), "1");
    expect(within(section()).queryByText("PIN changed.")).not.toBeInTheDocument();
  });

  it("removes the PIN given it", async () => {
    const { backend, ana } = await anaWithPin();
    const { user } = await openSettings(backend, "Profile lock");

    expect(button("Remove PIN")).toBeDisabled();
    await user.type(field("Current PIN to remove it"), "0000");
    await user.click(button("Remove PIN"));
    expect(await within(section()).findByRole("alert")).toHaveTextContent(
      "That is not the PIN. 4 tries left before each try has to wait.",
    );
    expect(backend.lock.pinOf(ana.id)).toBe("2468");

    await user.clear(field("Current PIN to remove it"));
    await user.type(field("Current PIN to remove it"), "2468");
    await user.click(button("Remove PIN"));

    expect(await within(section()).findByText("PIN removed.")).toHaveAttribute("role", "status");
    expect(backend.lock.pinOf(ana.id)).toBeUndefined();
    expect(button("Set PIN")).toBeInTheDocument();
    expect(within(section()).queryByRole("button", { name: "Lock now" })).not.toBeInTheDocument();
  });

  it("locks the profile now: the app turns to the lock screen", async () => {
    const { backend, ana } = await anaWithPin();
    const { user } = await openSettings(backend, "Profile lock");
    expect(button("Lock now")).toHaveAccessibleDescription(
      "Locks your profile until your PIN is given again, for when you leave the device.",
    );

    await user.click(button("Lock now"));

    expect(await screen.findByRole("heading", { name: "Wbot is locked" })).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "Settings" })).not.toBeInTheDocument();
    expect(backend.profiles.get(ana.id)?.profile.locked).toBe(true);

    await user.type(screen.getByLabelText("PIN"), "2468");
    await user.click(screen.getByRole("button", { name: "Unlock" }));
    expect(await screen.findByRole("heading", { name: "Hi, Ana" })).toBeInTheDocument();
  });

  it("shows a lock that failed", async () => {
    const { backend } = await anaWithPin();
    const { user } = await openSettings(backend, "Profile lock");
    backend.failNext("lockProfile", new BackendError("unavailable", "database_busy"));

    await user.click(button("Lock now"));

    expect(await within(section()).findByRole("alert")).toHaveTextContent(
      "The database is busy; please try again.",
    );
    expect(screen.queryByRole("heading", { name: "Wbot is locked" })).not.toBeInTheDocument();
  });

  it("is in Spanish for a Spanish profile", async () => {
    const backend = new FakeBackend();
    backend.seedProfile("Ana", { locale: "es" });
    const { user } = await openSettings(backend, "Bloqueo del perfil");
    const lock = screen.getByRole("region", { name: "Bloqueo del perfil" });

    await user.type(within(lock).getByLabelText("PIN nuevo"), "2468");
    await user.type(within(lock).getByLabelText("Repite el PIN nuevo"), "1357");
    await user.click(within(lock).getByRole("button", { name: "Poner PIN" }));
    expect(within(lock).getByRole("alert")).toHaveTextContent("Los dos PIN no coinciden.");
  });
});
