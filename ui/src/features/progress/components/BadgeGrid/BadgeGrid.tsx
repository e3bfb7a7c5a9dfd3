import { useId } from "react";
import { useT } from "../../../../i18n";
import type { Badge } from "../../../../lib/backend";
import { formatDay } from "../../../../lib/days";
import { Bar } from "../Bar";
import styles from "./BadgeGrid.module.css";

export interface BadgeGridProps {
  badges: Badge[];
  locale: string;
}

/** Every badge: when it was earned, or how far along it is. */
export function BadgeGrid({ badges, locale }: BadgeGridProps) {
  const t = useT();
  const id = useId();
  return (
    <section aria-labelledby={id} className={styles.badges}>
      <h2 id={id} className={styles.title}>
        {t.progress.badgesTitle}
      </h2>
      <ul className={styles.grid}>
        {badges.map((badge) => {
          const words = t.progress.badges[badge.code];
          const count = t.progress.badgeProgress(badge.progress, badge.target);
          return (
            <li key={badge.code} className={styles.badge} data-earned={badge.earnedOn !== null}>
              <svg viewBox="0 0 24 24" aria-hidden="true" className={styles.icon}>
                <path d="M12 2.5l2.9 6 6.6.9-4.8 4.6 1.2 6.5L12 17.4l-5.9 3.1 1.2-6.5-4.8-4.6 6.6-.9z" />
              </svg>
              <h3 className={styles.name}>{words.name}</h3>
              <p className={styles.description}>{words.description}</p>
              {badge.earnedOn !== null ? (
                <p className={styles.earned}>
                  {t.progress.earnedOn(
                    formatDay(badge.earnedOn, locale, {
                      day: "numeric",
                      month: "short",
                      year: "numeric",
                    }),
                  )}
                </p>
              ) : (
                <div className={styles.progress}>
                  <Bar
                    value={badge.progress}
                    max={badge.target}
                    label={t.progress.badgeProgressLabel(words.name)}
                    valueText={count}
                  />
                  <p className={styles.count} aria-hidden="true">
                    {count}
                  </p>
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
