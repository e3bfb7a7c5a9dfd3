import { BackendError, type Subject } from "../lib/backend";

/** Every parameter of an AppError, null, as the core sends those a reason does not use. */
export const NO_PARAMS = {
  subject: null,
  min: null,
  max: null,
  actual: null,
  value: null,
  expected: null,
  item: null,
  said: null,
};

/** Whether `raw` is an id as the core makes them (a UUID). */
export function isId(raw: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(raw.trim());
}

/** The core's page check: `limit` (else `fallback`) within 1–`max`; the limit to use. */
export function pageLimit(limit: number | null, fallback: number, max: number): number {
  const wanted = limit ?? fallback;
  if (wanted < 1 || wanted > max) {
    throw new BackendError("validation", "out_of_range", {
      subject: "page_size",
      min: 1,
      max,
      actual: wanted,
    });
  }
  return wanted;
}

/** The core's text check: trimmed, not empty, at most `max` characters; otherwise its error. */
export function requireText(raw: string, subject: Subject, max: number): string {
  const text = raw.trim();
  if (text === "") throw new BackendError("validation", "empty", { subject });
  const count = Array.from(text).length;
  if (count > max) {
    throw new BackendError("validation", "too_long", { subject, max, actual: count });
  }
  return text;
}
