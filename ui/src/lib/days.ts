// Calendar days as the core's DayRange takes them: `YYYY-MM-DD` on the person's own calendar, with
// their offset from UTC, so a day begins at their midnight.
import type { DayRange } from "./backend";

/** The trend periods offered, and how many days (today included) each covers. */
export const TREND_PERIODS = { week: 7, month: 30, quarter: 84 } as const;
export type TrendPeriod = keyof typeof TREND_PERIODS;

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** The local calendar day of `date`, `YYYY-MM-DD`. */
export function localDay(date: Date = new Date()): string {
  return `${String(date.getFullYear())}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A `YYYY-MM-DD` day as a local Date at noon (noon keeps daylight-saving shifts off the date). */
export function dayToDate(day: string): Date {
  const [y = 1970, m = 1, d = 1] = day.split("-").map(Number);
  return new Date(y, m - 1, d, 12);
}

/** The day `n` days after `day` (before, when negative). */
export function addDays(day: string, n: number): string {
  const date = dayToDate(day);
  date.setDate(date.getDate() + n);
  return localDay(date);
}

/** This device's offset from UTC now, in minutes east, as the core's DayRange wants it. */
export function utcOffsetMinutes(): number {
  return -new Date().getTimezoneOffset();
}

/** The range of `from`–`to` on this device's calendar. */
export function dayRange(from: string, to: string): DayRange {
  return { from, to, utcOffsetMinutes: utcOffsetMinutes() };
}

/** The last `days` days, today included. */
export function lastDays(days: number, today: string = localDay()): DayRange {
  return dayRange(addDays(today, 1 - days), today);
}

/** A `YYYY-MM-DD` day in the person's language, e.g. "Mar 5" (or with the year and weekday). */
export function formatDay(
  day: string,
  locale: string,
  options: Intl.DateTimeFormatOptions = { month: "short", day: "numeric" },
): string {
  return dayToDate(day).toLocaleDateString(locale, options);
}
