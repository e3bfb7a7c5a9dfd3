import type { Messages } from "../../i18n";
import type { Reminder, ReminderKind, Weekday } from "../../lib/backend";
import { weekdayNames } from "../progress/format";

/** The days of a week, Monday first, as the core names them. */
export const WEEK: readonly Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

export const REMINDER_KINDS: readonly ReminderKind[] = ["checkin", "practice"];

/** The short names of the days in `locale` ("Mon", "lun"…), by day. */
export function shortDayNames(locale: string): Record<Weekday, string> {
  const names = weekdayNames(locale, "short");
  return Object.fromEntries(WEEK.map((day, i) => [day, names[i] ?? day])) as Record<
    Weekday,
    string
  >;
}

/** A reminder on one line in the person's language, e.g. "Mood check-in at 08:30 · Mon, Wed". */
export function reminderSummary(
  t: Messages,
  locale: string,
  reminder: Pick<Reminder, "kind" | "time" | "days">,
): string {
  const copy = t.reminders;
  const names = shortDayNames(locale);
  const days =
    reminder.days.length === WEEK.length
      ? copy.everyDay
      : WEEK.filter((d) => reminder.days.includes(d))
          .map((d) => names[d])
          .join(", ");
  return copy.summary(copy.kinds[reminder.kind], reminder.time, days);
}
