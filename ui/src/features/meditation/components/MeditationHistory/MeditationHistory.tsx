import { useId } from "react";
import { ErrorState, Loading } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import type { MeditationSession } from "../../../../lib/backend";
import { formatDate } from "../../../breathing/format";
import { minutes } from "../../format";
import { useMeditationSessions } from "../../hooks/queries";
import styles from "./MeditationHistory.module.css";

/** The saved sessions, newest first: when, how long of the plan, how it ended and sounded, moods. */
export function MeditationHistory({ profileId, locale }: { profileId: string; locale: string }) {
  const t = useT();
  const titleId = useId();
  const sessions = useMeditationSessions(profileId);
  return (
    <section className={styles.section} aria-labelledby={titleId}>
      <h2 id={titleId} className={styles.title}>
        {t.meditation.historyTitle}
      </h2>
      {sessions.isPending ? (
        <Loading />
      ) : sessions.isError ? (
        <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : sessions.data.length === 0 ? (
        <p className={styles.muted}>{t.meditation.historyEmpty}</p>
      ) : (
        <ul className={styles.list} aria-labelledby={titleId}>
          {sessions.data.map((session) => (
            <SessionItem key={session.id} session={session} locale={locale} />
          ))}
        </ul>
      )}
    </section>
  );
}

function SessionItem({ session, locale }: { session: MeditationSession; locale: string }) {
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
  return (
    <li className={styles.item}>
      <div className={styles.head}>
        <span className={styles.when}>{formatDate(session.startedAt, locale)}</span>
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
      <span className={styles.muted}>{sound.join(" · ")}</span>
      {hasMood ? (
        <span className={styles.muted}>
          {t.meditation.moods(mood(session.moodBefore), mood(session.moodAfter))}
        </span>
      ) : null}
    </li>
  );
}
