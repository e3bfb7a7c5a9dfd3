import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { BackendError, type Settings } from "../../../../lib/backend";
import { FakeBackend } from "../../../../test/fakeBackend";
import { renderApp } from "../../../../test/renderApp";

function withAna(settings: Partial<Settings> = {}) {
  const backend = new FakeBackend();
  const ana = backend.seedProfile("Ana", settings);
  return { backend, ana };
}

/** Opens the Meditation section and waits for the written meditations (in English unless told). */
async function openSpoken(
  backend: FakeBackend,
  name = "Meditation",
  title = "Spoken by the voice",
) {
  const rendered = renderApp(backend);
  const nav = await screen.findByRole("navigation", { name: /Discover|Descubrir/ });
  await rendered.user.click(within(nav).getByRole("button", { name }));
  await screen.findByRole("heading", { level: 2, name: title });
  const list = await screen.findByRole("list", { name: title });
  return { ...rendered, list };
}

describe("SpokenMeditations", () => {
  it("lists the written meditations with their titles, type, length and language", async () => {
    const { backend } = withAna();
    const { list } = await openSpoken(backend);

    expect(
      screen.getByText(
        "Written by the Wbot team and spoken by a voice on this device. Nothing is sent anywhere.",
      ),
    ).toBeInTheDocument();
    const items = within(list).getAllByRole("listitem");
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent("Three minutes with the breath");
    expect(items[0]).toHaveTextContent("Breathing focus · about 3 min · English");
    expect(items[1]).toHaveTextContent("A ten-minute body scan");
    expect(items[1]).toHaveTextContent("Body scan · about 10 min · English");
    const prepare = within(list).getByRole("button", {
      name: "Prepare Three minutes with the breath",
    });
    expect(prepare).toHaveTextContent("Prepare");
    expect(
      within(list).getByRole("button", { name: "Prepare A ten-minute body scan" }),
    ).toBeEnabled();
  });

  it("is in Spanish for a Spanish profile, and says the scripts are in English", async () => {
    const { backend, ana } = withAna({ locale: "es" });
    const speak = vi.spyOn(backend, "speakWrittenMeditation");
    const { list, user } = await openSpoken(backend, "Meditación", "Narradas por la voz");

    expect(
      screen.getByText(
        "Escritas por el equipo de Wbot y narradas por una voz en este dispositivo. No se envía nada a ningún sitio.",
      ),
    ).toBeInTheDocument();
    const items = within(list).getAllByRole("listitem");
    expect(items[0]).toHaveTextContent("Tres minutos con la respiración");
    expect(items[0]).toHaveTextContent("Atención a la respiración · unos 3 min · Inglés");
    expect(items[1]).toHaveTextContent("Un escáner corporal de diez minutos");
    expect(items[1]).toHaveTextContent("Escaneo corporal · unos 10 min · Inglés");

    await user.click(
      within(list).getByRole("button", { name: "Preparar Tres minutos con la respiración" }),
    );
    expect(
      await screen.findByText("«Tres minutos con la respiración» ya está en tus pistas."),
    ).toBeInTheDocument();
    expect(speak).toHaveBeenCalledWith(
      ana.id,
      "breathing-focus-3",
      "Tres minutos con la respiración",
    );
  });

  it("prepares one with its progress, then it is in the tracks and plays", async () => {
    const { backend, ana } = withAna();
    const speak = vi.spyOn(backend, "speakWrittenMeditation");
    const { list, user } = await openSpoken(backend);
    expect(
      await screen.findByText(/No guided tracks yet\. Import an audio file/),
    ).toBeInTheDocument();

    const release = backend.tracks.hold();
    await user.click(
      within(list).getByRole("button", { name: "Prepare Three minutes with the breath" }),
    );
    const bar = await screen.findByRole("progressbar", { name: "Preparing the voice" });
    await waitFor(() => {
      expect(bar).toHaveAttribute("aria-valuenow", "1");
    });
    expect(bar).toHaveAttribute("aria-valuetext", "25%");
    // One at a time.
    for (const button of within(list).getAllByRole("button", { name: /^Prepare / })) {
      expect(button).toBeDisabled();
    }
    release();

    expect(
      await screen.findByText("“Three minutes with the breath” is ready in your tracks."),
    ).toBeInTheDocument();
    expect(screen.queryByRole("progressbar", { name: "Preparing the voice" })).toBeNull();
    expect(speak).toHaveBeenCalledWith(
      ana.id,
      "breathing-focus-3",
      "Three minutes with the breath",
    );
    const tracks = await screen.findByRole("list", { name: "Guided tracks" });
    const item = within(tracks).getByRole("listitem");
    expect(item).toHaveTextContent("Three minutes with the breath");
    expect(item).toHaveTextContent("Breathing focus · 3:00 · English");
    for (const button of within(list).getAllByRole("button", { name: /^Prepare / })) {
      expect(button).toBeEnabled();
    }

    await user.click(
      within(item).getByRole("button", { name: "Play Three minutes with the breath" }),
    );
    await waitFor(() => {
      expect(backend.tracks.player).toMatchObject({ profileId: ana.id, playing: true });
    });
  });

  it("shows the core's words when the voice cannot speak, and can try again", async () => {
    const { backend } = withAna();
    backend.tracks.voiceProblem = "phonemizer_missing";
    const { list, user } = await openSpoken(backend);
    const prepare = within(list).getByRole("button", { name: "Prepare A ten-minute body scan" });

    await user.click(prepare);
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The voice can't speak on this device: its pronunciation helper (espeak-ng) is missing or failed.",
    );
    expect(prepare).toBeEnabled();
    expect(backend.tracks.tracks).toEqual([]);

    backend.tracks.voiceProblem = null;
    backend.failNext(
      "speakWrittenMeditation",
      new BackendError("unavailable", "voice_unavailable", {
        subject: "voice",
        value: "model_missing",
      }),
    );
    await user.click(prepare);
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The voice can't speak on this device: its files are missing or damaged.",
    );

    await user.click(prepare);
    expect(
      await screen.findByText("“A ten-minute body scan” is ready in your tracks."),
    ).toBeInTheDocument();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("calls a meditation it has no words for by its type", async () => {
    const { backend } = withAna();
    vi.spyOn(backend, "writtenMeditations").mockResolvedValueOnce([
      { id: "kindness-7", kind: "loving_kindness", language: "fr", minutes: 7 },
    ]);
    const { list } = await openSpoken(backend);
    const item = within(list).getByRole("listitem");
    expect(item).toHaveTextContent("Loving-kindness · about 7 min · FR");
    expect(within(item).getByRole("button", { name: "Prepare Loving-kindness" })).toBeEnabled();
  });

  it("shows an error with a retry when the written meditations cannot be read", async () => {
    const { backend } = withAna();
    backend.failNext("writtenMeditations", new BackendError("internal", "internal"));
    const { user } = renderApp(backend);
    const nav = await screen.findByRole("navigation", { name: /Discover/ });
    await user.click(within(nav).getByRole("button", { name: "Meditation" }));
    await screen.findByRole("heading", { level: 2, name: "Spoken by the voice" });
    expect(
      await screen.findByText("Something went wrong on this device. Please try again."),
    ).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("list", { name: "Spoken by the voice" })).toBeInTheDocument();
  });
});
