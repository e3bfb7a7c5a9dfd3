import { useState } from "react";
import { InlineError } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import type { BreathingSession, SessionStats } from "../../../../lib/backend";
import { formatClock } from "../../format";
import type { BreathingRun } from "../../hooks/useBreathingRun";
import { MoodPicker } from "../../../../components/MoodPicker";
import styles from "./SessionComplete.module.css";

export interface SessionCompleteProps {
  run: BreathingRun;
  ended: { completed: boolean; stats: SessionStats };
  onSaved: (session: BreathingSession) => void;
}

/** "Well done" with the session's stats, the mood after, and saving. */
export function SessionComplete({ run, ended, onSaved }: SessionCompleteProps) {
  const t = useT();
  const [mood, setMood] = useState<number | null>(null);
  const { stats } = ended;
  const wimHof = stats.technique === "wim_hof";
  const saving = run.pending === "finish";
  return (
    <section className={styles.panel} aria-labelledby="session-complete-title">
      <h2 id="session-complete-title" className={styles.title}>
        {ended.completed ? t.breathing.wellDone : t.breathing.stoppedTitle}
      </h2>
      <dl className={styles.stats}>
        <div>
          <dt>{t.breathing.duration}</dt>
          <dd>{formatClock(stats.activeMs)}</dd>
        </div>
        {wimHof ? (
          <>
            <div>
              <dt>{t.breathing.roundsCompleted}</dt>
              <dd>{stats.roundsCompleted}</dd>
            </div>
            <div>
              <dt>{t.breathing.averageRetention}</dt>
              <dd>{formatClock(stats.averageRetentionMs)}</dd>
            </div>
            <div>
              <dt>{t.breathing.bestRetention}</dt>
              <dd>{formatClock(stats.bestRetentionMs)}</dd>
            </div>
          </>
        ) : (
          <div>
            <dt>{t.breathing.cyclesCompleted}</dt>
            <dd>{stats.cyclesCompleted}</dd>
          </div>
        )}
      </dl>
      {wimHof && stats.retentionsMs.length > 0 ? (
        <div>
          <h3 className={styles.subtitle}>{t.breathing.roundResults}</h3>
          <ol className={styles.rounds}>
            {stats.retentionsMs.map((ms, i) => (
              <li key={i}>{t.breathing.roundResult(i + 1, formatClock(ms))}</li>
            ))}
          </ol>
        </div>
      ) : null}
      <MoodPicker legend={t.breathing.moodAfter} value={mood} onChange={setMood} onDark />
      <InlineError error={run.error} />
      <button
        type="button"
        className={styles.save}
        aria-busy={saving}
        onClick={() => {
          if (saving) return;
          void run.finish(mood).then((saved) => {
            if (saved !== null) onSaved(saved);
          });
        }}
      >
        {saving ? t.breathing.saving : t.breathing.save}
      </button>
    </section>
  );
}
