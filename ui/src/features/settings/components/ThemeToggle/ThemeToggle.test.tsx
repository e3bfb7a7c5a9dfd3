import { act, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { BackendError } from "../../../../lib/backend";
import { FakeBackend } from "../../../../test/fakeBackend";
import { setPrefersDark } from "../../../../test/matchMedia";
import { renderApp } from "../../../../test/renderApp";

const html = document.documentElement;

describe("ThemeToggle", () => {
  it("applies the saved theme on load", async () => {
    const backend = new FakeBackend();
    backend.seedProfile("Ana", { theme: "dark" });
    renderApp(backend);

    expect(await screen.findByRole("button", { name: "Dark theme" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    expect(html).toHaveAttribute("data-theme", "dark");
    expect(html).toHaveAttribute("data-theme-choice", "dark");
  });

  it("saves the whole settings with the new theme and applies it", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana", { theme: "light", cueVolume: 30, locale: "en" });
    const update = vi.spyOn(backend, "updateSettings");
    const { user } = renderApp(backend);

    await user.click(await screen.findByRole("button", { name: "Dark theme" }));

    await waitFor(() => {
      expect(html).toHaveAttribute("data-theme", "dark");
    });
    expect(update).toHaveBeenCalledWith(ana.id, {
      theme: "dark",
      locale: "en",
      cueVolume: 30,
      ambientVolume: 50,
      muted: false,
      ambientOn: false,
      ambientSound: "ocean",
      streaksOn: true,
      badgesOn: true,
      weeklyGoalDays: 5,
      voiceCuesOn: false,
      voiceCueVolume: 80,
      breathSoundsOn: false,
      breathVolume: 50,
      remoteMemories: false,
      remoteAboutYou: false,
    });
    expect(screen.getByRole("button", { name: "Dark theme" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    expect(screen.getByRole("button", { name: "Light theme" })).toHaveAttribute(
      "aria-pressed",
      "false",
    );
    expect(backend.profiles.get(ana.id)?.settings.theme).toBe("dark");
  });

  it("follows the system preference and its changes when set to system", async () => {
    const backend = new FakeBackend();
    backend.seedProfile("Ana", { theme: "light" });
    const { user } = renderApp(backend);

    await user.click(await screen.findByRole("button", { name: "System theme" }));
    await waitFor(() => {
      expect(html).toHaveAttribute("data-theme-choice", "system");
    });
    expect(html).toHaveAttribute("data-theme", "light");

    act(() => {
      setPrefersDark(true);
    });
    expect(html).toHaveAttribute("data-theme", "dark");
  });

  it("shows a failed save and keeps the previous theme", async () => {
    const backend = new FakeBackend();
    backend.seedProfile("Ana", { theme: "light" });
    const { user } = renderApp(backend);
    backend.failNext("updateSettings", new BackendError("unavailable", "database_busy"));

    await user.click(await screen.findByRole("button", { name: "Dark theme" }));

    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The database is busy; please try again.",
    );
    expect(html).toHaveAttribute("data-theme", "light");
    expect(screen.getByRole("button", { name: "Light theme" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
  });

  it("picks up settings changed elsewhere", async () => {
    const backend = new FakeBackend();
    const ana = backend.seedProfile("Ana", { theme: "light" });
    renderApp(backend);
    await screen.findByRole("button", { name: "Light theme" });

    act(() => {
      backend.emitSettingsChanged({
        profileId: ana.id,
        settings: {
          theme: "dark",
          locale: "es",
          cueVolume: 70,
          ambientVolume: 50,
          muted: false,
          ambientOn: false,
          ambientSound: "ocean",
          streaksOn: true,
          badgesOn: true,
          weeklyGoalDays: 5,
          voiceCuesOn: false,
          voiceCueVolume: 80,
          breathSoundsOn: false,
          breathVolume: 50,
          remoteMemories: false,
          remoteAboutYou: false,
        },
      });
    });

    expect(await screen.findByRole("button", { name: "Tema oscuro" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    expect(html).toHaveAttribute("data-theme", "dark");
    expect(html).toHaveAttribute("lang", "es");
  });
});
