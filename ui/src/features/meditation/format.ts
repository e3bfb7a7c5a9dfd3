import { formatClock } from "../breathing/format";

/** A countdown's "m:ss": whole seconds left, rounded up (0.2 s left still shows 0:01). */
export function countdown(ms: number): string {
  return formatClock(Math.ceil(ms / 1000) * 1000);
}

/** Minutes in the person's language, to a tenth ("1.5", "1,5"). */
export function minutes(ms: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(ms / 60_000);
}
