import type { Messages } from "../../i18n";
import type { GuidedKind, JournalCategory, MoodActivity, Technique } from "../../lib/backend";
import { addDays, dayToDate } from "../../lib/days";

function isTechnique(t: Messages, kind: string): kind is Technique {
  return Object.keys(t.breathing.techniques).includes(kind);
}

function isCategory(t: Messages, kind: string): kind is JournalCategory {
  return Object.keys(t.chat.categories).includes(kind);
}

function isGuidedKind(t: Messages, kind: string): kind is GuidedKind {
  return Object.keys(t.tracks.kinds).includes(kind);
}

/**
 * The name of a kind of activity as the core stores it: a breathing technique, the kind of meditation
 * (`silent` for the timer, or the practice of a guided one such as a series' day), or a journal
 * category (`free` without one). Unknown kinds are shown as they are.
 */
export function kindName(t: Messages, activity: MoodActivity, kind: string): string {
  switch (activity) {
    case "breathing":
      return isTechnique(t, kind) ? t.breathing.techniques[kind] : kind;
    case "meditation":
      if (kind === "silent") return t.meditation.silentTimer;
      return isGuidedKind(t, kind) ? t.tracks.kinds[kind] : kind;
    case "journaling":
      if (kind === "free") return t.journaling.freeWriting;
      return isCategory(t, kind) ? t.chat.categories[kind] : kind;
  }
}

/** A known Monday, for naming the days of a Monday-first week. */
const A_MONDAY = "2024-01-01";

/** The names of Monday…Sunday in `locale` ("narrow": M, T, W…; "short": Mon, Tue…; "long": Monday…). */
export function weekdayNames(locale: string, width: "narrow" | "short" | "long"): string[] {
  const format = new Intl.DateTimeFormat(locale, { weekday: width });
  return Array.from({ length: 7 }, (_, i) => format.format(dayToDate(addDays(A_MONDAY, i))));
}

/** A score, one decimal at most. */
export function formatScore(score: number | null, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(score ?? 0);
}
