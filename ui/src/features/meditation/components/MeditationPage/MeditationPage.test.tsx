import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { BackendError, type Settings, type TimerEvent } from "../../../../lib/backend";
import { FakeBackend } from "../../../../test/fakeBackend";
import { bellsOf } from "../../../../test/fakeMeditation";
import { renderApp } from "../../../../test/renderApp";
import { waitForSaved } from "../../../../test/settings";

function withAna(settings: Partial<Settings> = {}) {
  const backend = new FakeBackend();
  const ana = backend.seedProfile("Ana", settings);
  return { backend, ana };
}

/** Opens the Meditation section from the sidebar (in English unless `name` says otherwise). */
async function openMeditation(backend: FakeBackend, name = "Meditation") {
  const rendered = renderApp(backend);
  const nav = await screen.findByRole("navigation", { name: /Discover|Descubrir/ });
  await rendered.user.click(within(nav).getByRole("button", { name }));
  await screen.findByRole("heading", { level: 1, name });
  return rendered;
}

function emit(backend: FakeBackend, ...events: TimerEvent[]) {
  act(() => {
    for (const event of events) backend.meditation.emit(event);
  });
}

describe("MeditationPage", () => {
  it("sets up a timer, runs it, saves it with the moods and lists it in the history", async () => {
    const { backend, ana } = withAna();
    const { user } = await openMeditation(backend);
    expect(
      await screen.findByText("No meditations yet. The sessions you save will appear here."),
    ).toBeInTheDocument();
    expect(screen.getByRole("radio", { name: "10 min" })).toBeChecked();

    await user.click(screen.getByRole("radio", { name: "20 min" }));
    await user.selectOptions(
      screen.getByRole("combobox", { name: "Interval bells" }),
      "Every 5 minutes",
    );
    await user.selectOptions(screen.getByRole("combobox", { name: "Ambient sound" }), "Forest");
    await user.selectOptions(
      screen.getByRole("combobox", { name: "Binaural beats" }),
      "Theta (6 Hz) — meditation",
    );
    await user.click(screen.getByRole("button", { name: "3 — Okay" }));
    await user.click(screen.getByRole("button", { name: "Begin" }));

    const dialog = await screen.findByRole("dialog", { name: "Silent meditation" });
    const run = backend.meditation.run;
    expect(run.profileId).toBe(ana.id);
    expect(run.config).toEqual({
      plannedMs: 1_200_000,
      intervalMs: 300_000,
      ambient: "forest",
      binaural: "theta",
    });
    expect(run.moodBefore).toBe(3);
    expect(bellsOf(run.config).map((b) => [b.kind, b.atMs])).toEqual([
      ["start", 0],
      ["interval", 300_000],
      ["interval", 600_000],
      ["interval", 900_000],
      ["end", 1_200_000],
    ]);

    const timer = within(dialog).getByRole("timer", { name: "Time left" });
    expect(timer).toHaveTextContent("20:00");
    emit(
      backend,
      { kind: "bell", bell: { kind: "start", atMs: 0 } },
      { kind: "tick", elapsedMs: 100, remainingMs: 1_199_900 },
    );
    expect(timer).toHaveTextContent("20:00");
    emit(backend, { kind: "tick", elapsedMs: 299_000, remainingMs: 901_000 });
    expect(timer).toHaveTextContent("15:01");

    await user.click(within(dialog).getByRole("button", { name: "Pause" }));
    expect(within(dialog).getByText("Paused")).toBeInTheDocument();
    expect(within(dialog).getByRole("progressbar")).toHaveAttribute("data-paused", "true");
    await user.click(within(dialog).getByRole("button", { name: "Resume" }));
    expect(within(dialog).getByRole("button", { name: "Pause" })).toBeInTheDocument();
    expect(run.calls).toEqual(["pause", "resume"]);

    emit(
      backend,
      { kind: "bell", bell: { kind: "interval", atMs: 300_000 } },
      { kind: "tick", elapsedMs: 300_100, remainingMs: 899_900 },
    );
    expect(within(dialog).getByText("A bell at 5:00")).toBeInTheDocument();
    expect(timer).toHaveTextContent("15:00");

    emit(
      backend,
      { kind: "bell", bell: { kind: "end", atMs: 1_200_000 } },
      { kind: "completed", durationMs: 1_200_000 },
    );
    expect(within(dialog).getByRole("heading", { name: "Well done" })).toBeInTheDocument();
    expect(within(dialog).getByText("You meditated for 20 of 20 minutes.")).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "5 — Great" }));
    await user.click(within(dialog).getByRole("button", { name: "Save" }));

    await waitFor(() => {
      expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    });
    expect(screen.getByRole("status")).toHaveTextContent("Session saved");
    expect(backend.meditationSessions[0]).toMatchObject({
      plannedMs: 1_200_000,
      intervalMs: 300_000,
      ambient: "forest",
      binaural: "theta",
      durationMs: 1_200_000,
      completed: true,
      moodBefore: 3,
      moodAfter: 5,
    });
    // Back at the set-up, with the session in the history.
    expect(screen.getByRole("button", { name: "Begin" })).toBeEnabled();
    const history = await screen.findByRole("list", { name: "History" });
    const [item] = within(history).getAllByRole("listitem");
    expect(item).toHaveTextContent("20 of 20 min");
    expect(item).toHaveTextContent("Completed");
    expect(item).toHaveTextContent("Forest · Theta beats (6 Hz) · A bell every 5 min");
    expect(item).toHaveTextContent("Mood 3 → 5");
  });

  it("lists sessions newest first, ended early ones as such", async () => {
    const { backend, ana } = withAna();
    backend.meditation.seed(ana.id, {
      startedAt: "2025-03-01T12:00:00Z",
      plannedMs: 600_000,
      durationMs: 600_000,
    });
    backend.meditation.seed(ana.id, {
      startedAt: "2025-03-02T12:00:00Z",
      plannedMs: 600_000,
      durationMs: 90_000,
      completed: false,
      ambient: "rain",
      intervalMs: 60_000,
      moodAfter: 4,
    });
    await openMeditation(backend);

    const history = await screen.findByRole("list", { name: "History" });
    const items = within(history).getAllByRole("listitem");
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent("Mar 2, 2025");
    expect(items[0]).toHaveTextContent("1.5 of 10 min");
    expect(items[0]).toHaveTextContent("Ended early");
    expect(items[0]).toHaveTextContent("Rain · A bell every minute");
    expect(items[0]).toHaveTextContent("Mood – → 4");
    expect(items[1]).toHaveTextContent("Mar 1, 2025");
    expect(items[1]).toHaveTextContent("10 of 10 min");
    expect(items[1]).toHaveTextContent("Silence · No interval bells");
    expect(items[1]).not.toHaveTextContent("Mood");
  });

  it("shows the history a page at a time, the next one with Show more", async () => {
    const { backend, ana } = withAna();
    for (let day = 1; day <= 25; day++) {
      backend.meditation.seed(ana.id, {
        startedAt: `2025-03-${String(day).padStart(2, "0")}T12:00:00Z`,
      });
    }
    const { user } = await openMeditation(backend);

    const history = await screen.findByRole("list", { name: "History" });
    const items = within(history).getAllByRole("listitem");
    expect(items).toHaveLength(20);
    expect(items[0]).toHaveTextContent("Mar 25, 2025");
    expect(items[19]).toHaveTextContent("Mar 6, 2025");

    await user.click(screen.getByRole("button", { name: "Show more" }));
    await waitFor(() => {
      expect(within(history).getAllByRole("listitem")).toHaveLength(25);
    });
    expect(within(history).getAllByRole("listitem")[24]).toHaveTextContent("Mar 1, 2025");
    expect(screen.queryByRole("button", { name: "Show more" })).not.toBeInTheDocument();
  });

  it("deletes a session after confirmation, with its moods, and shows an error inline", async () => {
    const { backend, ana } = withAna();
    const older = backend.meditation.seed(ana.id, { startedAt: "2025-03-01T12:00:00Z" });
    const newer = backend.meditation.seed(ana.id, {
      startedAt: "2025-03-02T12:00:00Z",
      moodBefore: 2,
      moodAfter: 4,
    });
    const remove = vi.spyOn(backend, "deleteMeditationSession");
    const { user } = await openMeditation(backend);

    const history = await screen.findByRole("list", { name: "History" });
    expect(within(history).getAllByRole("listitem")).toHaveLength(2);
    const deletes = within(history).getAllByRole("button", { name: /^Delete meditation from/ });
    expect(deletes).toHaveLength(2);
    expect(deletes[0]).toHaveAccessibleName(/^Delete meditation from Mar 2, 2025/);
    expect(deletes[0]).toHaveTextContent("Delete");
    await user.click(deletes[0] as HTMLElement);

    const confirm = screen.getByRole("dialog", { name: "Delete this meditation?" });
    expect(confirm).toHaveAccessibleDescription(
      "It will be removed from your history and progress, with its moods. This can't be undone.",
    );
    backend.failNext("deleteMeditationSession", new BackendError("internal", "internal"));
    await user.click(within(confirm).getByRole("button", { name: "Delete" }));
    expect(await within(confirm).findByRole("alert")).toHaveTextContent(
      "Something went wrong on this device. Please try again.",
    );
    expect(within(history).getAllByRole("listitem")).toHaveLength(2);

    await user.click(within(confirm).getByRole("button", { name: "Delete" }));
    await waitFor(() => {
      expect(within(history).getAllByRole("listitem")).toHaveLength(1);
    });
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(remove).toHaveBeenLastCalledWith(ana.id, newer.id);
    expect(backend.meditationSessions).toEqual([older]);
    expect(await backend.listCheckins(ana.id, { limit: null, offset: 0 })).toEqual([]);
    expect(within(history).getByRole("listitem")).toHaveTextContent("Mar 1, 2025");

    await user.click(within(history).getByRole("button", { name: /^Delete meditation from/ }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Delete" }));
    expect(
      await screen.findByText("No meditations yet. The sessions you save will appear here."),
    ).toBeInTheDocument();
    expect(remove).toHaveBeenCalledTimes(3);
  });

  it("keeps the session when the deletion is cancelled", async () => {
    const { backend, ana } = withAna();
    const session = backend.meditation.seed(ana.id);
    const remove = vi.spyOn(backend, "deleteMeditationSession");
    const { user } = await openMeditation(backend);

    const history = await screen.findByRole("list", { name: "History" });
    await user.click(within(history).getByRole("button", { name: /^Delete meditation from/ }));
    const confirm = screen.getByRole("dialog", { name: "Delete this meditation?" });
    await user.click(within(confirm).getByRole("button", { name: "Cancel" }));

    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(within(history).getAllByRole("listitem")).toHaveLength(1);
    expect(remove).not.toHaveBeenCalled();
    expect(backend.meditationSessions).toEqual([session]);
  });

  it("ends early with End now, and the history shows it after Save", async () => {
    const { backend } = withAna();
    const { user } = await openMeditation(backend);
    await user.click(screen.getByRole("radio", { name: "3 min" }));
    await user.click(screen.getByRole("button", { name: "Begin" }));
    const dialog = await screen.findByRole("dialog", { name: "Silent meditation" });
    expect(backend.meditation.run.config).toEqual({
      plannedMs: 180_000,
      intervalMs: null,
      ambient: null,
      binaural: null,
    });

    emit(backend, { kind: "tick", elapsedMs: 45_000, remainingMs: 135_000 });
    await user.click(within(dialog).getByRole("button", { name: "End now" }));
    expect(within(dialog).getByRole("heading", { name: "Ended early" })).toBeInTheDocument();
    expect(within(dialog).getByText("You meditated for 0.8 of 3 minutes.")).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Save" }));

    const history = await screen.findByRole("list", { name: "History" });
    expect(within(history).getByRole("listitem")).toHaveTextContent("0.8 of 3 min");
    expect(within(history).getByRole("listitem")).toHaveTextContent("Ended early");
  });

  it("sends a custom length, and shows the core's error when it is out of range", async () => {
    const { backend } = withAna();
    const { user } = await openMeditation(backend);
    const start = vi.spyOn(backend, "startMeditation");

    await user.click(screen.getByRole("radio", { name: "Custom" }));
    const minutes = screen.getByRole("spinbutton", { name: "Minutes (1–180)" });
    expect(minutes).toHaveValue(10);
    await user.clear(minutes);
    await user.type(minutes, "200");
    await user.click(screen.getByRole("button", { name: "Begin" }));

    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The meditation length (minutes) must be between 1 and 180; it was 200.",
    );
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(backend.meditation.runs).toHaveLength(0);

    await user.clear(minutes);
    await user.type(minutes, "45");
    await user.click(screen.getByRole("button", { name: "Begin" }));
    expect(await screen.findByRole("dialog", { name: "Silent meditation" })).toBeInTheDocument();
    expect(start.mock.calls.map((call) => call[1].config.plannedMs)).toEqual([
      12_000_000, 2_700_000,
    ]);
  });

  it("tells to use headphones only while binaural beats are on", async () => {
    const { backend } = withAna();
    const { user } = await openMeditation(backend);
    const hint = "Use headphones: each ear hears a slightly different tone.";
    const binaural = screen.getByRole("combobox", { name: "Binaural beats" });
    expect(screen.queryByText(hint)).not.toBeInTheDocument();

    await user.selectOptions(binaural, "Alpha (10 Hz) — calm focus");
    expect(screen.getByText(hint)).toBeInTheDocument();
    expect(binaural).toHaveAccessibleDescription(hint);

    await user.selectOptions(binaural, "Off");
    expect(screen.queryByText(hint)).not.toBeInTheDocument();
  });

  it("offers the profile's ambient bed first, with its volume saved at once", async () => {
    const { backend, ana } = withAna({ ambientOn: true, ambientSound: "rain", ambientVolume: 50 });
    const { user } = await openMeditation(backend);
    const ambient = screen.getByRole("combobox", { name: "Ambient sound" });
    expect(ambient).toHaveValue("rain");
    expect(
      within(ambient)
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual(["None", "Ocean", "Rain", "Forest", "White noise", "Pink noise", "Brown noise"]);

    const volume = screen.getByRole("slider", { name: "Ambient volume" });
    expect(volume).toHaveValue("50");
    fireEvent.input(volume, { target: { value: "30" } });
    fireEvent.change(volume, { target: { value: "30" } });
    await waitForSaved(backend, ana.id, { ambientVolume: 30 });

    await user.selectOptions(ambient, "None");
    expect(screen.queryByRole("slider", { name: "Ambient volume" })).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Begin" }));
    await screen.findByRole("dialog", { name: "Silent meditation" });
    expect(backend.meditation.run.config.ambient).toBeNull();
  });

  it("is in Spanish for a Spanish profile", async () => {
    const { backend } = withAna({ locale: "es" });
    const { user } = await openMeditation(backend, "Meditación");

    expect(screen.getByRole("group", { name: "Duración" })).toBeInTheDocument();
    expect(screen.getByRole("radio", { name: "Personalizada" })).toBeInTheDocument();
    const interval = screen.getByRole("combobox", { name: "Campanas de intervalo" });
    expect(within(interval).getByRole("option", { name: "Cada 5 minutos" })).toBeInTheDocument();
    const ambient = screen.getByRole("combobox", { name: "Sonido ambiental" });
    expect(within(ambient).getByRole("option", { name: "Lluvia" })).toBeInTheDocument();
    await user.selectOptions(
      screen.getByRole("combobox", { name: "Pulsos binaurales" }),
      "Delta (2 Hz): descanso profundo",
    );
    expect(
      screen.getByText("Usa auriculares: cada oído escucha un tono ligeramente distinto."),
    ).toBeInTheDocument();
    expect(
      screen.getByRole("group", { name: "¿Cómo te sientes antes de meditar? (Opcional)" }),
    ).toBeInTheDocument();
    expect(
      await screen.findByText("Aún no hay meditaciones. Las sesiones que guardes aparecerán aquí."),
    ).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Empezar" }));
    const dialog = await screen.findByRole("dialog", { name: "Meditación en silencio" });
    expect(within(dialog).getByRole("button", { name: "Pausa" })).toBeInTheDocument();
    expect(within(dialog).getByRole("button", { name: "Terminar ahora" })).toBeInTheDocument();
    emit(backend, { kind: "tick", elapsedMs: 90_000, remainingMs: 510_000 });
    await user.click(within(dialog).getByRole("button", { name: "Terminar ahora" }));
    expect(
      within(dialog).getByRole("heading", { name: "Terminada antes de tiempo" }),
    ).toBeInTheDocument();
    expect(within(dialog).getByText("Meditaste 1,5 de 10 minutos.")).toBeInTheDocument();
    expect(within(dialog).getByRole("button", { name: "Guardar" })).toBeInTheDocument();
  });

  it("offers the deletion in Spanish for a Spanish profile", async () => {
    const { backend, ana } = withAna({ locale: "es" });
    backend.meditation.seed(ana.id, { startedAt: "2025-03-02T12:00:00Z" });
    const { user } = await openMeditation(backend, "Meditación");

    const history = await screen.findByRole("list", { name: "Historial" });
    const remove = within(history).getByRole("button", {
      name: /^Eliminar la meditación del .*2025/,
    });
    expect(remove).toHaveTextContent("Eliminar");
    await user.click(remove);
    const confirm = screen.getByRole("dialog", { name: "¿Eliminar esta meditación?" });
    expect(confirm).toHaveAccessibleDescription(
      "Se quitará de tu historial y tu progreso, con sus registros de ánimo. No se puede deshacer.",
    );
    expect(within(confirm).getByRole("button", { name: "Eliminar" })).toBeInTheDocument();
    await user.click(within(confirm).getByRole("button", { name: "Cancelar" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(within(history).getAllByRole("listitem")).toHaveLength(1);
  });

  it("offers the next page in Spanish for a Spanish profile", async () => {
    const { backend, ana } = withAna({ locale: "es" });
    for (let i = 0; i < 21; i++) backend.meditation.seed(ana.id);
    const { user } = await openMeditation(backend, "Meditación");

    const history = await screen.findByRole("list", { name: "Historial" });
    expect(within(history).getAllByRole("listitem")).toHaveLength(20);
    await user.click(screen.getByRole("button", { name: "Ver más" }));
    await waitFor(() => {
      expect(within(history).getAllByRole("listitem")).toHaveLength(21);
    });
  });
});
