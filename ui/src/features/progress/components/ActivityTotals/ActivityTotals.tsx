import { useId } from "react";
import { useT } from "../../../../i18n";
import type { ActivityTotal } from "../../../../lib/backend";
import styles from "./ActivityTotals.module.css";

export interface ActivityTotalsProps {
  totals: ActivityTotal[];
  locale: string;
}

/** How many of each kind of activity were completed. */
export function ActivityTotals({ totals, locale }: ActivityTotalsProps) {
  const t = useT();
  const id = useId();
  const number = new Intl.NumberFormat(locale);
  return (
    <section aria-labelledby={id} className={styles.section}>
      <h2 id={id} className={styles.title}>
        {t.progress.totalsTitle}
      </h2>
      <ul className={styles.totals}>
        {totals.map(({ activity, completed }) => (
          <li key={activity} className={styles.total}>
            <span className={styles.count}>{number.format(completed)}</span>{" "}
            <span>{t.progress.totals[activity](completed)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
