import type { JournalCategory } from "../../lib/backend";

/** The prompt categories (SPEC §6), in the order they are offered. */
export const JOURNAL_CATEGORIES: readonly JournalCategory[] = [
  "reflection",
  "gratitude",
  "processing",
  "growth",
  "self_compassion",
];

/**
 * The prompt library: each prompt's id and estimated writing time. Its words (the prompt and its
 * follow-up questions) are in the dictionaries under `journaling.prompts`, keyed by id; an entry
 * stores the prompt as the person read it, in their language.
 */
export const PROMPTS = {
  reflection: [
    { id: "reflection_today", minutes: 5 },
    { id: "reflection_energy", minutes: 10 },
    { id: "reflection_self", minutes: 10 },
  ],
  gratitude: [
    { id: "gratitude_three", minutes: 5 },
    { id: "gratitude_person", minutes: 10 },
    { id: "gratitude_small", minutes: 5 },
  ],
  processing: [
    { id: "processing_weight", minutes: 10 },
    { id: "processing_weather", minutes: 5 },
    { id: "processing_replay", minutes: 15 },
  ],
  growth: [
    { id: "growth_challenge", minutes: 10 },
    { id: "growth_step", minutes: 5 },
    { id: "growth_future", minutes: 15 },
  ],
  self_compassion: [
    { id: "compassion_friend", minutes: 10 },
    { id: "compassion_well", minutes: 5 },
    { id: "compassion_kindness", minutes: 10 },
  ],
} as const satisfies Record<JournalCategory, readonly { id: string; minutes: number }[]>;

export type PromptId = (typeof PROMPTS)[JournalCategory][number]["id"];

/** A prompt's words in one language. */
export interface PromptWords {
  text: string;
  /** Two or three questions to keep writing with. */
  followUps: string[];
}

/**
 * The prompt a journaling proposal offers for `category`: the core leaves it empty (it words nothing a
 * person reads), and the card shows the library's first prompt of the category in the person's language.
 */
export function proposedPrompt(
  prompts: Record<PromptId, PromptWords>,
  category: JournalCategory,
  prompt: string,
): string {
  return prompt.trim() === "" ? prompts[PROMPTS[category][0].id].text : prompt;
}

/** The follow-up questions of the library prompt worded `text` (in the person's language), if any. */
export function followUpsOf(prompts: Record<PromptId, PromptWords>, text: string | null): string[] {
  if (text === null) return [];
  return Object.values(prompts).find((p) => p.text === text)?.followUps ?? [];
}
