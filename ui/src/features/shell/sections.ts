/** The Discover sections, in sidebar order. */
export const SECTIONS = [
  "breathing",
  "meditation",
  "journaling",
  "mood",
  "wellness",
  "progress",
] as const;

export type Section = (typeof SECTIONS)[number];

/** What the main area shows. */
export type View = "chat" | "settings" | "memories" | Section;
