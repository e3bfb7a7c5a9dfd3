import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { BackendError, type Settings } from "../../../../lib/backend";
import { FakeBackend } from "../../../../test/fakeBackend";
import { renderApp } from "../../../../test/renderApp";

/** Ana, with a chat model set up unless told. */
function withAna(settings: Partial<Settings> = {}, chatModel = true) {
  const backend = new FakeBackend();
  const ana = backend.seedProfile("Ana", settings);
  if (chatModel) backend.chat.seedProvider(ana.id);
  return { backend, ana };
}

/** Opens the Meditation section and waits for "A meditation for me" (in English unless told). */
async function openPersonal(
  backend: FakeBackend,
  name = "Meditation",
  title = "A meditation for me",
) {
  const rendered = renderApp(backend);
  const nav = await screen.findByRole("navigation", { name: /Discover|Descubrir/ });
  await rendered.user.click(within(nav).getByRole("button", { name }));
  const heading = await screen.findByRole("heading", { level: 2, name: title });
  const section = heading.closest("section");
  if (section === null) throw new Error("no section");
  return { ...rendered, section };
}

describe("PersonalMeditation", () => {
  it("sits above the series and the team's meditations, with its hint, lengths and button", async () => {
    const { backend } = withAna();
    const { section } = await openPersonal(backend);

    const headings = screen.getAllByRole("heading", { level: 2 }).map((h) => h.textContent);
    // Then the series, then the team's meditations.
    const personal = headings.indexOf("A meditation for me");
    expect(personal).toBeGreaterThanOrEqual(0);
    expect(headings.slice(personal, personal + 3)).toEqual([
      "A meditation for me",
      "Series",
      "Spoken by the voice",
    ]);
    expect(
      within(section).getByText(
        "Your chat model writes it from what you've shared lately and how you feel, and a voice on this device speaks it. The voice speaks English for now.",
      ),
    ).toBeInTheDocument();
    const length = within(section).getByRole("combobox", { name: "Length" });
    expect(
      within(length)
        .getAllByRole("option")
        .map((o) => [(o as HTMLOptionElement).value, o.textContent]),
    ).toEqual([
      ["5", "5 minutes"],
      ["10", "10 minutes"],
      ["15", "15 minutes"],
    ]);
    expect(within(section).getByRole("button", { name: "Write and speak" })).toBeEnabled();
  });

  it("shows the writing, then the voice, then the new track is ready and plays", async () => {
    const { backend, ana } = withAna();
    const write = vi.spyOn(backend, "writeMeditation");
    const { section, user } = await openPersonal(backend);
    await user.selectOptions(within(section).getByRole("combobox", { name: "Length" }), "15");

    const release = backend.tracks.hold();
    await user.click(within(section).getByRole("button", { name: "Write and speak" }));
    const writing = await within(section).findByRole("progressbar", {
      name: "Writing your meditation",
    });
    await waitFor(() => {
      expect(writing).toHaveAttribute("aria-valuemax", "1");
    });
    expect(writing).toHaveAttribute("aria-valuenow", "0");
    expect(within(section).getByRole("button", { name: "Write and speak" })).toBeDisabled();
    expect(within(section).getByRole("combobox", { name: "Length" })).toBeDisabled();
    expect(write).toHaveBeenCalledWith(ana.id, { minutes: 15, title: "A meditation for you" });
    // One meditation is spoken at a time.
    for (const button of screen.getAllByRole("button", { name: /^Prepare / })) {
      expect(button).toBeDisabled();
    }

    // The model has written; the voice holds at its first step.
    release();
    const releaseVoice = backend.tracks.hold();
    const voice = await within(section).findByRole("progressbar", {
      name: "Preparing the voice",
    });
    await waitFor(() => {
      expect(voice).toHaveAttribute("aria-valuenow", "1");
    });
    expect(voice).toHaveAttribute("aria-valuetext", "20%");
    expect(
      within(section).queryByRole("progressbar", { name: "Writing your meditation" }),
    ).toBeNull();
    expect(within(section).getByRole("button", { name: "Write and speak" })).toBeDisabled();
    releaseVoice();

    expect(
      await within(section).findByText("“A meditation for you” is ready in your tracks."),
    ).toBeInTheDocument();
    expect(within(section).queryByRole("progressbar")).toBeNull();
    expect(within(section).getByRole("button", { name: "Write and speak" })).toBeEnabled();
    for (const button of screen.getAllByRole("button", { name: /^Prepare / })) {
      expect(button).toBeEnabled();
    }
    const tracks = await screen.findByRole("list", { name: "Guided tracks" });
    const item = within(tracks).getByRole("listitem");
    expect(item).toHaveTextContent("A meditation for you");
    expect(item).toHaveTextContent("Working with difficulties · 15:00 · English");

    await user.click(within(item).getByRole("button", { name: "Play A meditation for you" }));
    await waitFor(() => {
      expect(backend.tracks.player).toMatchObject({ profileId: ana.id, playing: true });
    });
  });

  it("says a chat model is needed and opens its settings", async () => {
    const { backend } = withAna({}, false);
    const { section, user } = await openPersonal(backend);

    await user.click(within(section).getByRole("button", { name: "Write and speak" }));
    expect(await within(section).findByRole("alert")).toHaveTextContent(
      "No chat model is set up yet; add one in Settings → Chat model, then try again.",
    );
    expect(backend.tracks.tracks).toEqual([]);
    await user.click(within(section).getByRole("button", { name: "Open chat model settings" }));
    expect(await screen.findByRole("heading", { name: "Chat model" })).toBeInTheDocument();
  });

  it("shows the words of a provider or voice that failed, and can try again", async () => {
    const { backend } = withAna();
    backend.failNext(
      "writeMeditation",
      new BackendError("unavailable", "provider_unavailable", { value: "timeout" }),
    );
    const { section, user } = await openPersonal(backend);
    const button = within(section).getByRole("button", { name: "Write and speak" });

    await user.click(button);
    expect(await within(section).findByRole("alert")).toHaveTextContent(
      "The chat model did not answer in time. It may still be loading; try again or raise the timeout.",
    );
    expect(within(section).queryByRole("button", { name: "Open chat model settings" })).toBeNull();

    backend.tracks.voiceProblem = "phonemizer_missing";
    await user.click(button);
    expect(await within(section).findByRole("alert")).toHaveTextContent(
      "The voice can't speak on this device: its pronunciation helper (espeak-ng) is missing or failed.",
    );

    backend.tracks.voiceProblem = null;
    await user.click(button);
    expect(
      await within(section).findByText("“A meditation for you” is ready in your tracks."),
    ).toBeInTheDocument();
    expect(within(section).queryByRole("alert")).toBeNull();
  });

  it("shows a track's script when asked, with its pauses, and reads it only then", async () => {
    const { backend, ana } = withAna();
    const written = backend.tracks.seed(ana.id, {
      title: "For the night",
      kind: "sleep",
      format: "wav",
    });
    backend.tracks.scripts.set(
      written.id,
      "Settle into your bed. [PAUSE 5s]\nLet the day go.\n\n[pause 2.5 s] Rest.",
    );
    const spoken = backend.tracks.seed(ana.id, { title: "Team voice", format: "wav" });
    backend.tracks.seed(ana.id, { title: "Imported", format: "mp3" });
    const script = vi.spyOn(backend, "trackScript");
    const { user } = await openPersonal(backend);
    const tracks = await screen.findByRole("list", { name: "Guided tracks" });

    // Only the voice's tracks can have one.
    const imported = within(tracks).getByText("Imported").closest("li");
    if (imported === null) throw new Error("no item");
    expect(within(imported).queryByRole("button", { name: /^Read the script/ })).toBeNull();
    expect(script).not.toHaveBeenCalled();

    const read = within(tracks).getByRole("button", { name: "Read the script of For the night" });
    expect(read).toHaveAttribute("aria-expanded", "false");
    expect(read).toHaveTextContent("Read the script");
    await user.click(read);
    expect(read).toHaveAttribute("aria-expanded", "true");
    expect(await screen.findByText("Settle into your bed.")).toBeInTheDocument();
    expect(screen.getByText("— pause 5 s —")).toBeInTheDocument();
    expect(screen.getByText("Let the day go.")).toBeInTheDocument();
    expect(screen.getByText("— pause 2.5 s —")).toBeInTheDocument();
    expect(screen.getByText("Rest.")).toBeInTheDocument();
    expect(script).toHaveBeenCalledWith(ana.id, written.id);

    await user.click(read);
    expect(screen.queryByText("Settle into your bed.")).toBeNull();

    await user.click(within(tracks).getByRole("button", { name: "Read the script of Team voice" }));
    expect(await screen.findByText("This track has no script.")).toBeInTheDocument();
    expect(script).toHaveBeenCalledWith(ana.id, spoken.id);
  });

  it("is in Spanish for a Spanish profile", async () => {
    const { backend, ana } = withAna({ locale: "es" });
    const write = vi.spyOn(backend, "writeMeditation");
    const { section, user } = await openPersonal(backend, "Meditación", "Una meditación para mí");

    expect(
      within(section).getByText(
        "Tu modelo de chat la escribe a partir de lo que has compartido últimamente y de cómo te sientes, y una voz en este dispositivo la narra. Por ahora la voz habla inglés.",
      ),
    ).toBeInTheDocument();
    const length = within(section).getByRole("combobox", { name: "Duración" });
    expect(within(length).getByRole("option", { name: "5 minutos" })).toHaveValue("5");

    backend.tracks.modelScript = "Respira. [PAUSE 2.5s]";
    const release = backend.tracks.hold();
    await user.click(within(section).getByRole("button", { name: "Escribir y narrar" }));
    expect(
      await within(section).findByRole("progressbar", { name: "Escribiendo tu meditación" }),
    ).toBeInTheDocument();
    release();
    expect(
      await within(section).findByText("«Una meditación para ti» ya está en tus pistas."),
    ).toBeInTheDocument();
    expect(write).toHaveBeenCalledWith(ana.id, { minutes: 10, title: "Una meditación para ti" });

    const tracks = await screen.findByRole("list", { name: "Meditaciones guiadas" });
    await user.click(
      within(tracks).getByRole("button", { name: "Leer el guion de Una meditación para ti" }),
    );
    expect(await screen.findByText("— pausa de 2,5 s —")).toBeInTheDocument();
  });

  it("says in Spanish that a chat model is needed", async () => {
    const { backend } = withAna({ locale: "es" }, false);
    const { section, user } = await openPersonal(backend, "Meditación", "Una meditación para mí");
    expect(backend.called).not.toContain("writeMeditation");
    await user.click(within(section).getByRole("button", { name: "Escribir y narrar" }));
    expect(await within(section).findByRole("alert")).toHaveTextContent(
      "Aún no hay ningún modelo de chat configurado; añade uno en Ajustes → Modelo de chat y vuelve a intentarlo.",
    );
    expect(
      within(section).getByRole("button", { name: "Abrir los ajustes del modelo de chat" }),
    ).toBeEnabled();
  });
});
