import type { GuidedKind, GuidedTrack } from "../../lib/backend";

/** What a guided track can practise, in the order they are offered. */
export const GUIDED_KINDS: readonly GuidedKind[] = [
  "body_scan",
  "breathing_focus",
  "loving_kindness",
  "difficulties",
  "sleep",
  "daily_mindfulness",
];

/** The core's progress job of the voice speaking a meditation (one step per sentence and pause). */
export const VOICE_JOB = "meditation.voice";
/** The core's progress job of the chat model writing a meditation for the person (0 of 1, then 1 of 1). */
export const WRITE_JOB = "meditation.write";

/** The languages a track can be marked with (the app's own). */
export const TRACK_LANGUAGES = ["en", "es"] as const;
export type TrackLanguage = (typeof TRACK_LANGUAGES)[number];

export function isTrackLanguage(code: string): code is TrackLanguage {
  return TRACK_LANGUAGES.some((language) => language === code);
}

/** The written meditations the UI has titles for (the core lists them; their titles are the UI's). */
export const WRITTEN_IDS = ["breathing-focus-3", "body-scan-10"] as const;
export type WrittenId = (typeof WRITTEN_IDS)[number];

export function isWrittenId(id: string): id is WrittenId {
  return WRITTEN_IDS.some((known) => known === id);
}

/** The library's length filter: short up to 5 minutes, medium up to 15, long beyond. */
export const LENGTH_FILTERS = ["all", "short", "medium", "long"] as const;
export type LengthFilter = (typeof LENGTH_FILTERS)[number];

const SHORT_MS = 5 * 60_000;
const MEDIUM_MS = 15 * 60_000;

export function fitsLength(durationMs: number, filter: LengthFilter): boolean {
  switch (filter) {
    case "all":
      return true;
    case "short":
      return durationMs <= SHORT_MS;
    case "medium":
      return durationMs > SHORT_MS && durationMs <= MEDIUM_MS;
    case "long":
      return durationMs > MEDIUM_MS;
  }
}

export interface TrackFilter {
  kind: GuidedKind | null;
  length: LengthFilter;
  favouritesOnly: boolean;
}

export const NO_FILTER: TrackFilter = { kind: null, length: "all", favouritesOnly: false };

export function matches(track: GuidedTrack, filter: TrackFilter): boolean {
  return (
    (filter.kind === null || track.kind === filter.kind) &&
    fitsLength(track.durationMs, filter.length) &&
    (!filter.favouritesOnly || track.favourite)
  );
}

/** A path's last part ("/music/Body scan.mp3" → "Body scan.mp3"), whatever the separator. */
export function fileName(path: string): string {
  return path.split(/[/\\]/).pop() ?? path;
}

/** A file's name without its extension, as the core titles a track when no title is given. */
export function fileStem(path: string): string {
  const name = fileName(path);
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(0, dot) : name;
}
