import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { FakeBackend } from "../../../../test/fakeBackend";
import { renderApp } from "../../../../test/renderApp";

describe("LanguageSelect", () => {
  it("saves the language and switches the interface to it", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana");
    const { user } = renderApp(backend);

    await user.click(await screen.findByRole("button", { name: "Settings" }));
    await user.selectOptions(screen.getByLabelText("Language"), "Español");

    expect(await screen.findByRole("heading", { name: "Ajustes" })).toBeInTheDocument();
    expect(screen.getByLabelText("Idioma")).toHaveValue("es");
    expect(screen.getByRole("button", { name: "Nueva conversación" })).toBeInTheDocument();
    expect(backend.profiles.get(ana.id)?.settings.locale).toBe("es");
    expect(document.documentElement).toHaveAttribute("lang", "es");
  });
});
