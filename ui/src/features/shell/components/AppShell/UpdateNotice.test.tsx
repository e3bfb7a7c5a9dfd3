import { act, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BackendError } from "../../../../lib/backend";
import { UPDATE_CHECK_INTERVAL_MS, UPDATE_RETRY_MS } from "../../../../lib/queries";
import { FakeBackend } from "../../../../test/fakeBackend";
import { renderApp } from "../../../../test/renderApp";

function withUpdate() {
  const backend = new FakeBackend();
  backend.seedProfile("Ana");
  backend.updates.releases.stable = { version: "0.2.0", notes: "Calmer sounds." };
  return backend;
}

const notice = () => screen.queryByText("Wbot 0.2.0 is available.");

afterEach(() => {
  vi.useRealTimers();
});

describe("the update notice", () => {
  it("says an update is available soon after the app opens, without taking focus", async () => {
    const backend = withUpdate();
    renderApp(backend);

    const text = await screen.findByText("Wbot 0.2.0 is available.");
    const banner = text.closest('[role="status"]');
    expect(banner).not.toBeNull();
    expect(banner).not.toContainElement(document.activeElement as HTMLElement | null);
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(backend.updates.checks).toEqual([false]);
  });

  it("opens Settings at the Updates section with View", async () => {
    const backend = withUpdate();
    const { user } = renderApp(backend);
    await screen.findByText("Wbot 0.2.0 is available.");

    await user.click(screen.getByRole("button", { name: "View" }));

    const updates = screen.getByRole("region", { name: "Updates" });
    expect(screen.getByRole("heading", { level: 1, name: "Settings" })).toBeInTheDocument();
    expect(updates).toHaveFocus();
    // The same check's answer: Settings shows it without asking again.
    await waitFor(() => {
      expect(within(updates).getByRole("status")).toHaveTextContent("Wbot 0.2.0 is available");
    });
    expect(within(updates).getByText("Calmer sounds.")).toBeInTheDocument();
    expect(backend.updates.checks).toEqual([false]);
  });

  it("stays hidden for that version once dismissed, even on another profile", async () => {
    const backend = withUpdate();
    backend.seedProfile("Ben");
    const { user } = renderApp(backend);
    await screen.findByText("Wbot 0.2.0 is available.");

    await user.click(screen.getByRole("button", { name: "Dismiss update notice" }));

    expect(notice()).toBeNull();
    await user.click(screen.getByTestId("profile-switcher"));
    await user.click(await screen.findByRole("button", { name: /^Ben/ }));
    expect(await screen.findByRole("heading", { name: "Hi, Ben" })).toBeInTheDocument();
    expect(notice()).toBeNull();
    // Not checked again for the other profile.
    expect(backend.updates.checks).toEqual([false]);
  });

  it("follows checks made in Settings", async () => {
    const backend = new FakeBackend();
    backend.seedProfile("Ana");
    const { user } = renderApp(backend);
    await user.click(await screen.findByRole("button", { name: "Settings" }));
    const updates = await screen.findByRole("region", { name: "Updates" });
    await waitFor(() => {
      expect(within(updates).getByRole("status")).toHaveTextContent("Wbot is up to date.");
    });
    expect(notice()).toBeNull();

    backend.updates.releases.stable = { version: "0.2.0" };
    await user.click(within(updates).getByRole("button", { name: "Check for updates" }));

    expect(await screen.findByText("Wbot 0.2.0 is available.")).toBeInTheDocument();
    // Installed, it waits for a restart: nothing more to announce.
    await user.click(within(updates).getByRole("button", { name: "Download and install" }));
    await within(updates).findByRole("button", { name: "Restart to update" });
    expect(notice()).toBeNull();
  });

  it("shows nothing, and no error, when the check fails", async () => {
    const backend = withUpdate();
    backend.updates.checkError = new BackendError("unavailable", "update_unreachable", {
      value: "timed_out",
    });
    renderApp(backend);
    await screen.findByRole("heading", { name: "Hi, Ana" });

    await waitFor(() => {
      expect(backend.updates.checks).toEqual([false]);
    });
    expect(notice()).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(screen.queryByText(/update server/)).toBeNull();
  });

  it("checks again every 6 hours, and 30 minutes after a failure", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const backend = withUpdate();
    backend.updates.releases.stable = null;
    backend.updates.checkError = new BackendError("unavailable", "update_unreachable", {
      value: "offline",
    });
    renderApp(backend);
    await waitFor(() => {
      expect(backend.updates.checks).toHaveLength(1);
    });

    backend.updates.checkError = null;
    backend.updates.releases.stable = { version: "0.2.0" };
    await act(() => vi.advanceTimersByTimeAsync(UPDATE_RETRY_MS));

    await waitFor(() => {
      expect(backend.updates.checks).toHaveLength(2);
    });
    expect(await screen.findByText("Wbot 0.2.0 is available.")).toBeInTheDocument();

    await act(() => vi.advanceTimersByTimeAsync(UPDATE_RETRY_MS));
    expect(backend.updates.checks).toHaveLength(2);
    await act(() => vi.advanceTimersByTimeAsync(UPDATE_CHECK_INTERVAL_MS));
    await waitFor(() => {
      expect(backend.updates.checks).toHaveLength(3);
    });
  });

  it("is not shown by a copy that does not update itself", async () => {
    const backend = withUpdate();
    backend.updates.supported = false;
    renderApp(backend);
    await screen.findByRole("heading", { name: "Hi, Ana" });
    await waitFor(() => {
      expect(backend.called).toContain("updateStatus");
    });

    expect(backend.called).not.toContain("checkForUpdate");
    expect(notice()).toBeNull();
  });

  it("is in Spanish for a Spanish profile", async () => {
    const backend = new FakeBackend();
    backend.seedProfile("Ana", { locale: "es" });
    backend.updates.releases.stable = { version: "0.2.0" };
    renderApp(backend);

    expect(await screen.findByText("Wbot 0.2.0 está disponible.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Ver" })).toBeInTheDocument();
    expect(
      screen.getByRole("button", { name: "Cerrar el aviso de actualización" }),
    ).toBeInTheDocument();
  });
});
