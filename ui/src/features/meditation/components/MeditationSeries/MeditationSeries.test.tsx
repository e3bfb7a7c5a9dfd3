import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { BackendError, type Settings } from "../../../../lib/backend";
import { localDay } from "../../../../lib/days";
import { FakeBackend } from "../../../../test/fakeBackend";
import { renderApp } from "../../../../test/renderApp";

function withAna(settings: Partial<Settings> = {}) {
  const backend = new FakeBackend();
  const ana = backend.seedProfile("Ana", settings);
  return { backend, ana };
}

/** Opens the Meditation section and waits for the series (in English unless told). */
async function openSeries(backend: FakeBackend, name = "Meditation", calm = "7 Day Calm") {
  const rendered = renderApp(backend);
  const nav = await screen.findByRole("navigation", { name: /Discover|Descubrir/ });
  await rendered.user.click(within(nav).getByRole("button", { name }));
  const heading = await screen.findByRole("heading", { level: 2, name: "Series" });
  const section = heading.closest("section");
  if (section === null) throw new Error("no section");
  await within(section).findByRole("list", { name: calm });
  return { ...rendered, section };
}

/** A series' days, by its name. */
function days(section: HTMLElement, name: string) {
  return within(within(section).getByRole("list", { name })).getAllByRole("listitem");
}

/** Marks a profile's series day done on `on`, as the core keeps it. */
function seedDone(
  backend: FakeBackend,
  profileId: string,
  series: "seven_day_calm" | "sleep_better",
  day: number,
  on: string,
) {
  backend.tracks.seriesDays.push({
    profileId,
    series,
    day,
    kind: series === "sleep_better" ? "sleep" : "breathing_focus",
    trackId: null,
    completedAt: `${on}T21:00:00Z`,
    completedOn: on,
  });
}

const FIVE_MINUTES = 5 * 60_000;

describe("MeditationSeries", () => {
  it("lists both series with their days, only the first one open", async () => {
    const { backend } = withAna();
    const { section } = await openSeries(backend);

    expect(
      within(section).getByText(
        "One meditation a day, in order. The voice on this device speaks each day the first time you play it. The voice speaks English for now.",
      ),
    ).toBeInTheDocument();
    expect(
      within(section)
        .getAllByRole("heading", { level: 3 })
        .map((h) => h.textContent),
    ).toEqual(["7 Day Calm", "Sleep Better"]);
    expect(
      within(section).getByText(
        "A week of short daily meditations that build a calmer habit step by step.",
      ),
    ).toBeInTheDocument();
    expect(within(section).getByText("0 of 7 days done")).toBeInTheDocument();
    expect(within(section).getByText("0 of 5 days done")).toBeInTheDocument();

    const calm = days(section, "7 Day Calm");
    expect(calm).toHaveLength(7);
    expect(calm[0]).toHaveTextContent("Day 1");
    expect(calm[0]).toHaveTextContent("Breathing focus · about 5 min");
    const play = within(calm[0] as HTMLElement).getByRole("button", {
      name: "Play day 1 of 7 Day Calm",
    });
    expect(play).toHaveTextContent("Play");
    expect(play).toBeEnabled();
    expect(calm[2]).toHaveTextContent("Body scan · about 5 min");
    expect(calm[5]).toHaveTextContent("Loving-kindness · about 5 min");
    for (const [i, item] of calm.slice(1).entries()) {
      expect(within(item).queryByRole("button")).toBeNull();
      expect(item).toHaveTextContent(`Opens after day ${String(i + 1)}`);
    }

    const sleep = days(section, "Sleep Better");
    expect(sleep).toHaveLength(5);
    expect(sleep[4]).toHaveTextContent("Day 5");
    expect(sleep[4]).toHaveTextContent("Sleep · about 8 min");
    expect(
      within(sleep[0] as HTMLElement).getByRole("button", { name: "Play day 1 of Sleep Better" }),
    ).toBeEnabled();
    expect(within(section).getAllByRole("button", { name: /^Play day/ })).toHaveLength(2);
  });

  it("prepares a day with its progress, plays it, and opens the next once it has ended", async () => {
    const { backend, ana } = withAna({ ambientOn: true, ambientSound: "rain" });
    const dayTrack = vi.spyOn(backend, "seriesDayTrack");
    const { section, user } = await openSeries(backend);

    const release = backend.tracks.hold();
    await user.click(within(section).getByRole("button", { name: "Play day 1 of 7 Day Calm" }));
    const bar = await within(section).findByRole("progressbar", { name: "Preparing day 1…" });
    await waitFor(() => {
      expect(bar).toHaveAttribute("aria-valuenow", "1");
    });
    // One meditation is spoken at a time.
    for (const button of within(section).getAllByRole("button", { name: /^Play day/ })) {
      expect(button).toBeDisabled();
    }
    expect(screen.getByRole("button", { name: "Prepare A ten-minute body scan" })).toBeDisabled();
    release();

    await waitFor(() => {
      expect(backend.tracks.player).toMatchObject({
        profileId: ana.id,
        playing: true,
        ambient: "rain",
      });
    });
    expect(dayTrack).toHaveBeenCalledWith(ana.id, "seven_day_calm", 1, "7 Day Calm · Day 1");
    const track = backend.tracks.tracks[0];
    expect(track).toMatchObject({ title: "7 Day Calm · Day 1", kind: "breathing_focus" });
    expect(backend.tracks.player?.trackId).toBe(track?.id);
    expect(within(section).queryByRole("progressbar")).toBeNull();
    // The guided tracks' player shows it.
    const player = await screen.findByRole("region", { name: "Now playing" });
    expect(await within(player).findByText("7 Day Calm · Day 1")).toBeInTheDocument();
    expect(days(section, "7 Day Calm")[0]).toHaveTextContent("Now playing");

    backend.tracks.advance(FIVE_MINUTES);
    expect(await within(player).findByText("Finished", {}, { timeout: 2000 })).toBeInTheDocument();
    const done = `Done on ${new Date().toLocaleDateString("en", { month: "short", day: "numeric" })}`;
    await waitFor(() => {
      expect(days(section, "7 Day Calm")[0]).toHaveTextContent(done);
    });
    const [first, second, third] = days(section, "7 Day Calm") as [
      HTMLElement,
      HTMLElement,
      HTMLElement,
    ];
    expect(
      within(first).getByRole("button", { name: "Play day 1 of 7 Day Calm" }),
    ).toHaveTextContent("Play again");
    expect(
      within(second).getByRole("button", { name: "Play day 2 of 7 Day Calm" }),
    ).toHaveTextContent(/^Play$/);
    expect(third).toHaveTextContent("Opens after day 2");
    expect(within(section).getByText("1 of 7 days done")).toBeInTheDocument();
    expect(backend.tracks.seriesDays[0]?.completedOn).toBe(localDay());

    // Played again, it is the same track: nothing is spoken again.
    await user.click(within(first).getByRole("button", { name: "Play day 1 of 7 Day Calm" }));
    await waitFor(() => {
      expect(backend.tracks.player).toMatchObject({ trackId: track?.id, playing: true });
    });
    expect(backend.tracks.tracks).toHaveLength(1);
  });

  it("shows when a day and a whole series were done", async () => {
    const { backend, ana } = withAna();
    for (let day = 1; day <= 5; day++)
      seedDone(backend, ana.id, "sleep_better", day, `2025-03-0${String(day)}`);
    seedDone(backend, ana.id, "seven_day_calm", 1, "2025-03-02");
    const { section } = await openSeries(backend);

    expect(within(section).getByText("5 of 5 days done")).toBeInTheDocument();
    expect(within(section).getByText("Completed on Mar 5, 2025")).toBeInTheDocument();
    expect(within(section).getByText("1 of 7 days done")).toBeInTheDocument();
    const sleep = days(section, "Sleep Better");
    expect(sleep[0]).toHaveTextContent("Done on Mar 1");
    expect(sleep[4]).toHaveTextContent("Done on Mar 5");
    for (const [i, item] of sleep.entries()) {
      expect(
        within(item).getByRole("button", { name: `Play day ${String(i + 1)} of Sleep Better` }),
      ).toHaveTextContent("Play again");
    }
    const calm = days(section, "7 Day Calm");
    expect(calm[0]).toHaveTextContent("Done on Mar 2");
    expect(within(calm[1] as HTMLElement).getByRole("button")).toHaveTextContent(/^Play$/);
  });

  it("shows the core's words when a day cannot be played, and can try again", async () => {
    const { backend } = withAna();
    backend.tracks.voiceProblem = "phonemizer_missing";
    const { section, user } = await openSeries(backend);
    const play = within(section).getByRole("button", { name: "Play day 1 of Sleep Better" });

    await user.click(play);
    expect(await within(section).findByRole("alert")).toHaveTextContent(
      "The voice can't speak on this device: its pronunciation helper (espeak-ng) is missing or failed.",
    );
    expect(play).toBeEnabled();
    expect(backend.tracks.tracks).toEqual([]);
    expect(backend.tracks.player).toBeNull();

    backend.tracks.voiceProblem = null;
    backend.failNext(
      "seriesDayTrack",
      new BackendError("conflict", "series_day_locked", {
        subject: "series_day",
        actual: 2,
        max: 1,
      }),
    );
    await user.click(play);
    expect(await within(section).findByRole("alert")).toHaveTextContent(
      "Day 2 isn't open yet; do day 1 first.",
    );

    await user.click(play);
    await waitFor(() => {
      expect(backend.tracks.player).toMatchObject({ playing: true });
    });
    expect(within(section).queryByRole("alert")).toBeNull();
  });

  it("shows an error with a retry when the series cannot be read", async () => {
    const { backend } = withAna();
    backend.failNext("meditationSeries", new BackendError("internal", "internal"));
    const { user } = renderApp(backend);
    const nav = await screen.findByRole("navigation", { name: /Discover/ });
    await user.click(within(nav).getByRole("button", { name: "Meditation" }));
    const heading = await screen.findByRole("heading", { level: 2, name: "Series" });
    const section = heading.closest("section") as HTMLElement;
    expect(
      await within(section).findByText("Something went wrong on this device. Please try again."),
    ).toBeInTheDocument();
    await user.click(within(section).getByRole("button", { name: "Try again" }));
    expect(await within(section).findByRole("list", { name: "7 Day Calm" })).toBeInTheDocument();
  });

  it("is in Spanish for a Spanish profile, and titles the day's track in Spanish", async () => {
    const { backend, ana } = withAna({ locale: "es" });
    const dayTrack = vi.spyOn(backend, "seriesDayTrack");
    const { section, user } = await openSeries(backend, "Meditación", "7 días de calma");

    expect(
      within(section).getByText(
        "Una meditación al día, en orden. La voz de este dispositivo narra cada día la primera vez que lo reproduces. Por ahora la voz habla inglés.",
      ),
    ).toBeInTheDocument();
    expect(
      within(section)
        .getAllByRole("heading", { level: 3 })
        .map((h) => h.textContent),
    ).toEqual(["7 días de calma", "Dormir mejor"]);
    expect(within(section).getByText("0 de 7 días completados")).toBeInTheDocument();
    const calm = days(section, "7 días de calma");
    expect(calm[0]).toHaveTextContent("Día 1");
    expect(calm[0]).toHaveTextContent("Atención a la respiración · unos 5 min");
    expect(calm[1]).toHaveTextContent("Se abre después del día 1");
    expect(days(section, "Dormir mejor")[0]).toHaveTextContent("Sueño · unos 8 min");
    const play = within(calm[0] as HTMLElement).getByRole("button", {
      name: "Reproducir el día 1 de 7 días de calma",
    });
    expect(play).toHaveTextContent("Reproducir");

    const release = backend.tracks.hold();
    await user.click(play);
    expect(
      await within(section).findByRole("progressbar", { name: "Preparando el día 1…" }),
    ).toBeInTheDocument();
    release();
    await waitFor(() => {
      expect(backend.tracks.player).toMatchObject({ profileId: ana.id, playing: true });
    });
    expect(dayTrack).toHaveBeenCalledWith(ana.id, "seven_day_calm", 1, "7 días de calma · Día 1");
  });
});
