import { useId, useState } from "react";
import { ActivityOverlay } from "../../../../components/ActivityOverlay";
import { Button } from "../../../../components/Button";
import { MoodPicker } from "../../../../components/MoodPicker";
import { InlineError } from "../../../../components/StatusView";
import { useLocale, useT } from "../../../../i18n";
import type { MeditationSession } from "../../../../lib/backend";
import { formatClock } from "../../../breathing/format";
import { countdown, minutes } from "../../format";
import type { MeditationRun, TimerView } from "../../hooks/useMeditationRun";
import styles from "./TimerMeditation.module.css";

const RADIUS = 90;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

export interface TimerMeditationProps {
  /** A started timer (see useMeditationRun). */
  run: MeditationRun;
  /** The session is saved; the caller closes the timer. */
  onSaved: (session: MeditationSession) => void;
}

/**
 * A meditation timer, full screen (SPEC §5), as the core runs it: the time left from its ticks, a
 * quiet ring that fills, a pulse when a bell rings, pause, resume and end now. When the time is up
 * or the person ends early, an optional mood and Save keep it.
 */
export function TimerMeditation({ run, onSaved }: TimerMeditationProps) {
  const t = useT();
  const { view } = run;
  const plannedMs = view.live?.config.plannedMs ?? 0;
  const remainingMs =
    view.ended !== null ? Math.max(0, plannedMs - view.ended.durationMs) : (view.remainingMs ?? 0);
  const elapsedMs = Math.min(plannedMs, Math.max(0, plannedMs - remainingMs));
  const remaining = countdown(remainingMs);
  const fraction = plannedMs > 0 ? elapsedMs / plannedMs : 0;
  const stop = () => {
    if (view.live !== null && view.ended === null) void run.control("stop");
  };

  return (
    <ActivityOverlay label={t.meditation.silentTimer} onEscape={stop}>
      <h2 className={styles.title}>{t.meditation.silentTimer}</h2>
      <div
        className={styles.ring}
        role="progressbar"
        aria-label={t.meditation.progress}
        aria-valuemin={0}
        aria-valuemax={Math.round(plannedMs / 1000)}
        aria-valuenow={Math.floor(elapsedMs / 1000)}
        aria-valuetext={t.meditation.progressText(remaining)}
        data-paused={view.paused}
        data-ended={view.ended !== null}
      >
        <span className={styles.glow} aria-hidden="true" />
        {view.bellsRung > 0 ? (
          // A new key replays the pulse for each bell.
          <span key={view.bellsRung} className={styles.pulse} aria-hidden="true" />
        ) : null}
        <svg viewBox="0 0 200 200" aria-hidden="true" focusable="false">
          <circle className={styles.track} cx="100" cy="100" r={RADIUS} />
          <circle
            className={styles.bar}
            cx="100"
            cy="100"
            r={RADIUS}
            strokeDasharray={CIRCUMFERENCE}
            strokeDashoffset={CIRCUMFERENCE * (1 - fraction)}
          />
        </svg>
        <p className={styles.time} role="timer" aria-label={t.meditation.remaining}>
          {remaining}
        </p>
      </div>

      {view.ended === null ? (
        <>
          <p className={styles.status} aria-live="polite">
            {statusText(t, view)}
          </p>
          <InlineError error={run.error} />
          <div className={styles.controls}>
            {view.paused ? (
              <Button
                variant="primary"
                disabled={run.pending !== null}
                onClick={() => void run.control("resume")}
              >
                {t.meditation.resume}
              </Button>
            ) : (
              <Button
                disabled={run.pending !== null || view.live === null}
                onClick={() => void run.control("pause")}
              >
                {t.meditation.pause}
              </Button>
            )}
            <Button
              variant="ghost"
              className={styles.onDark}
              disabled={run.pending === "stop" || view.live === null}
              onClick={stop}
            >
              {t.meditation.endNow}
            </Button>
          </div>
        </>
      ) : (
        <TimerFinish run={run} ended={view.ended} plannedMs={plannedMs} onSaved={onSaved} />
      )}
    </ActivityOverlay>
  );
}

/** "Paused", or what the last bell said. */
function statusText(t: ReturnType<typeof useT>, view: TimerView): string {
  if (view.paused) return t.meditation.paused;
  if (view.lastBell === null) return "";
  return t.meditation.bellRang[view.lastBell.kind](formatClock(view.lastBell.atMs));
}

interface TimerFinishProps {
  run: MeditationRun;
  ended: NonNullable<TimerView["ended"]>;
  plannedMs: number;
  onSaved: (session: MeditationSession) => void;
}

/** "Well done" or "Ended early", the minutes meditated, the mood after, and Save. */
function TimerFinish({ run, ended, plannedMs, onSaved }: TimerFinishProps) {
  const t = useT();
  const locale = useLocale();
  const titleId = useId();
  const [moodAfter, setMoodAfter] = useState<number | null>(null);
  const saving = run.pending === "finish";
  const save = () => {
    if (saving) return;
    void run.finish(moodAfter).then((saved) => {
      if (saved !== null) onSaved(saved);
    });
  };
  return (
    <section className={styles.finish} aria-labelledby={titleId}>
      <h3 id={titleId} className={styles.finishTitle}>
        {ended.completed ? t.meditation.wellDone : t.meditation.endedEarly}
      </h3>
      <p>{t.meditation.meditated(minutes(ended.durationMs, locale), minutes(plannedMs, locale))}</p>
      <MoodPicker
        legend={t.meditation.moodAfter}
        value={moodAfter}
        onChange={setMoodAfter}
        onDark
      />
      <InlineError error={run.error} />
      <Button variant="primary" onClick={save} aria-busy={saving}>
        {saving ? t.meditation.saving : t.meditation.save}
      </Button>
    </section>
  );
}
