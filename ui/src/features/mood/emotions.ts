import type { Emotion, MoodActivity } from "../../lib/backend";

// A record keyed by every Emotion, so the compiler notices a code added in the core and missing here.
const ORDER: Record<Emotion, null> = {
  calm: null,
  content: null,
  grateful: null,
  hopeful: null,
  joyful: null,
  proud: null,
  loved: null,
  energised: null,
  tired: null,
  bored: null,
  sad: null,
  lonely: null,
  anxious: null,
  stressed: null,
  overwhelmed: null,
  angry: null,
  frustrated: null,
  ashamed: null,
  afraid: null,
  numb: null,
};

/** Every emotion a check-in can name, in the core's order (the order chips are shown in). */
export const EMOTIONS = Object.keys(ORDER) as Emotion[];

/** The activities a mood is given around, in the core's order. */
export const MOOD_ACTIVITIES: readonly MoodActivity[] = ["breathing", "meditation", "journaling"];

/** The 1–5 mood scale. */
export const MOODS = [1, 2, 3, 4, 5] as const;
export type Mood = (typeof MOODS)[number];

/** A 1–5 mood as a key of the scale's words (the core never sends another). */
export function asMood(value: number): Mood {
  return Math.min(5, Math.max(1, Math.round(value))) as Mood;
}
