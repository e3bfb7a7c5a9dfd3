import type { Messages } from "../../i18n";
import type { Emotion, WellnessItem, WellnessKind, WellnessSources } from "../../lib/backend";
import { EMOTIONS, MOOD_ACTIVITIES } from "../mood/emotions";
import { average } from "../mood/format";
import { formatScore, kindName } from "../progress/format";
import { MOOD_BASELINE, PREFERENCES, TOPICS, type Preference, type Topic } from "./codes";

function isTopic(code: string): code is Topic {
  return TOPICS.some((topic) => topic === code);
}

function isPreference(code: string): code is Preference {
  return PREFERENCES.some((preference) => preference === code);
}

function isEmotion(code: string): code is Emotion {
  return EMOTIONS.some((emotion) => emotion === code);
}

/** `activity:kind` (what helps) as the name the Progress page gives that kind of activity. */
function helpName(t: Messages, code: string): string {
  const [activity, kind] = code.split(":", 2);
  const known = MOOD_ACTIVITIES.find((a) => a === activity);
  return known === undefined || kind === undefined ? code : kindName(t, known, kind);
}

/** What an item is about, in the person's language; a code the UI does not know is shown as it is. */
export function itemName(t: Messages, item: WellnessItem): string {
  const { code } = item;
  switch (item.kind) {
    case "topic":
    case "trigger":
      return isTopic(code) ? t.wellness.topics[code] : code;
    case "baseline":
      if (code === MOOD_BASELINE) return t.wellness.mood;
      return isEmotion(code) ? t.mood.emotions[code] : code;
    case "helps":
      return helpName(t, code);
    case "preference":
      return isPreference(code) ? t.wellness.preferences[code] : code;
  }
}

/** The item's number as a short line ("Mentioned 5 times"), or null when it has none. */
export function itemValue(t: Messages, item: WellnessItem, locale: string): string | null {
  const { value } = item;
  if (value === null) return null;
  const words = t.wellness.values;
  switch (item.kind) {
    case "topic":
      return words.topic(value);
    case "trigger":
      return words.trigger(value);
    case "baseline":
      return item.code === MOOD_BASELINE
        ? words.mood(average(value, locale))
        : words.emotion(value);
    case "helps":
      return words.helps(formatScore(value, locale));
    case "preference":
      return words.preference(
        new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(value),
      );
  }
}

const SOURCES = ["messages", "journal", "checkins", "sessions"] as const;

/** Where an item came from ("From 5 messages and 1 shared journal entry"), or null when from nothing. */
export function sourcesLine(t: Messages, sources: WellnessSources, locale: string): string | null {
  const parts = SOURCES.filter((source) => sources[source] > 0).map((source) =>
    t.wellness.sources[source](sources[source]),
  );
  if (parts.length === 0) return null;
  const list = new Intl.ListFormat(locale, { style: "long", type: "conjunction" });
  return t.wellness.sources.from(list.format(parts));
}

/**
 * The items of one kind, in the core's order (strongest first), except that the mean mood leads its
 * group: its 1–5 scale is not a count to rank among the emotions felt.
 */
export function itemsOfKind(items: WellnessItem[], kind: WellnessKind): WellnessItem[] {
  const ofKind = items.filter((item) => item.kind === kind);
  const isMood = (item: WellnessItem) => kind === "baseline" && item.code === MOOD_BASELINE;
  return [...ofKind.filter(isMood), ...ofKind.filter((item) => !isMood(item))];
}
