import { useId, useState } from "react";
import { Button } from "../../../../components/Button";
import { ConfirmDialog } from "../../../../components/ConfirmDialog";
import { LoadMore } from "../../../../components/LoadMore";
import { ErrorState, Loading } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import type { MeditationSession } from "../../../../lib/backend";
import { formatDate } from "../../../breathing/format";
import { minutes } from "../../format";
import { useDeleteMeditationSession, useMeditationHistory } from "../../hooks/queries";
import listStyles from "../../../../styles/listSection.module.css";
import styles from "./MeditationHistory.module.css";

/**
 * The saved sessions, newest first, a page at a time (deletable): when, how long of the plan, how it ended and
 * sounded, moods.
 */
export function MeditationHistory({ profileId, locale }: { profileId: string; locale: string }) {
  const t = useT();
  const titleId = useId();
  const history = useMeditationHistory(profileId);
  const remove = useDeleteMeditationSession(profileId);
  const [confirming, setConfirming] = useState<MeditationSession | null>(null);
  return (
    <section className={`${listStyles.section} ${styles.section}`} aria-labelledby={titleId}>
      <h2 id={titleId} className={listStyles.title}>
        {t.meditation.historyTitle}
      </h2>
      {history.isPending ? (
        <Loading />
      ) : history.isError ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} />
      ) : history.data.pages[0]?.total === 0 ? (
        <p className={listStyles.muted}>{t.meditation.historyEmpty}</p>
      ) : (
        <>
          <ul className={listStyles.list} aria-labelledby={titleId}>
            {history.data.pages
              .flatMap((page) => page.items)
              .map((session) => (
                <SessionItem
                  key={session.id}
                  session={session}
                  locale={locale}
                  onDelete={() => {
                    remove.reset();
                    setConfirming(session);
                  }}
                />
              ))}
          </ul>
          <LoadMore list={history} label={t.meditation.showMore} />
        </>
      )}
      {confirming !== null ? (
        <ConfirmDialog
          title={t.meditation.deleteTitle}
          description={t.meditation.deleteText}
          confirmLabel={t.meditation.delete}
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
    </section>
  );
}

function SessionItem({
  session,
  locale,
  onDelete,
}: {
  session: MeditationSession;
  locale: string;
  onDelete: () => void;
}) {
  const t = useT();
  // The timer's settings are optional in its type; a saved session always sends them (null when off).
  const { ambient, binaural, intervalMs } = session;
  const sound = [
    ambient == null ? t.meditation.silence : t.meditation.beds[ambient],
    ...(binaural == null ? [] : [t.meditation.bandShort[binaural]]),
    intervalMs == null
      ? t.meditation.noBells
      : t.meditation.bellEvery(Math.round(intervalMs / 60_000)),
  ];
  const mood = (value: number | null) => (value === null ? t.meditation.noMood : String(value));
  const hasMood = session.moodBefore !== null || session.moodAfter !== null;
  const when = formatDate(session.startedAt, locale);
  return (
    <li className={listStyles.rowItem}>
      <div className={styles.itemText}>
        <div className={styles.head}>
          <span className={styles.when}>{when}</span>
          <span className={styles.outcome} data-completed={session.completed}>
            {session.completed ? t.meditation.completed : t.meditation.stopped}
          </span>
        </div>
        <span>
          {t.meditation.minutesOf(
            minutes(session.durationMs, locale),
            minutes(session.plannedMs, locale),
          )}
        </span>
        <span className={listStyles.muted}>{sound.join(" · ")}</span>
        {hasMood ? (
          <span className={listStyles.muted}>
            {t.meditation.moods(mood(session.moodBefore), mood(session.moodAfter))}
          </span>
        ) : null}
      </div>
      <Button variant="ghost" aria-label={t.meditation.deleteSession(when)} onClick={onDelete}>
        {t.meditation.delete}
      </Button>
    </li>
  );
}
