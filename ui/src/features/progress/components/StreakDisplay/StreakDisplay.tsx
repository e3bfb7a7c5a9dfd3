import { useId } from "react";
import { useT } from "../../../../i18n";
import type { Streak } from "../../../../lib/backend";
import { Bar } from "../Bar";
import styles from "./StreakDisplay.module.css";

/** The streak milestones (the core's MILESTONES), to measure the way to the next one. */
const MILESTONES = [7, 14, 30, 60, 90, 180, 365];

/** The current streak, the longest, and the milestone reached and the next one. */
export function StreakDisplay({ streak }: { streak: Streak }) {
  const t = useT();
  const id = useId();
  const { current, longest, activeToday, milestone, nextMilestone } = streak;
  const nudge =
    current === 0
      ? t.progress.startStreak
      : activeToday
        ? t.progress.activeToday
        : t.progress.keepGoing;
  // The way to the next milestone starts at the last one below it.
  const from =
    nextMilestone === null ? 0 : (MILESTONES.filter((m) => m < nextMilestone).pop() ?? 0);
  return (
    <section aria-labelledby={id} className={styles.streak}>
      <h2 id={id} className={styles.title}>
        {t.progress.streakTitle}
      </h2>
      <p className={styles.current}>{t.progress.streakDays(current)}</p>
      <p className={styles.muted}>{nudge}</p>
      <p>{t.progress.longest(longest)}</p>
      <div className={styles.milestones}>
        {milestone !== null ? <p>{t.progress.milestoneReached(milestone)}</p> : null}
        {nextMilestone !== null ? (
          <>
            <p>{t.progress.nextMilestone(nextMilestone, nextMilestone - current)}</p>
            <Bar
              value={Math.max(current, from)}
              min={from}
              max={nextMilestone}
              label={t.progress.milestoneLabel}
              valueText={t.progress.streakDays(current)}
            />
          </>
        ) : (
          <p>{t.progress.allMilestones}</p>
        )}
      </div>
    </section>
  );
}
