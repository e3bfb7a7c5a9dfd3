import { act, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { BackendError, type PhaseChange, type SessionStats } from "../../../../lib/backend";
import { FakeBackend, emptyStats } from "../../../../test/fakeBackend";
import { renderApp } from "../../../../test/renderApp";
import { AppProviders } from "../../../../AppProviders";
import { createQueryClient } from "../../../../lib/queries";
import { BreathingConfirmation } from "../BreathingConfirmation";

function withAna() {
  const backend = new FakeBackend();
  const ana = backend.seedProfile("Ana");
  return { backend, ana };
}

async function openBreathing(backend: FakeBackend) {
  const rendered = renderApp(backend);
  const nav = await rendered.findByRole("navigation", { name: "Discover" });
  await rendered.user.click(within(nav).getByRole("button", { name: "Breathing" }));
  await screen.findByRole("radio", { name: "Box Breathing" });
  return rendered;
}

function phase(p: Partial<PhaseChange> & Pick<PhaseChange, "phase">): PhaseChange {
  return {
    durationMs: null,
    targetMs: null,
    cycle: null,
    round: null,
    breath: null,
    startedAtMs: 0,
    ...p,
  };
}

function stats(over: Partial<SessionStats>): SessionStats {
  return {
    ...emptyStats({
      technique: "custom",
      inhaleS: 1,
      holdS: 0,
      exhaleS: 1,
      holdAfterS: 0,
      cycles: 2,
    }),
    ...over,
  };
}

describe("Breathing", () => {
  it("runs a custom pattern: phase labels follow the events, then Well done and save", async () => {
    const { backend } = withAna();
    const { user } = await openBreathing(backend);

    await user.click(screen.getByRole("radio", { name: "Custom pattern" }));
    await user.clear(screen.getByLabelText("Breathe in (seconds)"));
    await user.type(screen.getByLabelText("Breathe in (seconds)"), "1");
    await user.clear(screen.getByLabelText("Hold (seconds)"));
    await user.type(screen.getByLabelText("Hold (seconds)"), "0");
    await user.clear(screen.getByLabelText("Cycles"));
    await user.type(screen.getByLabelText("Cycles"), "2");
    await user.click(screen.getByRole("button", { name: "3 — Okay" }));
    await user.click(screen.getByRole("button", { name: "Start" }));

    const dialog = await screen.findByRole("dialog", { name: "Custom pattern session" });
    expect(backend.run.config).toMatchObject({
      technique: "custom",
      inhaleS: 1,
      holdS: 0,
      cycles: 2,
    });
    expect(backend.run.moodBefore).toBe(3);

    act(() => {
      backend.emit({
        kind: "phaseChanged",
        ...phase({ phase: "inhale", durationMs: 1000, cycle: 1 }),
      });
    });
    expect(within(dialog).getByText("Breathe in")).toBeInTheDocument();
    expect(
      within(dialog).getByRole("img", { name: "Breathe in, 1 seconds left" }),
    ).toBeInTheDocument();
    expect(within(dialog).getByRole("progressbar", { name: "Cycle 1 of 2" })).toBeInTheDocument();

    act(() => {
      backend.emit({
        kind: "tick",
        phase: "inhale",
        elapsedMs: 400,
        remainingMs: 600,
        sessionElapsedMs: 400,
        paused: false,
      });
      backend.emit({
        kind: "phaseChanged",
        ...phase({ phase: "exhale", durationMs: 4000, cycle: 1 }),
      });
    });
    expect(within(dialog).getByText("Breathe out")).toBeInTheDocument();
    expect(
      within(dialog).getByRole("img", { name: "Breathe out, 4 seconds left" }),
    ).toHaveAttribute("data-phase", "exhale");

    act(() => {
      backend.emit({
        kind: "phaseChanged",
        ...phase({ phase: "inhale", durationMs: 1000, cycle: 2 }),
      });
    });
    expect(within(dialog).getByRole("progressbar", { name: "Cycle 2 of 2" })).toBeInTheDocument();

    act(() => {
      backend.emit({
        kind: "completed",
        stats: stats({ activeMs: 4000, totalMs: 4000, cyclesCompleted: 2 }),
      });
    });
    expect(within(dialog).getByRole("heading", { name: "Well done" })).toBeInTheDocument();
    expect(within(dialog).getByText("0:04")).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "5 — Great" }));
    await user.click(within(dialog).getByRole("button", { name: "Save and close" }));

    await waitFor(() => {
      expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    });
    expect(screen.getByText("Session saved")).toBeInTheDocument();
    expect(backend.sessions[0]).toMatchObject({
      technique: "custom",
      completed: true,
      moodBefore: 3,
      moodAfter: 5,
    });
  });

  it("pauses, resumes and stops from the controls, and Escape stops", async () => {
    const { backend } = withAna();
    const { user } = await openBreathing(backend);
    await user.click(screen.getByRole("button", { name: "Start" }));
    const dialog = await screen.findByRole("dialog", { name: "Box Breathing session" });
    act(() => {
      backend.emit({
        kind: "phaseChanged",
        ...phase({ phase: "inhale", durationMs: 4000, cycle: 1 }),
      });
    });
    expect(within(dialog).getByText("Sound is off: no audio device")).toBeInTheDocument();
    expect(within(dialog).getByRole("button", { name: "Mute sounds" })).toBeDisabled();

    await user.click(within(dialog).getByRole("button", { name: "Pause" }));
    expect(await within(dialog).findByRole("button", { name: "Resume" })).toBeInTheDocument();
    expect(within(dialog).getByText("Paused")).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Resume" }));
    expect(await within(dialog).findByRole("button", { name: "Pause" })).toBeInTheDocument();

    await user.keyboard("{Escape}");
    expect(
      await within(dialog).findByRole("heading", { name: "Session ended early" }),
    ).toBeInTheDocument();
    expect(backend.run.calls).toEqual(["pauseBreathing", "resumeBreathing", "stopBreathing"]);
  });

  it("words the backend's reason when a custom pattern is refused", async () => {
    const { backend } = withAna();
    const { user } = await openBreathing(backend);
    await user.click(screen.getByRole("radio", { name: "Custom pattern" }));
    await user.clear(screen.getByLabelText("Breathe in (seconds)"));
    await user.type(screen.getByLabelText("Breathe in (seconds)"), "45");
    await user.click(screen.getByRole("button", { name: "Start" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "A breathing phase (seconds) must be between 0 and 30; it was 45.",
    );
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("Wim Hof: safety notice first, then Space counts manual breaths, release, recovery, results", async () => {
    const { backend } = withAna();
    backend.gate = {
      allowed: true,
      suggestedTechnique: "box",
      reason: "new_to_breathing",
    };
    const { user } = await openBreathing(backend);
    await user.click(screen.getByRole("radio", { name: "Wim Hof Method" }));
    expect(await screen.findByText(/A few sessions of box breathing first/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Try Box Breathing instead" })).toBeInTheDocument();
    expect(screen.getByText("Never practise in or near water.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Start" })).toBeDisabled();

    await user.click(
      screen.getByRole("checkbox", { name: "I'll pace my breaths myself (tap or Space)" }),
    );
    await user.clear(screen.getByLabelText("Rounds"));
    await user.type(screen.getByLabelText("Rounds"), "1");
    await user.clear(screen.getByLabelText("Breaths per round"));
    await user.type(screen.getByLabelText("Breaths per round"), "10");
    await user.click(
      screen.getByRole("checkbox", { name: "I have read this and will practise safely" }),
    );
    await user.click(screen.getByRole("button", { name: "Start" }));

    const dialog = await screen.findByRole("dialog", { name: "Wim Hof Method session" });
    expect(backend.acknowledged.size).toBe(1);
    expect(backend.run.config).toMatchObject({
      technique: "wim_hof",
      rounds: 1,
      breaths: 10,
      manualPacing: true,
    });
    act(() => {
      backend.emit({ kind: "phaseChanged", ...phase({ phase: "breath", round: 1, breath: 1 }) });
    });
    expect(within(dialog).getByText("Breath 1 of 10")).toBeInTheDocument();

    await user.keyboard(" ");
    await waitFor(() => {
      expect(backend.run.calls).toEqual(["tapBreath"]);
    });
    act(() => {
      backend.emit({ kind: "phaseChanged", ...phase({ phase: "breath", round: 1, breath: 2 }) });
    });
    expect(within(dialog).getByText("Breath 2 of 10")).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Breath done" }));
    await waitFor(() => {
      expect(backend.run.calls).toEqual(["tapBreath", "tapBreath"]);
    });

    act(() => {
      backend.emit({
        kind: "phaseChanged",
        ...phase({ phase: "retention", round: 1, targetMs: 90000 }),
      });
      backend.emit({
        kind: "tick",
        phase: "retention",
        elapsedMs: 65000,
        remainingMs: null,
        sessionElapsedMs: 80000,
        paused: false,
      });
    });
    expect(within(dialog).getByRole("timer", { name: "Hold your breath" })).toHaveTextContent(
      "1:05",
    );
    expect(within(dialog).getByText("Target 1:30")).toBeInTheDocument();
    // Space does nothing outside a manual breath.
    await user.keyboard(" ");
    await user.click(within(dialog).getByRole("button", { name: "Release" }));
    await waitFor(() => {
      expect(backend.run.calls).toContain("releaseRetention");
    });
    act(() => {
      backend.emit({
        kind: "phaseChanged",
        ...phase({ phase: "recovery_hold", round: 1, durationMs: 15000 }),
      });
    });
    expect(within(dialog).getByText("Recovery breath")).toBeInTheDocument();
    expect(within(dialog).getByText("Round 1: 1:05")).toBeInTheDocument();
    expect(backend.run.calls).toEqual(["tapBreath", "tapBreath", "releaseRetention"]);

    act(() => {
      backend.emit({
        kind: "completed",
        stats: stats({
          technique: "wim_hof",
          activeMs: 100000,
          roundsCompleted: 1,
          breaths: 10,
          retentionsMs: [65000],
          averageRetentionMs: 65000,
          bestRetentionMs: 65000,
        }),
      });
    });
    expect(within(dialog).getByRole("heading", { name: "Well done" })).toBeInTheDocument();
    expect(within(dialog).getByText("Round 1: 1:05")).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Save and close" }));
    await waitFor(() => {
      expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    });
    expect(backend.sessions[0]?.technique).toBe("wim_hof");
  });

  it("blocks Wim Hof for a contraindication and offers coherent breathing", async () => {
    const { backend } = withAna();
    backend.gate = {
      allowed: false,
      suggestedTechnique: "coherent",
      reason: "contraindication",
    };
    const { user } = await openBreathing(backend);
    await user.click(screen.getByRole("radio", { name: "Wim Hof Method" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("isn't a safe choice");
    expect(screen.getByRole("button", { name: "Start" })).toBeDisabled();
    await user.click(screen.getByRole("button", { name: "Try Coherent Breathing instead" }));
    expect(screen.getByRole("radio", { name: "Coherent Breathing" })).toBeChecked();
    expect(screen.getByRole("button", { name: "Start" })).toBeEnabled();
  });

  it("opens from a companion proposal with its pattern and reason", async () => {
    const { backend, ana } = withAna();
    const started: unknown[] = [];
    render(
      <AppProviders backend={backend} queryClient={createQueryClient()}>
        <BreathingConfirmation
          profileId={ana.id}
          proposal={{
            technique: "custom",
            pattern: { inhaleS: 3, holdS: 1, exhaleS: 6, holdAfterS: 0, cycles: 5 },
            reason: "A longer out-breath helps you settle.",
          }}
          onStart={(input) => started.push(input)}
        />
      </AppProviders>,
    );
    expect(await screen.findByText("A longer out-breath helps you settle.")).toBeInTheDocument();
    expect(screen.getByRole("radio", { name: "Custom pattern" })).toBeChecked();
    expect(screen.getByLabelText("Breathe out (seconds)")).toHaveValue(6);
  });

  it("lists history with stats, deletes after confirmation, and shows the empty state", async () => {
    const { backend, ana } = withAna();
    backend.seedSession(ana.id, {
      technique: "coherent",
      config: { technique: "coherent" },
      completed: false,
      durationMs: 30000,
    });
    backend.seedSession(ana.id, { technique: "box", durationMs: 64000 });
    backend.trend = [
      { date: "2025-03-01", bestMs: 60000, averageMs: 50000, rounds: 3 },
      { date: "2025-03-02", bestMs: 75000, averageMs: 70000, rounds: 3 },
    ];
    const { user } = await openBreathing(backend);
    await user.click(screen.getByRole("button", { name: "History" }));

    const list = await screen.findByRole("region", { name: "Your sessions" });
    expect(within(list).getAllByRole("listitem")).toHaveLength(2);
    expect(within(list).getByText("Box Breathing")).toBeInTheDocument();
    expect(within(list).getByText(/1:04 · Completed/)).toBeInTheDocument();
    expect(within(list).getByText(/0:30 · Stopped early/)).toBeInTheDocument();
    expect(screen.getByText("1 sessions · 1 completed · 1:04")).toBeInTheDocument();
    expect(screen.getByRole("img", { name: /over 2 days; best 1:15/ })).toBeInTheDocument();

    const deletes = within(list).getAllByRole("button", { name: /^Delete session from/ });
    await user.click(deletes[0] as HTMLElement);
    const confirm = screen.getByRole("dialog", { name: "Delete this session?" });
    backend.failNext("deleteBreathingSession", new BackendError("internal", "internal"));
    await user.click(within(confirm).getByRole("button", { name: "Delete" }));
    expect(await within(confirm).findByRole("alert")).toHaveTextContent(
      "Something went wrong on this device. Please try again.",
    );
    await user.click(within(confirm).getByRole("button", { name: "Delete" }));
    await waitFor(() => {
      expect(within(list).getAllByRole("listitem")).toHaveLength(1);
    });
    expect(backend.sessions.map((s) => s.technique)).toEqual(["coherent"]);

    await user.click(within(list).getByRole("button", { name: /^Delete session from/ }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Delete" }));
    expect(await screen.findByText(/No breathing sessions yet/)).toBeInTheDocument();
  });

  it("shows an error with a retry when the history cannot load", async () => {
    const { backend } = withAna();
    const { user } = await openBreathing(backend);
    backend.failNext("breathingHistory", new BackendError("unavailable", "database_busy"));
    await user.click(screen.getByRole("button", { name: "History" }));
    expect(await screen.findByText("The database is busy; please try again.")).toBeInTheDocument();
    const retry = within(screen.getByRole("region", { name: "Your sessions" })).getByRole(
      "button",
      { name: "Try again" },
    );
    await user.click(retry);
    expect(await screen.findByText(/No breathing sessions yet/)).toBeInTheDocument();
  });
});
