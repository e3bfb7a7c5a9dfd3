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
