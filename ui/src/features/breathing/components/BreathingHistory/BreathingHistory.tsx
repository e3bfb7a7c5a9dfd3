import { useState } from "react";
import { Button } from "../../../../components/Button";
import { LoadMore } from "../../../../components/LoadMore";
import { ConfirmDialog } from "../../../../components/ConfirmDialog";
import { ErrorState, Loading } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import type { BreathingSession } from "../../../../lib/backend";
import { formatClock, formatDate } from "../../format";
import {
  useBreathingHistory,
  useBreathingStats,
  useDeleteBreathingSession,
  useRetentionTrend,
} from "../../hooks/queries";
import { RetentionTrendChart } from "../RetentionTrendChart";
import listStyles from "../../../../styles/listSection.module.css";
import styles from "./BreathingHistory.module.css";

/** Saved sessions (newest first, deletable), per-technique and monthly stats, retention trend. */
export function BreathingHistory({ profileId, locale }: { profileId: string; locale: string }) {
  const t = useT();
  const history = useBreathingHistory(profileId);
  const remove = useDeleteBreathingSession(profileId);
  const [confirming, setConfirming] = useState<BreathingSession | null>(null);

  return (
    <div className={styles.page}>
      <BreathingStatsPanel profileId={profileId} />
      <section aria-labelledby="breathing-history-title" className={listStyles.section}>
        <h2 id="breathing-history-title" className={listStyles.title}>
          {t.breathing.historyTitle}
        </h2>
        {history.isPending ? (
          <Loading />
        ) : history.isError ? (
          <ErrorState error={history.error} onRetry={() => void history.refetch()} />
        ) : history.data.pages[0]?.total === 0 ? (
          <p className={listStyles.muted}>{t.breathing.historyEmpty}</p>
        ) : (
          <>
            <ul className={listStyles.list}>
              {history.data.pages
                .flatMap((page) => page.items)
                .map((session) => {
                  const when = formatDate(session.startedAt, locale);
                  return (
                    <li key={session.id} className={listStyles.rowItem}>
                      <div className={styles.itemText}>
                        <span className={styles.itemName}>
                          {t.breathing.techniques[session.technique]}
                        </span>
                        <span className={listStyles.muted}>
                          {when} · {formatClock(session.durationMs)} ·{" "}
                          {session.completed ? t.breathing.completed : t.breathing.stopped}
                        </span>
                      </div>
                      <Button
                        variant="ghost"
                        aria-label={t.breathing.deleteSession(when)}
                        onClick={() => {
                          remove.reset();
                          setConfirming(session);
                        }}
                      >
                        {t.breathing.delete}
                      </Button>
                    </li>
                  );
                })}
            </ul>
            <LoadMore list={history} label={t.breathing.showMore} />
          </>
        )}
      </section>
      {confirming !== null ? (
        <ConfirmDialog
          title={t.breathing.deleteTitle}
          description={t.breathing.deleteText}
          confirmLabel={t.breathing.delete}
          pending={remove.isPending}
          error={remove.error}
          onCancel={() => {
            setConfirming(null);
          }}
          onConfirm={() => {
            remove.mutate(confirming.id, {
              onSuccess: () => {
                setConfirming(null);
              },
            });
          }}
        />
      ) : null}
    </div>
  );
}

function BreathingStatsPanel({ profileId }: { profileId: string }) {
  const t = useT();
  const stats = useBreathingStats(profileId);
  const trend = useRetentionTrend(profileId);
  return (
    <section aria-labelledby="breathing-stats-title" className={listStyles.section}>
      <h2 id="breathing-stats-title" className={listStyles.title}>
        {t.breathing.statsTitle}
      </h2>
      {stats.isPending ? (
        <Loading />
      ) : stats.isError ? (
        <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />
      ) : stats.data.totalSessions === 0 ? (
        <p className={listStyles.muted}>{t.breathing.statsEmpty}</p>
      ) : (
        <>
          <dl className={styles.stats}>
            {stats.data.byTechnique.map((row) => (
              <div key={row.technique}>
                <dt>{t.breathing.techniques[row.technique]}</dt>
                <dd>
                  {t.breathing.techniqueStats(
                    row.started,
                    row.completed,
                    formatClock(row.totalDurationMs),
                  )}
                </dd>
              </div>
            ))}
          </dl>
          {stats.data.wimHof.sessions > 0 ? (
            <dl className={styles.stats} aria-label={t.breathing.wimHofStats}>
              <div>
                <dt>{t.breathing.averageRetention}</dt>
                <dd>{formatClock(stats.data.wimHof.averageRetentionMs)}</dd>
              </div>
              <div>
                <dt>{t.breathing.bestRetention}</dt>
                <dd>{formatClock(stats.data.wimHof.bestRetentionMs)}</dd>
              </div>
              <div>
                <dt>{t.breathing.totalDuration}</dt>
                <dd>{formatClock(stats.data.wimHof.totalDurationMs)}</dd>
              </div>
            </dl>
          ) : null}
          {stats.data.monthly.length > 0 ? (
            <dl className={styles.stats} aria-label={t.breathing.monthly}>
              {stats.data.monthly.map((m) => (
                <div key={m.month}>
                  <dt>{m.month}</dt>
                  <dd>{t.breathing.monthlyRow(m.sessions, formatClock(m.totalDurationMs))}</dd>
                </div>
              ))}
            </dl>
          ) : null}
        </>
      )}
      <h3 className={styles.subtitle}>{t.breathing.trendTitle}</h3>
      {trend.isPending ? (
        <Loading />
      ) : trend.isError ? (
        <ErrorState error={trend.error} onRetry={() => void trend.refetch()} />
      ) : (
        <RetentionTrendChart points={trend.data} />
      )}
    </section>
  );
}
