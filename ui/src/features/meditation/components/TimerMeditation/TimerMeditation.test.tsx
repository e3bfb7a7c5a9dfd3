import { act, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { BackendError, type Settings, type TimerEvent } from "../../../../lib/backend";
import { FakeBackend } from "../../../../test/fakeBackend";
import { renderApp } from "../../../../test/renderApp";

function withAna(settings: Partial<Settings> = {}) {
  const backend = new FakeBackend();
  const ana = backend.seedProfile("Ana", settings);
  return { backend, ana };
}

/** Offers a meditation in the chat and starts it as suggested (5 minutes). */
async function startFromChat(backend: FakeBackend) {
  const rendered = renderApp(backend);
  await screen.findByRole("heading", { name: "Hi, Ana" });
  await rendered.user.type(
    screen.getByRole("textbox", { name: "Message" }),
    "I would like to meditate{Enter}",
  );
  const card = await screen.findByRole("region", { name: "A short meditation" });
  await rendered.user.click(within(card).getByRole("button", { name: "Start" }));
  const dialog = await screen.findByRole("dialog", { name: "Silent meditation" });
  return { ...rendered, card, dialog };
}

/** An event from the core's timer, as the channel delivers it. */
function emit(backend: FakeBackend, ...events: TimerEvent[]) {
  act(() => {
    for (const event of events) backend.meditation.emit(event);
  });
}

describe("TimerMeditation from the chat", () => {
  it("runs the core's timer: counts down from its ticks, pauses, ends early, saves and tells the conversation", async () => {
    const { backend, ana } = withAna();
    const { user, dialog } = await startFromChat(backend);
    expect(backend.chat.decisions[0]?.decision).toEqual({
      kind: "started",
      choice: { kind: "meditation", minutes: 5 },
    });
    // The profile has no ambient bed on: the timer runs in silence.
    expect(backend.meditation.run.config).toEqual({ plannedMs: 300_000, ambient: null });
    expect(backend.meditation.run.moodBefore).toBeNull();
    const timer = within(dialog).getByRole("timer", { name: "Time left" });
    const progress = within(dialog).getByRole("progressbar", { name: "Meditation progress" });
    expect(timer).toHaveTextContent("5:00");

    emit(
      backend,
      { kind: "bell", bell: { kind: "start", atMs: 0 } },
      { kind: "tick", elapsedMs: 61_000, remainingMs: 239_000 },
    );
    expect(timer).toHaveTextContent("3:59");
    expect(progress).toHaveAttribute("aria-valuenow", "61");
    expect(progress).toHaveAttribute("aria-valuetext", "3:59 left");
    expect(within(dialog).getByText("The bell rings. Settle in.")).toBeInTheDocument();

    await user.click(within(dialog).getByRole("button", { name: "Pause" }));
    expect(within(dialog).getByText("Paused")).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Resume" }));
    expect(within(dialog).queryByText("Paused")).not.toBeInTheDocument();
    expect(backend.meditation.run.calls).toEqual(["pause", "resume"]);

    emit(backend, { kind: "tick", elapsedMs: 91_000, remainingMs: 209_000 });
    expect(timer).toHaveTextContent("3:29");
    await user.click(within(dialog).getByRole("button", { name: "End now" }));
    expect(within(dialog).getByRole("heading", { name: "Ended early" })).toBeVisible();
    expect(within(dialog).getByText("You meditated for 1.5 of 5 minutes.")).toBeVisible();
    await user.click(within(dialog).getByRole("button", { name: "4 — Good" }));
    await user.click(within(dialog).getByRole("button", { name: "Save" }));

    expect(await screen.findByText("You chose a 5-minute meditation.")).toBeInTheDocument();
    await vi.waitFor(() => {
      expect(screen.queryByRole("dialog", { name: "Silent meditation" })).not.toBeInTheDocument();
    });
    const [saved] = backend.meditationSessions;
    expect(saved).toMatchObject({
      kind: "silent",
      plannedMs: 300_000,
      intervalMs: null,
      ambient: null,
      binaural: null,
      durationMs: 91_000,
      completed: false,
      moodBefore: null,
      moodAfter: 4,
    });
    expect(backend.meditationOwner.get(saved?.id ?? "")).toBe(ana.id);
    expect(backend.meditation.runs).toHaveLength(0);
    await vi.waitFor(() => {
      expect(backend.chat.summaries).toEqual([
        {
          conversationId: expect.any(String) as string,
          result: { kind: "meditation", sessionId: saved?.id },
        },
      ]);
    });
  });

  it("plays the profile's ambient bed when it has one on", async () => {
    const { backend } = withAna({ ambientOn: true, ambientSound: "rain" });
    await startFromChat(backend);
    expect(backend.meditation.run.config).toEqual({ plannedMs: 300_000, ambient: "rain" });
  });

  it("completes when the core says the time is up", async () => {
    const { backend } = withAna();
    const { user, dialog } = await startFromChat(backend);

    emit(
      backend,
      { kind: "bell", bell: { kind: "end", atMs: 300_000 } },
      { kind: "completed", durationMs: 300_000 },
    );
    expect(within(dialog).getByRole("timer")).toHaveTextContent("0:00");
    expect(within(dialog).getByRole("heading", { name: "Well done" })).toBeVisible();
    expect(within(dialog).getByText("You meditated for 5 of 5 minutes.")).toBeVisible();
    expect(within(dialog).queryByRole("button", { name: "Pause" })).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Save" }));

    await vi.waitFor(() => {
      expect(backend.chat.summaries).toHaveLength(1);
    });
    expect(backend.meditationSessions[0]).toMatchObject({
      durationMs: 300_000,
      completed: true,
      moodAfter: null,
    });
  });

  it("Escape ends the session early", async () => {
    const { backend } = withAna();
    const { user, dialog } = await startFromChat(backend);
    emit(backend, { kind: "tick", elapsedMs: 10_000, remainingMs: 290_000 });

    await user.keyboard("{Escape}");
    expect(await within(dialog).findByRole("heading", { name: "Ended early" })).toBeVisible();
    expect(backend.meditation.run.calls).toEqual(["stop"]);
    expect(backend.meditation.run.ended).toEqual({ completed: false, durationMs: 10_000 });
  });

  it("shows a failed save and keeps the session to try again", async () => {
    const { backend } = withAna();
    const { user, dialog } = await startFromChat(backend);
    emit(backend, { kind: "tick", elapsedMs: 10_000, remainingMs: 290_000 });
    await user.click(within(dialog).getByRole("button", { name: "End now" }));
    backend.failNext("finishMeditation", new BackendError("unavailable", "database_busy"));
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent(
      "The database is busy; please try again.",
    );
    expect(backend.chat.summaries).toHaveLength(0);

    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    await vi.waitFor(() => {
      expect(backend.chat.summaries).toHaveLength(1);
    });
    expect(backend.meditationSessions[0]?.durationMs).toBe(10_000);
  });

  it("shows a timer that could not start, and starts it on Try again", async () => {
    const { backend } = withAna();
    backend.failNext("startMeditation", new BackendError("unavailable", "database_busy"));
    const { user } = renderApp(backend);
    await screen.findByRole("heading", { name: "Hi, Ana" });
    await user.type(
      screen.getByRole("textbox", { name: "Message" }),
      "I would like to meditate{Enter}",
    );
    const card = await screen.findByRole("region", { name: "A short meditation" });
    await user.click(within(card).getByRole("button", { name: "Start" }));

    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The database is busy; please try again.",
    );
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("dialog", { name: "Silent meditation" })).toBeInTheDocument();
    expect(backend.meditation.run.config.plannedMs).toBe(300_000);
  });
});
