import { act, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BackendError } from "../../../../lib/backend";
import { localIsoString } from "../../../../lib/days";
import { FakeBackend } from "../../../../test/fakeBackend";
import { renderApp } from "../../../../test/renderApp";

/**
 * Only the timer's clock is faked (interval, Date, performance): Testing Library and user-event
 * keep their real timeouts, and the countdown moves only when the test moves the clock.
 */
function fakeClock() {
  vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "Date", "performance"] });
}

function advance(ms: number) {
  act(() => {
    vi.advanceTimersByTime(ms);
  });
}

async function startFromChat(backend: FakeBackend) {
  const rendered = renderApp(backend);
  await screen.findByRole("heading", { name: "Hi, Ana" });
  await rendered.user.type(
    screen.getByRole("textbox", { name: "Message" }),
    "I would like to meditate{Enter}",
  );
  const card = await screen.findByRole("region", { name: "A short meditation" });
  fakeClock();
  await rendered.user.click(within(card).getByRole("button", { name: "Start" }));
  const dialog = await screen.findByRole("dialog", { name: "Silent meditation" });
  return { ...rendered, dialog };
}

function withAna() {
  const backend = new FakeBackend();
  const ana = backend.seedProfile("Ana");
  return { backend, ana };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("TimerMeditation", () => {
  it("counts down, holds still while paused, ends early, saves and tells the conversation", async () => {
    const { backend, ana } = withAna();
    const { user, dialog } = await startFromChat(backend);
    const timer = within(dialog).getByRole("timer", { name: "Time left" });
    const progress = within(dialog).getByRole("progressbar", { name: "Meditation progress" });
    expect(backend.chat.decisions[0]?.decision).toEqual({
      kind: "started",
      choice: { kind: "meditation", minutes: 5 },
    });
    expect(timer).toHaveTextContent("05:00");

    advance(61_000);
    expect(timer).toHaveTextContent("03:59");
    expect(progress).toHaveAttribute("aria-valuenow", "61");
    expect(progress).toHaveAttribute("aria-valuetext", "03:59 left");

    await user.click(within(dialog).getByRole("button", { name: "Pause" }));
    expect(within(dialog).getByText("Paused")).toBeInTheDocument();
    advance(120_000);
    expect(timer).toHaveTextContent("03:59");

    await user.click(within(dialog).getByRole("button", { name: "Resume" }));
    advance(30_000);
    expect(timer).toHaveTextContent("03:29");

    await user.click(within(dialog).getByRole("button", { name: "End now" }));
    expect(within(dialog).getByText("You ended the session early. That's fine.")).toBeVisible();
    expect(within(dialog).getByText("You meditated for 01:31.")).toBeVisible();
    await user.click(within(dialog).getByRole("button", { name: "4 — Good" }));
    await user.click(within(dialog).getByRole("button", { name: "Done" }));

    expect(await screen.findByText("You chose a 5-minute meditation.")).toBeInTheDocument();
    expect(screen.queryByRole("dialog", { name: "Silent meditation" })).not.toBeInTheDocument();
    const [saved] = backend.meditationSessions;
    expect(saved).toMatchObject({
      kind: "silent",
      plannedMs: 300_000,
      durationMs: 91_000,
      completed: false,
      moodBefore: null,
      moodAfter: 4,
    });
    // Written in the device's own offset (not UTC "Z"): the core dates the session by it.
    for (const time of [saved?.startedAt ?? "", saved?.endedAt ?? ""]) {
      expect(time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/);
      expect(time).toBe(localIsoString(new Date(Date.parse(time))));
    }
    // Two minutes of pause: the wall clock ran longer than the time meditated.
    expect(Date.parse(saved?.endedAt ?? "") - Date.parse(saved?.startedAt ?? "")).toBe(211_000);
    expect(backend.meditationOwner.get(saved?.id ?? "")).toBe(ana.id);
    expect(backend.chat.summaries).toEqual([
      {
        conversationId: expect.any(String) as string,
        result: { kind: "meditation", sessionId: saved?.id },
      },
    ]);
  });

  it("completes by itself when the time is up", async () => {
    const { backend } = withAna();
    const { user, dialog } = await startFromChat(backend);

    advance(5 * 60_000 + 250);
    expect(within(dialog).getByRole("timer")).toHaveTextContent("00:00");
    expect(within(dialog).getByText("Time's up. Take a moment before you move on.")).toBeVisible();
    expect(within(dialog).queryByRole("button", { name: "Pause" })).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Done" }));

    await vi.waitFor(() => {
      expect(backend.chat.summaries).toHaveLength(1);
    });
    expect(backend.meditationSessions[0]).toMatchObject({
      durationMs: 300_000,
      completed: true,
      moodAfter: null,
    });
  });

  it("shows a failed save and keeps the session to try again", async () => {
    const { backend } = withAna();
    const { user, dialog } = await startFromChat(backend);
    advance(10_000);
    await user.keyboard("{Escape}");
    expect(within(dialog).getByText("You meditated for 00:10.")).toBeVisible();
    backend.failNext("saveMeditationSession", new BackendError("unavailable", "database_busy"));
    await user.click(within(dialog).getByRole("button", { name: "Done" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent(
      "The database is busy; please try again.",
    );
    expect(backend.chat.summaries).toHaveLength(0);

    await user.click(within(dialog).getByRole("button", { name: "Done" }));
    await vi.waitFor(() => {
      expect(backend.chat.summaries).toHaveLength(1);
    });
    expect(backend.meditationSessions[0]?.durationMs).toBe(10_000);
  });
});
