import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { BackendError } from "../../../../lib/backend";
import { FakeBackend } from "../../../../test/fakeBackend";
import { openSettings } from "../../../../test/settings";

describe("Your name in Settings", () => {
  it("renames the profile, and the greeting and the switcher follow", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana");
    backend.seedProfile("Ben");
    const { user } = await openSettings(backend, "About you");

    const field = screen.getByRole("textbox", { name: "Your name" });
    const save = screen.getByRole("button", { name: "Save name" });
    expect(field).toHaveValue("Ana");
    expect(save).toBeDisabled();
    // Spaces around the same name are no change (the core trims them).
    await user.type(field, "  ");
    expect(save).toBeDisabled();

    await user.clear(field);
    await user.type(field, "  Anita ");
    expect(save).toBeEnabled();
    await user.click(save);

    expect(await screen.findByText("Name saved")).toHaveAttribute("role", "status");
    expect(backend.profiles.get(ana.id)?.profile.displayName).toBe("Anita");
    expect(field).toHaveValue("Anita");
    expect(save).toBeDisabled();

    // The switcher shows the new name, and so does its list of profiles.
    const switcher = screen.getByTestId("profile-switcher");
    expect(switcher).toHaveTextContent("Anita");
    await user.click(switcher);
    expect(screen.getByRole("button", { name: "Delete Anita" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Delete Ana" })).not.toBeInTheDocument();
    await user.keyboard("{Escape}");

    // A new edit hides the confirmation.
    await user.type(field, "!");
    expect(screen.queryByText("Name saved")).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "New Conversation" }));
    expect(await screen.findByRole("heading", { name: "Hi, Anita" })).toBeInTheDocument();
  });

  it("shows why a blank name is refused and keeps what was typed", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana");
    const { user } = await openSettings(backend, "About you");

    const field = screen.getByRole("textbox", { name: "Your name" });
    await user.clear(field);
    await user.type(field, "   ");
    await user.click(screen.getByRole("button", { name: "Save name" }));

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("The name cannot be empty; please write something first.");
    expect(field).toHaveValue("   ");
    expect(field).toHaveAttribute("aria-invalid", "true");
    expect(field).toHaveAccessibleDescription(
      "The name I greet you with and call you by. The name cannot be empty; please write something first.",
    );
    expect(screen.queryByText("Name saved")).not.toBeInTheDocument();
    expect(backend.profiles.get(ana.id)?.profile.displayName).toBe("Ana");
    expect(screen.getByTestId("profile-switcher")).toHaveTextContent("Ana");
  });

  it("refuses a name with a control character, shows a failed save, and keeps the text", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana");
    const { user } = await openSettings(backend, "About you");
    const field = screen.getByRole("textbox", { name: "Your name" });

    // A text field cannot take a line break, but a pasted name can carry another control character.
    await user.clear(field);
    await user.click(field);
    await user.paste("An\u0007a");
    await user.click(screen.getByRole("button", { name: "Save name" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The name contains characters that cannot be stored (line breaks or control characters).",
    );
    expect(field).toHaveValue("An\u0007a");

    await user.clear(field);
    await user.type(field, "Bea");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    backend.failNext("renameProfile", new BackendError("unavailable", "database_busy"));
    await user.click(screen.getByRole("button", { name: "Save name" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The database is busy; please try again.",
    );
    expect(field).toHaveValue("Bea");
    expect(backend.profiles.get(ana.id)?.profile.displayName).toBe("Ana");
  });

  it("is in Spanish for a Spanish profile", async () => {
    const backend = new FakeBackend();
    backend.seedProfile("Ana", { locale: "es" });
    const { user } = await openSettings(backend, "Sobre ti");

    const section = screen.getByRole("region", { name: "Sobre ti" });
    const field = within(section).getByRole("textbox", { name: "Tu nombre" });
    expect(field).toHaveValue("Ana");
    await user.clear(field);
    await user.click(within(section).getByRole("button", { name: "Guardar nombre" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "El nombre no puede quedar en blanco; escribe algo primero.",
    );

    await user.type(field, "Anita");
    await user.click(within(section).getByRole("button", { name: "Guardar nombre" }));
    expect(await screen.findByText("Nombre guardado")).toBeInTheDocument();
  });
});
