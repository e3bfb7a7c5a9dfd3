import { useId, useMemo, useState } from "react";
import { Button } from "../../../../components/Button";
import { useT } from "../../../../i18n";
import { addDays, formatDay, weekdayFromMonday } from "../../../../lib/days";
import { weekdayNames } from "../../format";
import styles from "./ActivityCalendar.module.css";

/** Days the calendar can show, today included (the core returns this many). */
const CALENDAR_DAYS = 365;

export interface ActivityCalendarProps {
  /** Days with a completed activity, `YYYY-MM-DD`. */
  activeDays: string[];
  today: string;
  locale: string;
}

/** `YYYY-MM` `n` months after `month`. */
function shiftMonth(month: string, n: number): string {
  const [y = 1970, m = 1] = month.split("-").map(Number);
  const date = new Date(y, m - 1 + n, 1);
  return `${String(date.getFullYear())}-${String(date.getMonth() + 1).padStart(2, "0")}`;
}

/** The weeks of `month`, Monday first: each a row of 7 days, null outside the month. */
function weeksOf(month: string): (string | null)[][] {
  const [y = 1970, m = 1] = month.split("-").map(Number);
  const length = new Date(y, m, 0).getDate();
  const first = `${month}-01`;
  const cells: (string | null)[] = [
    ...Array.from({ length: weekdayFromMonday(first) }, () => null),
    ...Array.from({ length }, (_, i) => addDays(first, i)),
  ];
  while (cells.length % 7 !== 0) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
}

/** A month grid with the active days marked; it goes back as far as the last 365 days. */
export function ActivityCalendar({ activeDays, today, locale }: ActivityCalendarProps) {
  const t = useT();
  const id = useId();
  const first = addDays(today, 1 - CALENDAR_DAYS);
  const [month, setMonth] = useState(today.slice(0, 7));
  const active = useMemo(() => new Set(activeDays), [activeDays]);
  const initials = weekdayNames(locale, "narrow");
  const names = weekdayNames(locale, "long");
  const monthName = formatDay(`${month}-01`, locale, { month: "long", year: "numeric" });

  const label = (day: string) => {
    const date = formatDay(day, locale, {
      weekday: "long",
      day: "numeric",
      month: "long",
      year: "numeric",
    });
    return day < first || day > today ? date : t.progress.dayStatus(date, active.has(day));
  };

  return (
    <section aria-labelledby={`${id}-title`} className={styles.calendar}>
      <h2 id={`${id}-title`} className={styles.title}>
        {t.progress.calendarTitle}
      </h2>
      <div className={styles.bar}>
        <Button
          variant="ghost"
          aria-label={t.progress.previousMonth}
          disabled={month <= first.slice(0, 7)}
          onClick={() => {
            setMonth(shiftMonth(month, -1));
          }}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true" className={styles.chevron}>
            <path d="M15 6l-6 6 6 6" />
          </svg>
        </Button>
        <p id={`${id}-month`} className={styles.month} aria-live="polite">
          {monthName}
        </p>
        <Button
          variant="ghost"
          aria-label={t.progress.nextMonth}
          disabled={month >= today.slice(0, 7)}
          onClick={() => {
            setMonth(shiftMonth(month, 1));
          }}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true" className={styles.chevron}>
            <path d="M9 6l6 6-6 6" />
          </svg>
        </Button>
      </div>
      <table className={styles.grid} aria-labelledby={`${id}-month`}>
        <thead>
          <tr>
            {names.map((name, i) => (
              <th key={name} scope="col" abbr={name}>
                <span aria-hidden="true">{initials[i]}</span>
                <span className="visually-hidden">{name}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeksOf(month).map((week, w) => (
            <tr key={w}>
              {week.map((day, d) =>
                day === null ? (
                  <td key={`blank-${String(d)}`} />
                ) : (
                  <td
                    key={day}
                    aria-label={label(day)}
                    className={styles.day}
                    data-active={active.has(day)}
                    data-today={day === today}
                    data-outside={day < first || day > today}
                  >
                    <span className={styles.number}>{Number(day.slice(8))}</span>
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
