import type { WellnessKind } from "../../lib/backend";

/** What people talk about: the core's topic codes (items of kind `topic` and `trigger`). */
export const TOPICS = [
  "work",
  "study",
  "family",
  "relationship",
  "friends",
  "loneliness",
  "sleep",
  "health",
  "money",
  "stress",
  "grief",
  "self_esteem",
] as const;
export type Topic = (typeof TOPICS)[number];

/** How and when the person likes to talk: the core's preference codes (items of kind `preference`). */
export const PREFERENCES = [
  "short_messages",
  "long_messages",
  "mornings",
  "afternoons",
  "evenings",
  "nights",
] as const;
export type Preference = (typeof PREFERENCES)[number];

/** The kinds of item, in the order the page groups them (the core's order too). */
export const WELLNESS_KINDS: readonly WellnessKind[] = [
  "topic",
  "trigger",
  "baseline",
  "helps",
  "preference",
];

/** The code of the baseline item that holds the mean mood (the other baselines are emotions). */
export const MOOD_BASELINE = "mood";

/** The core's longest note on an item, in characters. */
export const MAX_NOTE_CHARS = 200;
