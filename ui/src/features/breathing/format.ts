/** "m:ss" for a stopwatch or a duration (rounded down to whole seconds). */
export function formatClock(ms: number | null | undefined): string {
  const total = Math.max(0, Math.floor((ms ?? 0) / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${String(minutes)}:${String(seconds).padStart(2, "0")}`;
}

/** Whole seconds left in a countdown (a phase with 0.2 s left still shows 1). */
export function secondsLeft(ms: number | null | undefined): number {
  return Math.max(0, Math.ceil((ms ?? 0) / 1000));
}

/** A session's date in the person's language. */
export function formatDate(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" });
}
