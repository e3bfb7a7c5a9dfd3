import { useId } from "react";
import { ErrorState, Loading } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import { formatScore, kindName } from "../../format";
import { useEffectiveness } from "../../hooks/queries";
import { Bar } from "../Bar";
import listStyles from "../../../../styles/listSection.module.css";
import styles from "./WhatHelps.module.css";

export interface WhatHelpsProps {
  profileId: string;
  locale: string;
}

/** Each kind of activity the person has done, best first: its score, and how it moved their mood. */
export function WhatHelps({ profileId, locale }: WhatHelpsProps) {
  const t = useT();
  const id = useId();
  const list = useEffectiveness(profileId);

  const content = (() => {
    if (list.isPending) return <Loading />;
    if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
    if (list.data.length === 0) return <p className={listStyles.muted}>{t.progress.helpsEmpty}</p>;
    return (
      <ul className={listStyles.list} aria-labelledby={id}>
        {list.data.map((e) => {
          const name = kindName(t, e.activity, e.kind);
          const score = t.progress.score(formatScore(e.score, locale));
          return (
            <li key={`${e.activity}-${e.kind}`} className={listStyles.item}>
              <div className={styles.head}>
                <h3 className={styles.name}>{name}</h3>
                <span className={styles.tag}>{t.mood.activities[e.activity]}</span>
                {e.recommended ? (
                  <span className={styles.recommended}>{t.progress.recommended}</span>
                ) : null}
              </div>
              <Bar
                role="meter"
                value={e.score ?? 0}
                max={100}
                label={t.progress.scoreLabel(name)}
                valueText={score}
              />
              <p className={styles.meta} aria-hidden="true">
                {score}
              </p>
              <p className={styles.meta}>{t.progress.completedOf(e.completed, e.started)}</p>
              <p>
                {e.recentRated > 0
                  ? t.progress.improvedRecent(e.recentImproved, e.recentRated)
                  : t.progress.noMoods}
              </p>
            </li>
          );
        })}
      </ul>
    );
  })();

  return (
    <section aria-labelledby={id} className={listStyles.section}>
      <h2 id={id} className={listStyles.title}>
        {t.progress.helpsTitle}
      </h2>
      <p className={listStyles.muted}>{t.progress.helpsIntro}</p>
      {content}
    </section>
  );
}
