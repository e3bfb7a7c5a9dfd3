import { useId } from "react";
import { useT } from "../../../../i18n";
import type { WeeklyGoal } from "../../../../lib/backend";
import { addDays, formatDay } from "../../../../lib/days";
import { weekdayNames } from "../../format";
import { Bar } from "../Bar";
import styles from "./WeeklyGoals.module.css";

export interface WeeklyGoalsProps {
  goal: WeeklyGoal;
  locale: string;
}

/** This Monday-first week: active days out of the goal, and a dot per day. */
export function WeeklyGoals({ goal, locale }: WeeklyGoalsProps) {
  const t = useT();
  const id = useId();
  const initials = weekdayNames(locale, "narrow");
  const progress = t.progress.weekProgress(goal.activeDays, goal.goalDays);
  return (
    <section aria-labelledby={id} className={styles.week}>
      <h2 id={id} className={styles.title}>
        {t.progress.weekTitle}
      </h2>
      <p className={styles.count}>{progress}</p>
      <Bar
        value={goal.activeDays}
        max={goal.goalDays}
        label={t.progress.weekLabel}
        valueText={progress}
      />
      <ol className={styles.days} aria-label={t.progress.weekDays}>
        {goal.days.map((active, i) => {
          const day = addDays(goal.weekStart, i);
          const name = formatDay(day, locale, { weekday: "long", month: "long", day: "numeric" });
          return (
            <li
              key={day}
              className={styles.day}
              data-active={active}
              aria-label={t.progress.dayStatus(name, active)}
            >
              <span className={styles.dot} />
              <span className={styles.initial}>{initials[i]}</span>
            </li>
          );
        })}
      </ol>
      {goal.activeDays >= goal.goalDays ? <p className={styles.met}>{t.progress.weekMet}</p> : null}
    </section>
  );
}
