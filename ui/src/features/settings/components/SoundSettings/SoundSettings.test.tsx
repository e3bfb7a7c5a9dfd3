import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { BackendError } from "../../../../lib/backend";
import { FakeBackend } from "../../../../test/fakeBackend";
import { openSettings, waitForSaved } from "../../../../test/settings";

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
});
