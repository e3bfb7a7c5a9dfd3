import { screen, waitFor, within } from "@testing-library/react";
import type { UserEvent } from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { FakeBackend } from "../../../../test/fakeBackend";
import { openSettings, waitForSaved } from "../../../../test/settings";

const ONLINE = {
  name: "Online",
  baseUrl: "https://api.example.com/v1",
  model: "m",
  apiKey: "sk-test",
};

function withAna(settings: Parameters<FakeBackend["seedProfile"]>[1] = {}) {
  const backend = new FakeBackend();
  const ana = backend.seedProfile("Ana", settings);
  return { backend, ana };
}

/** Adds a custom provider through the form and saves it. */
async function addProvider(
  user: UserEvent,
  {
    name,
    baseUrl,
    model,
    apiKey,
  }: { name: string; baseUrl: string; model: string; apiKey?: string },
) {
  await user.click(screen.getByRole("button", { name: "Add" }));
  const form = screen.getByRole("form", { name: "Add a chat model" });
  await user.type(within(form).getByLabelText("Name"), name);
  await user.type(within(form).getByLabelText("Address"), baseUrl);
  await user.type(within(form).getByLabelText("Model"), model);
  if (apiKey !== undefined) await user.type(within(form).getByLabelText("API key"), apiKey);
  await user.click(within(form).getByRole("button", { name: "Save" }));
}

describe("What an online chat model receives", () => {
  it("asks right after an online provider is saved, and allows it with the parts chosen", async () => {
    const { backend, ana } = withAna();
    const { user } = await openSettings(backend, "Chat model");
    await addProvider(user, ONLINE);

    const dialog = await screen.findByRole("dialog", { name: "Before Online is used" });
    expect(dialog).toHaveAccessibleDescription(
      "Online is an online service, so your messages leave this device and go to api.example.com. Wbot sends it nothing until you allow it.",
    );
    expect(within(dialog).getByRole("list", { name: "It always receives:" })).toHaveTextContent(
      /Your name.*Your latest mood check-in.*The recent part of the conversation/,
    );
    const memories = within(dialog).getByRole("switch", {
      name: "Memories from earlier conversations",
    });
    const aboutYou = within(dialog).getByRole("switch", {
      name: "What you told Wbot about yourself",
    });
    expect(memories).toHaveAttribute("aria-checked", "false");
    expect(aboutYou).toHaveAttribute("aria-checked", "false");
    // Saved, but not used until allowed.
    expect(backend.chat.listProviders(ana.id)).toMatchObject([
      { name: "Online", remote: true, allowed: false, hasKey: true },
    ]);

    await user.click(memories);
    expect(memories).toHaveAttribute("aria-checked", "true");
    // Nothing is saved until the person allows it.
    expect(backend.profiles.get(ana.id)?.settings.remoteMemories).toBe(false);
    await user.click(within(dialog).getByRole("button", { name: "Allow Online" }));

    await waitFor(() => {
      expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    });
    expect(backend.chat.listProviders(ana.id)).toMatchObject([{ remote: true, allowed: true }]);
    expect(backend.profiles.get(ana.id)?.settings).toMatchObject({
      remoteMemories: true,
      remoteAboutYou: false,
    });
    expect(await screen.findByText("Online service, allowed.")).toBeInTheDocument();
    expect(
      screen.queryByRole("button", { name: "Review and allow Online" }),
    ).not.toBeInTheDocument();
    // The section's switches show the choice made in the dialog.
    const section = screen.getByRole("region", { name: "What online models receive" });
    expect(
      within(section).getByRole("switch", { name: "Memories from earlier conversations" }),
    ).toHaveAttribute("aria-checked", "true");
    expect(
      within(section).getByRole("switch", { name: "What you told Wbot about yourself" }),
    ).toHaveAttribute("aria-checked", "false");
  });

  it("keeps a provider saved but unused after “Not now”, with a way back to allow it", async () => {
    const { backend, ana } = withAna({ remoteAboutYou: true });
    const { user } = await openSettings(backend, "Chat model");
    await addProvider(user, ONLINE);

    const dialog = await screen.findByRole("dialog", { name: "Before Online is used" });
    await user.click(within(dialog).getByRole("button", { name: "Not now" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(backend.chat.listProviders(ana.id)).toMatchObject([{ name: "Online", allowed: false }]);
    expect(screen.getByText("Online service. Not used until you allow it.")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Review and allow Online" }));
    const again = screen.getByRole("dialog", { name: "Before Online is used" });
    // The switches start from the profile's choice.
    expect(
      within(again).getByRole("switch", { name: "Memories from earlier conversations" }),
    ).toHaveAttribute("aria-checked", "false");
    expect(
      within(again).getByRole("switch", { name: "What you told Wbot about yourself" }),
    ).toHaveAttribute("aria-checked", "true");
    await user.click(within(again).getByRole("button", { name: "Allow Online" }));
    await waitFor(() => {
      expect(backend.chat.listProviders(ana.id)[0]?.allowed).toBe(true);
    });
    expect(backend.profiles.get(ana.id)?.settings).toMatchObject({
      remoteMemories: false,
      remoteAboutYou: true,
    });
  });

  it("never asks about a model on this device or the local network", async () => {
    const { backend, ana } = withAna();
    const { user } = await openSettings(backend, "Chat model");
    await addProvider(user, { name: "Local", baseUrl: "http://127.0.0.1:9999/v1", model: "m" });
    await screen.findByText("Local");
    await addProvider(user, { name: "Box", baseUrl: "http://gpu-box:8080/v1", model: "m" });
    await screen.findByText("Box");

    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(backend.chat.listProviders(ana.id)).toMatchObject([
      { name: "Local", remote: false, allowed: true },
      { name: "Box", remote: false, allowed: true },
    ]);
    expect(screen.queryByText(/Online service/)).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^Review and allow/ })).not.toBeInTheDocument();
  });

  it("asks again when an allowed provider is moved to another address", async () => {
    const { backend, ana } = withAna();
    backend.chat.seedProvider(ana.id, {
      name: "Online",
      baseUrl: "https://api.example.com/v1",
      hasKey: true,
      allowed: true,
    });
    const { user } = await openSettings(backend, "Chat model");
    expect(await screen.findByText("Online service, allowed.")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Edit Online" }));
    const form = screen.getByRole("form", { name: "Edit Online" });
    await user.clear(within(form).getByLabelText("Address"));
    await user.type(within(form).getByLabelText("Address"), "https://other.example.net/v1");
    await user.click(within(form).getByRole("button", { name: "Save" }));

    const dialog = await screen.findByRole("dialog", { name: "Before Online is used" });
    expect(dialog).toHaveTextContent("go to other.example.net");
    expect(backend.chat.listProviders(ana.id)).toMatchObject([
      { allowed: false, hasKey: false, baseUrl: "https://other.example.net/v1" },
    ]);
  });

  it("keeps the choice made in settings after a reload", async () => {
    const { backend, ana } = withAna();
    const { user, unmount } = await openSettings(backend, "Chat model");
    const section = screen.getByRole("region", { name: "What online models receive" });
    expect(section).toHaveTextContent(
      "A model on this device or your own network always gets everything.",
    );
    await user.click(
      within(section).getByRole("switch", { name: "What you told Wbot about yourself" }),
    );
    await waitForSaved(backend, ana.id, { remoteAboutYou: true, remoteMemories: false });

    unmount();
    await openSettings(backend, "Chat model");
    const reloaded = screen.getByRole("region", { name: "What online models receive" });
    expect(
      within(reloaded).getByRole("switch", { name: "What you told Wbot about yourself" }),
    ).toHaveAttribute("aria-checked", "true");
    expect(
      within(reloaded).getByRole("switch", { name: "Memories from earlier conversations" }),
    ).toHaveAttribute("aria-checked", "false");
  });

  it("is in Spanish for a Spanish profile", async () => {
    const { backend, ana } = withAna({ locale: "es" });
    backend.chat.seedProvider(ana.id, { name: "Online", baseUrl: "https://api.example.com/v1" });
    const { user } = await openSettings(backend, "Modelo de chat");

    expect(
      await screen.findByText("Servicio en línea. No se usa hasta que lo permitas."),
    ).toBeInTheDocument();
    expect(
      screen.getByRole("region", { name: "Qué reciben los modelos en línea" }),
    ).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Revisar y permitir Online" }));
    const dialog = screen.getByRole("dialog", { name: "Antes de usar Online" });
    expect(
      within(dialog).getByRole("switch", { name: "Recuerdos de conversaciones anteriores" }),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole("switch", { name: "Lo que le contaste a Wbot sobre ti" }),
    ).toBeInTheDocument();
    expect(within(dialog).getByRole("button", { name: "Ahora no" })).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Permitir Online" }));
    await waitFor(() => {
      expect(backend.chat.listProviders(ana.id)[0]?.allowed).toBe(true);
    });
  });
});
