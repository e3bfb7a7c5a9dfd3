import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { BackendError, type Settings } from "../../../../lib/backend";
import { FakeBackend } from "../../../../test/fakeBackend";
import { renderApp } from "../../../../test/renderApp";

function withAna(settings: Partial<Settings> = {}) {
  const backend = new FakeBackend();
  const ana = backend.seedProfile("Ana", settings);
  return { backend, ana };
}

/** Opens the Meditation section and waits for its guided tracks (in English unless told). */
async function openTracks(backend: FakeBackend, name = "Meditation", tracks = "Guided tracks") {
  const rendered = renderApp(backend);
  const nav = await screen.findByRole("navigation", { name: /Discover|Descubrir/ });
  await rendered.user.click(within(nav).getByRole("button", { name }));
  await screen.findByRole("heading", { level: 2, name: tracks });
  return rendered;
}

/** Moves a range input as the browser does for one key press: an input, then a change. */
function slide(slider: HTMLElement, value: number) {
  fireEvent.input(slider, { target: { value: String(value) } });
  fireEvent.change(slider, { target: { value: String(value) } });
}

const MINUTE = 60_000;

describe("GuidedTracks", () => {
  it("imports a picked file with its title, type and language, with its progress", async () => {
    const { backend, ana } = withAna();
    const path = "/home/ana/Music/Evening body scan.MP3";
    backend.tracks.pickedPath = path;
    backend.tracks.files.set(path, { durationMs: 754_000 });
    const importTrack = vi.spyOn(backend, "importTrack");
    const { user } = await openTracks(backend);
    expect(
      await screen.findByText(
        "No guided tracks yet. Import an audio file (mp3, ogg, wav or flac) to listen to it here.",
      ),
    ).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Import a track" }));
    const form = await screen.findByRole("form", { name: "Import “Evening body scan.MP3”" });
    const title = within(form).getByRole("textbox", { name: "Title" });
    expect(title).toHaveValue("Evening body scan");
    expect(within(form).getByRole("combobox", { name: "Language" })).toHaveValue("en");
    expect(
      within(within(form).getByRole("combobox", { name: "Type" }))
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual([
      "Body scan",
      "Breathing focus",
      "Loving-kindness",
      "Working with difficulties",
      "Sleep",
      "Daily mindfulness",
    ]);
    await user.clear(title);
    await user.type(title, "Evening scan");
    await user.selectOptions(within(form).getByRole("combobox", { name: "Type" }), "Sleep");
    await user.selectOptions(within(form).getByRole("combobox", { name: "Language" }), "Spanish");

    const release = backend.tracks.hold();
    await user.click(within(form).getByRole("button", { name: "Import" }));
    const bar = await within(form).findByRole("progressbar", { name: "Import progress" });
    await waitFor(() => {
      expect(bar).toHaveAttribute("aria-valuenow", "50");
    });
    expect(bar).toHaveAttribute("aria-valuetext", "50%");
    release();

    expect(await screen.findByText("“Evening scan” was imported.")).toBeInTheDocument();
    expect(screen.queryByRole("form", { name: /^Import/ })).not.toBeInTheDocument();
    expect(importTrack).toHaveBeenCalledWith(ana.id, {
      path,
      title: "Evening scan",
      kind: "sleep",
      language: "es",
    });
    const list = await screen.findByRole("list", { name: "Guided tracks" });
    const item = within(list).getByRole("listitem");
    expect(item).toHaveTextContent("Evening scan");
    expect(item).toHaveTextContent("Sleep · 12:34 · Spanish");
    expect(within(item).getByRole("button", { name: "Play Evening scan" })).toBeInTheDocument();
    expect(backend.tracks.tracks[0]).toMatchObject({ format: "mp3", durationMs: 754_000 });
  });

  it("does nothing when the file dialog is cancelled, and a form can be cancelled", async () => {
    const { backend } = withAna();
    const pick = vi.spyOn(backend, "pickTrackFile");
    const importTrack = vi.spyOn(backend, "importTrack");
    const { user } = await openTracks(backend);

    await user.click(screen.getByRole("button", { name: "Import a track" }));
    await waitFor(() => {
      expect(pick).toHaveBeenCalledTimes(1);
    });
    expect(screen.queryByRole("form", { name: /^Import/ })).not.toBeInTheDocument();

    backend.tracks.pickedPath = "C:\\Music\\calm.ogg";
    await user.click(screen.getByRole("button", { name: "Import a track" }));
    const form = await screen.findByRole("form", { name: "Import “calm.ogg”" });
    expect(within(form).getByRole("textbox", { name: "Title" })).toHaveValue("calm");
    await user.click(within(form).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("form", { name: /^Import/ })).not.toBeInTheDocument();
    expect(importTrack).not.toHaveBeenCalled();
  });

  it("shows the core's words when a file cannot be imported", async () => {
    const { backend } = withAna();
    backend.tracks.pickedPath = "/home/ana/notes.txt";
    const { user } = await openTracks(backend);

    await user.click(screen.getByRole("button", { name: "Import a track" }));
    const form = await screen.findByRole("form", { name: "Import “notes.txt”" });
    await user.click(within(form).getByRole("button", { name: "Import" }));
    expect(await within(form).findByRole("alert")).toHaveTextContent(
      "Wbot can't play “.txt” files; choose an audio file in one of these formats: mp3, ogg, wav, or flac.",
    );

    backend.tracks.pickedPath = "/home/ana/missing.wav";
    await user.click(screen.getByRole("button", { name: "Import a track" }));
    const again = await screen.findByRole("form", { name: "Import “missing.wav”" });
    expect(within(again).queryByRole("alert")).not.toBeInTheDocument();
    await user.click(within(again).getByRole("button", { name: "Import" }));
    expect(await within(again).findByRole("alert")).toHaveTextContent(
      "The audio file could not be found; it may have been moved or deleted.",
    );
    expect(backend.tracks.tracks).toEqual([]);
  });

  it("filters the library by type, length and favourites", async () => {
    const { backend, ana } = withAna();
    backend.tracks.seed(ana.id, {
      title: "Long kindness",
      kind: "loving_kindness",
      durationMs: 20 * MINUTE,
    });
    backend.tracks.seed(ana.id, { title: "Sleep well", kind: "sleep", durationMs: 10 * MINUTE });
    backend.tracks.seed(ana.id, {
      title: "Quick scan",
      kind: "body_scan",
      durationMs: 5 * MINUTE,
      favourite: true,
    });
    const { user } = await openTracks(backend);
    const list = await screen.findByRole("list", { name: "Guided tracks" });
    const titles = () =>
      within(screen.getByRole("list", { name: "Guided tracks" }))
        .getAllByRole("listitem")
        .map((item) => item.querySelector("span")?.textContent);
    expect(titles()).toEqual(["Quick scan", "Sleep well", "Long kindness"]);
    expect(list).toBeInTheDocument();

    const kind = screen.getByRole("combobox", { name: "Filter by type" });
    const length = screen.getByRole("combobox", { name: "Filter by length" });
    await user.selectOptions(kind, "Sleep");
    expect(titles()).toEqual(["Sleep well"]);
    await user.selectOptions(length, "Long (over 15 min)");
    expect(screen.getByText("No track matches these filters.")).toBeInTheDocument();
    await user.selectOptions(kind, "All types");
    expect(titles()).toEqual(["Long kindness"]);
    await user.selectOptions(length, "Short (up to 5 min)");
    expect(titles()).toEqual(["Quick scan"]);
    await user.selectOptions(length, "Medium (5–15 min)");
    expect(titles()).toEqual(["Sleep well"]);
    await user.selectOptions(length, "All lengths");
    await user.click(screen.getByRole("checkbox", { name: "Favourites" }));
    expect(titles()).toEqual(["Quick scan"]);
    await user.click(screen.getByRole("checkbox", { name: "Favourites" }));
    expect(titles()).toHaveLength(3);
  });

  it("marks and unmarks a favourite", async () => {
    const { backend, ana } = withAna();
    const track = backend.tracks.seed(ana.id, { title: "Breath" });
    const { user } = await openTracks(backend);
    const star = await screen.findByRole("button", { name: "Favourite Breath" });
    expect(star).toHaveAttribute("aria-pressed", "false");

    await user.click(star);
    await waitFor(() => {
      expect(star).toHaveAttribute("aria-pressed", "true");
    });
    expect(backend.tracks.tracks.find((t) => t.id === track.id)?.favourite).toBe(true);
    await user.click(star);
    await waitFor(() => {
      expect(star).toHaveAttribute("aria-pressed", "false");
    });
  });

  it("plays a track with a bed, pauses, seeks, resumes and stops where it was", async () => {
    const { backend, ana } = withAna();
    const track = backend.tracks.seed(ana.id, { title: "Morning", durationMs: 2 * MINUTE });
    const play = vi.spyOn(backend, "playTrack");
    const seek = vi.spyOn(backend, "seekTrack");
    const volume = vi.spyOn(backend, "setTrackVolume");
    const { user } = await openTracks(backend);

    const bed = await screen.findByRole("combobox", { name: "Background sound" });
    expect(bed).toHaveValue("");
    await user.selectOptions(bed, "Rain");
    await user.click(screen.getByRole("button", { name: "Play Morning" }));

    const player = await screen.findByRole("region", { name: "Now playing" });
    expect(play).toHaveBeenLastCalledWith(ana.id, track.id, null, "rain");
    expect(within(player).getByText("Morning")).toBeInTheDocument();
    expect(within(player).getByText("0:00 / 2:00")).toBeInTheDocument();
    expect(within(player).getByRole("combobox", { name: "Background sound" })).toHaveValue("rain");
    const slider = within(player).getByRole("slider", { name: "Position" });
    expect(slider).toHaveAttribute("min", "0");
    expect(slider).toHaveAttribute("max", "120000");
    expect(slider).toHaveAttribute("step", "1000");

    await user.click(within(player).getByRole("button", { name: "Pause" }));
    expect(await within(player).findByRole("button", { name: "Resume" })).toBeInTheDocument();
    expect(within(player).getByRole("status")).toHaveTextContent("Paused");
    expect(backend.tracks.player).toMatchObject({ playing: false });

    // An arrow key on the slider: the browser moves it a step and commits it.
    slider.focus();
    slide(slider, 1000);
    await waitFor(() => {
      expect(seek).toHaveBeenLastCalledWith(ana.id, 1000);
    });
    slide(slider, 31_000);
    await waitFor(() => {
      expect(seek).toHaveBeenLastCalledWith(ana.id, 31_000);
    });
    expect(await within(player).findByText("0:31 / 2:00")).toBeInTheDocument();
    expect(slider).toHaveValue("31000");

    const trackVolume = within(player).getByRole("slider", { name: "Track volume" });
    expect(trackVolume).toHaveValue("100");
    slide(trackVolume, 40);
    await waitFor(() => {
      expect(volume).toHaveBeenLastCalledWith(40);
    });
    expect(backend.tracks.volume).toBe(40);

    await user.click(within(player).getByRole("button", { name: "Resume" }));
    expect(await within(player).findByRole("button", { name: "Pause" })).toBeInTheDocument();
    expect(play).toHaveBeenLastCalledWith(ana.id, track.id, null, "rain");
    expect(backend.tracks.player).toMatchObject({ playing: true, positionMs: 31_000 });

    backend.tracks.advance(4_000);
    await user.click(within(player).getByRole("button", { name: "Stop" }));
    await waitFor(() => {
      expect(screen.queryByRole("region", { name: "Now playing" })).not.toBeInTheDocument();
    });
    const item = within(screen.getByRole("list", { name: "Guided tracks" })).getByRole("listitem");
    expect(await within(item).findByText("Continue from 0:35")).toBeInTheDocument();
    expect(backend.tracks.player).toBeNull();

    await user.click(within(item).getByRole("button", { name: "Play Morning" }));
    const again = await screen.findByRole("region", { name: "Now playing" });
    expect(within(again).getByText("0:35 / 2:00")).toBeInTheDocument();
  });

  it("follows a playing track and shows when it has finished", async () => {
    const { backend, ana } = withAna({ ambientOn: true, ambientSound: "forest" });
    const track = backend.tracks.seed(ana.id, { title: "Short", durationMs: MINUTE });
    const play = vi.spyOn(backend, "playTrack");
    const { user } = await openTracks(backend);

    expect(await screen.findByRole("combobox", { name: "Background sound" })).toHaveValue("forest");
    await user.click(screen.getByRole("button", { name: "Play Short" }));
    const player = await screen.findByRole("region", { name: "Now playing" });
    expect(play).toHaveBeenLastCalledWith(ana.id, track.id, null, "forest");

    backend.tracks.advance(20_000);
    expect(
      await within(player).findByText("0:20 / 1:00", {}, { timeout: 2000 }),
    ).toBeInTheDocument();
    backend.tracks.advance(MINUTE);
    expect(await within(player).findByText("Finished", {}, { timeout: 2000 })).toBeInTheDocument();
    expect(within(player).queryByRole("button", { name: "Pause" })).not.toBeInTheDocument();
    await user.click(within(player).getByRole("button", { name: "Play again" }));
    expect(play).toHaveBeenLastCalledWith(ana.id, track.id, 0, "forest");
  });

  it("shows a refused seek in the player and puts the slider back", async () => {
    const { backend, ana } = withAna();
    backend.tracks.seed(ana.id, { title: "Evening", durationMs: 2 * MINUTE });
    const { user } = await openTracks(backend);
    await user.click(await screen.findByRole("button", { name: "Play Evening" }));
    const player = await screen.findByRole("region", { name: "Now playing" });
    await user.click(within(player).getByRole("button", { name: "Pause" }));
    await within(player).findByRole("button", { name: "Resume" });

    backend.failNext(
      "seekTrack",
      new BackendError("conflict", "nothing_playing", { subject: "guided_track" }),
    );
    const slider = within(player).getByRole("slider", { name: "Position" });
    slide(slider, 60_000);
    expect(await within(player).findByRole("alert")).toHaveTextContent(
      "No track is playing right now.",
    );
    await waitFor(() => {
      expect(slider).toHaveValue("0");
    });
    expect(within(player).getByText("0:00 / 2:00")).toBeInTheDocument();
  });

  it("deletes a track after confirmation", async () => {
    const { backend, ana } = withAna();
    backend.tracks.seed(ana.id, { title: "Old talk" });
    const { user } = await openTracks(backend);

    await user.click(await screen.findByRole("button", { name: "Delete Old talk" }));
    const confirm = screen.getByRole("dialog", { name: "Delete this track?" });
    await user.click(within(confirm).getByRole("button", { name: "Cancel" }));
    expect(backend.tracks.tracks).toHaveLength(1);

    await user.click(screen.getByRole("button", { name: "Delete Old talk" }));
    await user.click(
      within(screen.getByRole("dialog", { name: "Delete this track?" })).getByRole("button", {
        name: "Delete",
      }),
    );
    expect(
      await screen.findByText(
        "No guided tracks yet. Import an audio file (mp3, ogg, wav or flac) to listen to it here.",
      ),
    ).toBeInTheDocument();
    expect(backend.tracks.tracks).toEqual([]);
  });

  it("is in Spanish for a Spanish profile, importing in Spanish by default", async () => {
    const { backend, ana } = withAna({ locale: "es" });
    backend.tracks.seed(ana.id, { title: "Respira", kind: "breathing_focus", positionMs: 65_000 });
    backend.tracks.pickedPath = "/música/Noche.flac";
    const { user } = await openTracks(backend, "Meditación", "Meditaciones guiadas");

    const list = await screen.findByRole("list", { name: "Meditaciones guiadas" });
    const item = within(list).getByRole("listitem");
    expect(item).toHaveTextContent("Atención a la respiración · 1:00 · Inglés");
    expect(item).toHaveTextContent("Continuar desde 1:05");
    expect(within(item).getByRole("button", { name: "Reproducir Respira" })).toBeInTheDocument();
    expect(screen.getByRole("checkbox", { name: "Favoritas" })).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Importar una pista" }));
    const form = await screen.findByRole("form", { name: "Importar «Noche.flac»" });
    expect(within(form).getByRole("textbox", { name: "Título" })).toHaveValue("Noche");
    expect(within(form).getByRole("combobox", { name: "Idioma" })).toHaveValue("es");
    expect(within(form).getByRole("combobox", { name: "Tipo" })).toBeInTheDocument();
    await user.click(within(form).getByRole("button", { name: "Importar" }));
    expect(await screen.findByText("«Noche» se importó.")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Reproducir Noche" }));
    const player = await screen.findByRole("region", { name: "Reproduciendo" });
    await user.click(within(player).getByRole("button", { name: "Pausa" }));
    expect(await within(player).findByRole("button", { name: "Reanudar" })).toBeInTheDocument();
    expect(within(player).getByRole("button", { name: "Detener" })).toBeInTheDocument();
    expect(within(player).getByRole("slider", { name: "Posición" })).toBeInTheDocument();
  });
});
