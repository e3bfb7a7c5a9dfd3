import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { BackendError } from "../../../../lib/backend";
import { FakeBackend } from "../../../../test/fakeBackend";
import { openSettings, waitForSaved } from "../../../../test/settings";

const READY = "Spoken cues are ready.";

/** Closes the app and opens it again on the same backend: only what was saved comes back. */
async function reopen(backend: FakeBackend, unmount: () => void) {
  unmount();
  return openSettings(backend, "Sound");
}

describe("Sound settings", () => {
  it("saves a volume when the slider is let go, not while it moves", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana", { cueVolume: 70 });
    const update = vi.spyOn(backend, "updateSettings");
    const { unmount } = await openSettings(backend, "Sound");

    const cue = screen.getByRole("slider", { name: "Cue volume" });
    expect(cue).toHaveValue("70");
    expect(cue).toHaveAttribute("aria-valuetext", "70%");
    expect(cue).toHaveAccessibleDescription("Breathing cues and bells.");

    fireEvent.input(cue, { target: { value: "50" } });
    fireEvent.input(cue, { target: { value: "35" } });
    expect(cue).toHaveAttribute("aria-valuetext", "35%");
    expect(screen.getByText("35%")).toBeInTheDocument();
    expect(update).not.toHaveBeenCalled();

    fireEvent.change(cue, { target: { value: "35" } });
    await waitForSaved(backend, ana.id, { cueVolume: 35 });
    expect(update).toHaveBeenCalledTimes(1);
    expect(update.mock.calls[0]?.[1]).toMatchObject({ cueVolume: 35, ambientVolume: 50 });

    await reopen(backend, unmount);
    expect(screen.getByRole("slider", { name: "Cue volume" })).toHaveValue("35");
  });

  it("switches the ambient sound on, picks a bed and its volume, and keeps them", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana");
    const { user, unmount } = await openSettings(backend, "Sound");

    const ambient = screen.getByRole("switch", { name: "Play an ambient sound" });
    expect(ambient).toHaveAttribute("aria-checked", "false");
    await user.click(ambient);
    await waitForSaved(backend, ana.id, { ambientOn: true });
    expect(ambient).toHaveAttribute("aria-checked", "true");

    const picker = screen.getByRole("group", { name: "Ambient sound" });
    expect(screen.getByRole("radio", { name: "Ocean waves" })).toBeChecked();
    expect(
      within(picker)
        .getAllByRole("radio")
        .map((radio) => radio.getAttribute("value")),
    ).toEqual(["ocean", "rain", "forest", "white", "pink", "brown"]);
    expect(picker).toHaveTextContent("Pink noise — soft and even");
    await user.click(
      screen.getByRole("radio", { name: "Forest — wind in the leaves and distant birds" }),
    );
    await waitForSaved(backend, ana.id, { ambientSound: "forest" });
    await user.click(screen.getByRole("radio", { name: "Brown noise — deep and low" }));
    await waitForSaved(backend, ana.id, { ambientSound: "brown" });

    const volume = screen.getByRole("slider", { name: "Ambient volume" });
    fireEvent.input(volume, { target: { value: "20" } });
    fireEvent.change(volume, { target: { value: "20" } });
    await waitForSaved(backend, ana.id, { ambientVolume: 20 });

    await user.click(screen.getByRole("switch", { name: "Mute all session sounds" }));
    await waitForSaved(backend, ana.id, { muted: true });
    // Each save kept the others.
    expect(backend.profiles.get(ana.id)?.settings).toMatchObject({
      ambientOn: true,
      ambientSound: "brown",
      cueVolume: 70,
    });

    await reopen(backend, unmount);
    expect(screen.getByRole("switch", { name: "Play an ambient sound" })).toHaveAttribute(
      "aria-checked",
      "true",
    );
    expect(screen.getByRole("switch", { name: "Mute all session sounds" })).toHaveAttribute(
      "aria-checked",
      "true",
    );
    expect(screen.getByRole("radio", { name: "Brown noise — deep and low" })).toBeChecked();
    expect(screen.getByRole("slider", { name: "Ambient volume" })).toHaveValue("20");
  });

  it("shows a failed save and goes back to the saved volume", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana", { cueVolume: 70 });
    await openSettings(backend, "Sound");
    backend.failNext("updateSettings", new BackendError("unavailable", "database_busy"));

    const cue = screen.getByRole("slider", { name: "Cue volume" });
    fireEvent.input(cue, { target: { value: "10" } });
    fireEvent.change(cue, { target: { value: "10" } });

    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The database is busy; please try again.",
    );
    expect(cue).toHaveValue("70");
    expect(backend.profiles.get(ana.id)?.settings.cueVolume).toBe(70);
  });

  it("shows each breathing sound's volume only while it is on, and saves them", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana");
    const prepare = vi.spyOn(backend, "prepareVoiceCues");
    const { user, unmount } = await openSettings(backend, "Sound");

    const breath = screen.getByRole("switch", { name: "Breath sounds" });
    expect(breath).toHaveAttribute("aria-checked", "false");
    expect(breath).toHaveAccessibleDescription(
      "Soft inhale and exhale sounds, shaped to each phase's length, in paced breathing (not Wim Hof's fast breaths). Applies from your next breathing session.",
    );
    expect(screen.getByRole("switch", { name: "Spoken cues" })).toHaveAttribute(
      "aria-checked",
      "false",
    );
    expect(screen.queryByRole("slider", { name: "Breath sound volume" })).toBeNull();
    expect(screen.queryByRole("slider", { name: "Spoken cue volume" })).toBeNull();

    await user.click(breath);
    await waitForSaved(backend, ana.id, { breathSoundsOn: true });
    const breathVolume = await screen.findByRole("slider", { name: "Breath sound volume" });
    expect(breathVolume).toHaveValue("50");
    fireEvent.input(breathVolume, { target: { value: "25" } });
    fireEvent.change(breathVolume, { target: { value: "25" } });
    await waitForSaved(backend, ana.id, { breathVolume: 25 });
    // Breath sounds need no voice.
    expect(prepare).not.toHaveBeenCalled();

    await user.click(screen.getByRole("switch", { name: "Spoken cues" }));
    await waitForSaved(backend, ana.id, { voiceCuesOn: true });
    const voiceVolume = await screen.findByRole("slider", { name: "Spoken cue volume" });
    expect(voiceVolume).toHaveValue("80");
    fireEvent.input(voiceVolume, { target: { value: "60" } });
    fireEvent.change(voiceVolume, { target: { value: "60" } });
    await waitForSaved(backend, ana.id, { voiceCueVolume: 60 });
    // Each save kept the others.
    expect(backend.profiles.get(ana.id)?.settings).toMatchObject({
      cueVolume: 70,
      ambientVolume: 50,
      voiceCuesOn: true,
      voiceCueVolume: 60,
      breathSoundsOn: true,
      breathVolume: 25,
    });

    await user.click(breath);
    await waitForSaved(backend, ana.id, { breathSoundsOn: false });
    await waitFor(() => {
      expect(screen.queryByRole("slider", { name: "Breath sound volume" })).toBeNull();
    });

    await reopen(backend, unmount);
    expect(screen.getByRole("switch", { name: "Spoken cues" })).toHaveAttribute(
      "aria-checked",
      "true",
    );
    expect(screen.getByRole("switch", { name: "Breath sounds" })).toHaveAttribute(
      "aria-checked",
      "false",
    );
    expect(screen.getByRole("slider", { name: "Spoken cue volume" })).toHaveValue("60");
    expect(screen.queryByRole("slider", { name: "Breath sound volume" })).toBeNull();
  });

  it("prepares the spoken cues when they are turned on, with their progress, then says they are ready", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana");
    const prepare = vi.spyOn(backend, "prepareVoiceCues");
    const notices: string[] = [];
    backend.onCoreNotice((notice) => {
      if (notice.kind === "progress") notices.push(notice.job);
    });
    const { user } = await openSettings(backend, "Sound");

    const cues = screen.getByRole("switch", { name: "Spoken cues" });
    expect(cues).toHaveAccessibleDescription(
      "A voice on this device also says each phase: “Breathe in.”, “Hold.”, “Breathe out.”, and the Wim Hof round prompts. The voice speaks English for now. If it can't speak, sessions play their chimes alone. Applies from your next breathing session.",
    );
    const release = backend.tracks.hold();
    await user.click(cues);
    await waitForSaved(backend, ana.id, { voiceCuesOn: true });
    const bar = await screen.findByRole("progressbar", { name: "Preparing the spoken cues…" });
    await waitFor(() => {
      expect(bar).toHaveAttribute("aria-valuenow", "1");
    });
    expect(bar).toHaveAttribute("aria-valuemax", "7");
    expect(bar).toHaveAttribute("aria-valuetext", "1 of 7 cues");
    expect(screen.queryByText(READY)).toBeNull();
    release();

    expect(await screen.findByText(READY)).toHaveAttribute("role", "status");
    expect(screen.queryByRole("progressbar")).toBeNull();
    expect(prepare).toHaveBeenCalledTimes(1);
    expect(prepare).toHaveBeenCalledWith(ana.id);
    expect(notices.filter((job) => job === "breathing.voice_cues")).toHaveLength(7);
    expect(cues).toHaveAttribute("aria-checked", "true");

    // Turning them off only turns them off.
    await user.click(cues);
    await waitForSaved(backend, ana.id, { voiceCuesOn: false });
    await waitFor(() => {
      expect(screen.queryByText(READY)).toBeNull();
    });
    expect(prepare).toHaveBeenCalledTimes(1);

    // Spoken once for the app: on again, they are ready at once.
    await user.click(cues);
    await waitForSaved(backend, ana.id, { voiceCuesOn: true });
    expect(await screen.findByText(READY)).toHaveAttribute("role", "status");
    expect(prepare).toHaveBeenCalledTimes(2);
    expect(notices.filter((job) => job === "breathing.voice_cues")).toHaveLength(7);
  });

  it("says why the voice cannot speak the cues, and keeps them on", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana");
    backend.tracks.voiceProblem = "phonemizer_missing";
    const { user } = await openSettings(backend, "Sound");

    const cues = screen.getByRole("switch", { name: "Spoken cues" });
    await user.click(cues);
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The voice can't speak on this device: its pronunciation helper (espeak-ng) is missing or failed.",
    );
    expect(screen.queryByText(READY)).toBeNull();
    expect(screen.queryByRole("progressbar")).toBeNull();
    expect(cues).toHaveAttribute("aria-checked", "true");
    expect(backend.profiles.get(ana.id)?.settings.voiceCuesOn).toBe(true);
    expect(screen.getByRole("slider", { name: "Spoken cue volume" })).toBeInTheDocument();

    // Once the voice can speak, turning them off and on again prepares them.
    backend.tracks.voiceProblem = null;
    await user.click(cues);
    await waitForSaved(backend, ana.id, { voiceCuesOn: false });
    await waitFor(() => {
      expect(screen.queryByRole("alert")).toBeNull();
    });
    await user.click(cues);
    expect(await screen.findByText(READY)).toHaveAttribute("role", "status");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("shows a refused breath volume and keeps the saved one", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana", { breathSoundsOn: true, breathVolume: 40 });
    await openSettings(backend, "Sound");
    backend.failNext(
      "updateSettings",
      new BackendError("validation", "out_of_range", {
        subject: "breath_volume",
        min: 0,
        max: 100,
        actual: 101,
      }),
    );

    const volume = screen.getByRole("slider", { name: "Breath sound volume" });
    fireEvent.input(volume, { target: { value: "90" } });
    fireEvent.change(volume, { target: { value: "90" } });

    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The breath sound volume must be between 0 and 100; it was 101.",
    );
    expect(volume).toHaveValue("40");
    expect(backend.profiles.get(ana.id)?.settings.breathVolume).toBe(40);
  });

  it("is in Spanish for a Spanish profile", async () => {
    const backend = new FakeBackend();
    backend.seedProfile("Ana", { locale: "es", ambientSound: "pink" });
    await openSettings(backend, "Sonido");

    expect(screen.getByRole("slider", { name: "Volumen de las señales" })).toHaveAttribute(
      "aria-valuetext",
      "70 %",
    );
    expect(screen.getByRole("slider", { name: "Volumen ambiental" })).toBeInTheDocument();
    expect(
      screen.getByRole("switch", { name: "Reproducir un sonido ambiental" }),
    ).toBeInTheDocument();
    expect(screen.getByRole("group", { name: "Sonido ambiental" })).toBeInTheDocument();
    expect(
      screen.getByRole("switch", { name: "Indicaciones habladas" }),
    ).toHaveAccessibleDescription(
      /^Una voz en este dispositivo dice también cada fase: .*Por ahora la voz habla inglés\./,
    );
    expect(
      screen.getByRole("switch", { name: "Sonidos de respiración" }),
    ).toHaveAccessibleDescription(/^Sonidos suaves de inhalación y exhalación/);
    expect(screen.getByRole("radio", { name: "Ruido rosa — suave y uniforme" })).toBeChecked();
    for (const name of [
      "Olas del mar",
      "Lluvia — un repiqueteo constante",
      "Bosque — viento entre las hojas y pájaros a lo lejos",
      "Ruido blanco — brillante y uniforme",
      "Ruido marrón — grave y profundo",
    ]) {
      expect(screen.getByRole("radio", { name })).not.toBeChecked();
    }
  });

  it("prepares the spoken cues in Spanish words, with their volumes", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana", { locale: "es", breathSoundsOn: true });
    const { user } = await openSettings(backend, "Sonido");

    expect(
      screen.getByRole("slider", { name: "Volumen de los sonidos de respiración" }),
    ).toHaveAttribute("aria-valuetext", "50 %");
    const release = backend.tracks.hold();
    await user.click(screen.getByRole("switch", { name: "Indicaciones habladas" }));
    const bar = await screen.findByRole("progressbar", {
      name: "Preparando las indicaciones habladas…",
    });
    await waitFor(() => {
      expect(bar).toHaveAttribute("aria-valuetext", "1 de 7 indicaciones");
    });
    release();
    expect(await screen.findByText("Las indicaciones habladas están listas.")).toHaveAttribute(
      "role",
      "status",
    );
    expect(
      screen.getByRole("slider", { name: "Volumen de las indicaciones habladas" }),
    ).toHaveAttribute("aria-valuetext", "80 %");
    expect(backend.profiles.get(ana.id)?.settings.voiceCuesOn).toBe(true);

    backend.tracks.cuesSpoken = false;
    backend.tracks.voiceProblem = "model_missing";
    await user.click(screen.getByRole("switch", { name: "Indicaciones habladas" }));
    await waitForSaved(backend, ana.id, { voiceCuesOn: false });
    await user.click(screen.getByRole("switch", { name: "Indicaciones habladas" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "La voz no puede hablar en este dispositivo: sus archivos faltan o están dañados.",
    );
  });
});
