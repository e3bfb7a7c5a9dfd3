/** Characters a message may have (the core counts Unicode scalar values of the trimmed text). */
export const MAX_MESSAGE_CHARS = 8000;
/** From here on the input shows how many characters are left. */
export const COUNTER_FROM = 7000;

/** The length the core checks: Unicode scalar values of the trimmed text. */
export function messageLength(text: string): number {
  return Array.from(text.trim()).length;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** "5 minutes ago", "yesterday", "hace 2 horas": a past time relative to `now`, in `locale`. */
export function relativeTime(iso: string, locale: string, now: number = Date.now()): string {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return iso;
  const seconds = Math.round((then - now) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(0, "second");
}

/** A number in `locale`, e.g. 8,000 or 8.000. */
export function formatCount(n: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(n);
}

/** The regions whose helplines the core knows (crates/wbot-core/src/chat/crisis.rs); "" is the default. */
export const HELPLINE_REGIONS = ["", "US", "GB", "IE", "CA", "AU", "NZ", "ES"] as const;
export type HelplineRegion = (typeof HELPLINE_REGIONS)[number];
