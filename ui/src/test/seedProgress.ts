// Set-up shared by the Progress and proposal tests: activities on the person's own calendar days.
import { screen, within } from "@testing-library/react";
import type { BreathingSession, Settings } from "../lib/backend";
import { addDays, dayToDate, localDay, localIsoString } from "../lib/days";
import { FakeBackend } from "./fakeBackend";
import { renderApp } from "./renderApp";

/** A fake with Ana, streaks and badges on and a goal of 5 days unless `settings` say otherwise. */
export function withAna(settings: Partial<Settings> = {}) {
  const backend = new FakeBackend();
  const ana = backend.seedProfile("Ana", {
    streaksOn: true,
    badgesOn: true,
    weeklyGoalDays: 5,
    ...settings,
  });
  return { backend, ana };
}

/** The local day `n` days before today. */
export function daysAgo(n: number): string {
  return addDays(localDay(), -n);
}

/** A breathing session (completed box breathing unless said otherwise) at noon on `day`. */
export function breatheOn(
  backend: FakeBackend,
  profileId: string,
  day: string,
  session: Partial<BreathingSession> = {},
): BreathingSession {
  const start = dayToDate(day);
  return backend.seedSession(profileId, {
    startedAt: localIsoString(start),
    endedAt: localIsoString(new Date(start.getTime() + 64_000)),
    ...session,
  });
}

/** Opens a Discover section of the app (Progress unless named) and waits for its heading. */
export async function openSection(backend: FakeBackend, section = "Progress") {
  const rendered = renderApp(backend);
  const nav = await screen.findByRole("navigation", { name: /Discover|Descubrir/ });
  await rendered.user.click(within(nav).getByRole("button", { name: section }));
  await screen.findByRole("heading", { level: 1, name: section });
  return rendered;
}
