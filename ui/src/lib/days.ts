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

/** Monday = 0 … Sunday = 6: where `day` falls in a Monday-first week. */
export function weekdayFromMonday(day: string): number {
  return (dayToDate(day).getDay() + 6) % 7;
}

/**
 * `date` as RFC 3339 in this device's offset at that instant, e.g. "2026-11-28T09:15:00.123+01:00"
 * ("+00:00" in UTC): the core takes an activity's calendar day from the offset its start is written in.
 */
export function localIsoString(date: Date = new Date()): string {
  const minutes = -date.getTimezoneOffset();
  const abs = Math.abs(minutes);
  const offset = `${minutes < 0 ? "-" : "+"}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  const ms = String(date.getMilliseconds()).padStart(3, "0");
  return `${localDay(date)}T${time}.${ms}${offset}`;
}
