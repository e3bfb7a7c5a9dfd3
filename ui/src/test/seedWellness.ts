// Set-up shared by the Wellness tests: a profile with things learned, and the page opened.
import { screen, within } from "@testing-library/react";
import type { Locale, WellnessSources } from "../lib/backend";
import { FakeBackend } from "./fakeBackend";
import type { SeedWellnessItem } from "./fakeWellness";
import { renderApp } from "./renderApp";

/** Sources with the counts given, the others 0. */
export function from(counts: Partial<WellnessSources>): WellnessSources {
  return { messages: 0, journal: 0, checkins: 0, sessions: 0, ...counts };
}

/** One item of each kind and more, given out of the core's order (the fake sorts them). */
export const LEARNED: SeedWellnessItem[] = [
  { kind: "preference", code: "evenings", value: 0.7, sources: from({ messages: 12 }) },
  { kind: "helps", code: "journaling:gratitude", value: 41.5, sources: from({ sessions: 1 }) },
  { kind: "helps", code: "breathing:box", value: 86, sources: from({ sessions: 3 }) },
  { kind: "baseline", code: "anxious", value: 3, sources: from({ checkins: 3 }) },
  { kind: "baseline", code: "mood", value: 2.8, sources: from({ checkins: 9 }) },
  { kind: "trigger", code: "work", value: 2, sources: from({ messages: 2, checkins: 4 }) },
  { kind: "topic", code: "sleep", value: 1, sources: from({ journal: 1 }) },
  { kind: "topic", code: "work", value: 5, sources: from({ messages: 5, journal: 1 }) },
];

/** A fake with Ana (in `locale`) and what was learned about her. */
export function withAna(learned: SeedWellnessItem[] = LEARNED, locale: Locale = "en") {
  const backend = new FakeBackend();
  const ana = backend.seedProfile("Ana", { locale });
  const items = backend.wellness.seed(ana.id, learned);
  return { backend, ana, items };
}

/** Opens the Wellness section and waits for its heading. */
export async function openWellness(backend: FakeBackend, locale: Locale = "en") {
  const rendered = renderApp(backend);
  const nav = await screen.findByRole("navigation", { name: /Discover|Descubrir/ });
  await rendered.user.click(
    within(nav).getByRole("button", { name: locale === "en" ? "Wellness" : "Bienestar" }),
  );
  await screen.findByRole("heading", {
    level: 1,
    name: locale === "en" ? "Wellness profile" : "Perfil de bienestar",
  });
  return rendered;
}

/** The list item of the item named `name` in the group headed `group`. */
export function itemIn(group: string, name: string): HTMLElement {
  const region = screen.getByRole("region", { name: group });
  const item = within(region).getByRole("heading", { level: 3, name }).closest("li");
  if (item === null) throw new Error(`no item ${name} in ${group}`);
  return item;
}
