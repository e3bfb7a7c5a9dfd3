import { act, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { BackendError } from "../../../../lib/backend";
import { FakeBackend } from "../../../../test/fakeBackend";
import { renderApp } from "../../../../test/renderApp";

function withSound() {
  const backend = new FakeBackend();
  const ana = backend.seedProfile("Ana");
  backend.audioStatus = {
    available: true,
    reason: null,
    sampleRate: 48000,
    deviceSampleRate: 48000,
  };
  return { backend, ana };
}

/** Opens Breathing and starts a box session; returns the session dialog. */
async function startBox(backend: FakeBackend, rendered = renderApp(backend)) {
  const { user } = rendered;
  const nav = await screen.findByRole("navigation", { name: "Discover" });
  await user.click(within(nav).getByRole("button", { name: "Breathing" }));
  await user.click(await screen.findByRole("button", { name: "Start" }));
  const dialog = await screen.findByRole("dialog", { name: "Box Breathing session" });
  act(() => {
    backend.emit({
      kind: "phaseChanged",
      phase: "inhale",
      durationMs: 4000,
      targetMs: null,
      cycle: 1,
      round: null,
      breath: null,
      startedAtMs: 0,
    });
  });
  return { ...rendered, dialog };
}

/** Stops the session and saves it, back to the Breathing page. */
async function stopAndSave(rendered: Awaited<ReturnType<typeof startBox>>) {
  const { user, dialog } = rendered;
  await user.click(within(dialog).getByRole("button", { name: "Stop" }));
  await user.click(await within(dialog).findByRole("button", { name: "Save and close" }));
  await waitFor(() => {
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });
}

describe("Breathing sound switches", () => {
  it("a mute set during a session is saved and on again in the next session and after a restart", async () => {
    const { backend, ana } = withSound();
    const session = await startBox(backend);
    const mute = within(session.dialog).getByRole("button", { name: "Mute sounds" });
    expect(mute).toHaveAttribute("aria-pressed", "false");
    await session.user.click(mute);
    await waitFor(() => {
      expect(mute).toHaveAttribute("aria-pressed", "true");
    });
    expect(backend.profiles.get(ana.id)?.settings.muted).toBe(true);
    await stopAndSave(session);

    const next = await startBox(backend, session);
    expect(within(next.dialog).getByRole("button", { name: "Mute sounds" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    session.unmount();

    // The app starts again: a fresh cache reads the saved setting.
    const restarted = await startBox(backend);
    const again = within(restarted.dialog).getByRole("button", { name: "Mute sounds" });
    await waitFor(() => {
      expect(again).toHaveAttribute("aria-pressed", "true");
    });
    await restarted.user.click(again);
    await waitFor(() => {
      expect(again).toHaveAttribute("aria-pressed", "false");
    });
    expect(backend.profiles.get(ana.id)?.settings.muted).toBe(false);
  });

  it("the ambient toggle starts and stops the bed from the keyboard and is remembered", async () => {
    const { backend, ana } = withSound();
    const session = await startBox(backend);
    const ambient = within(session.dialog).getByRole("button", { name: "Ambient sound" });
    expect(ambient).toHaveAttribute("aria-pressed", "false");
    expect(backend.ambientPlaying).toBe(false);

    ambient.focus();
    await session.user.keyboard(" ");
    await waitFor(() => {
      expect(ambient).toHaveAttribute("aria-pressed", "true");
    });
    expect(backend.ambientPlaying).toBe(true);
    expect(backend.profiles.get(ana.id)?.settings.ambientOn).toBe(true);

    await session.user.keyboard("{Enter}");
    await waitFor(() => {
      expect(ambient).toHaveAttribute("aria-pressed", "false");
    });
    expect(backend.ambientPlaying).toBe(false);

    await session.user.click(ambient);
    await waitFor(() => {
      expect(ambient).toHaveAttribute("aria-pressed", "true");
    });
    await stopAndSave(session);
    expect(backend.ambientPlaying).toBe(false);

    // The next session starts with the bed, as the profile left it.
    const next = await startBox(backend, session);
    expect(backend.ambientPlaying).toBe(true);
    expect(within(next.dialog).getByRole("button", { name: "Ambient sound" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
  });

  it("a switch that cannot be saved says so and stays as it was", async () => {
    const { backend, ana } = withSound();
    const session = await startBox(backend);
    backend.failNext("setBreathingAmbient", new BackendError("unavailable", "database_busy"));
    const ambient = within(session.dialog).getByRole("button", { name: "Ambient sound" });
    await session.user.click(ambient);
    expect(await within(session.dialog).findByRole("alert")).toHaveTextContent(
      "The sound setting could not be saved",
    );
    expect(ambient).toHaveAttribute("aria-pressed", "false");
    expect(backend.profiles.get(ana.id)?.settings.ambientOn).toBe(false);
  });

  it("without sound both switches wait and the screen says why", async () => {
    const backend = new FakeBackend();
    backend.seedProfile("Ana");
    const { dialog } = await startBox(backend);
    expect(await within(dialog).findByText("Sound is off: no audio device")).toBeInTheDocument();
    expect(within(dialog).getByRole("button", { name: "Mute sounds" })).toBeDisabled();
    expect(within(dialog).getByRole("button", { name: "Ambient sound" })).toBeDisabled();
  });
});
