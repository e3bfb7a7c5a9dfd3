import { useEffect, useState } from "react";
import { ActivityOverlay } from "../../../../components/ActivityOverlay";
import { Button } from "../../../../components/Button";
import { InlineError } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import { localIsoString } from "../../../../lib/days";
import type { MeditationSession } from "../../../../lib/backend";
import { MoodPicker } from "../../../../components/MoodPicker";
import { useSaveMeditationSession } from "../../hooks/queries";
import styles from "./TimerMeditation.module.css";

/** How often the display refreshes; the time shown is always computed from the start instant. */
const REFRESH_MS = 250;
const RADIUS = 90;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

export interface TimerMeditationProps {
  profileId: string;
  /** The length chosen, 1–120 minutes. */
  minutes: number;
  /** The session is saved; the caller closes the timer. */
  onSaved: (session: MeditationSession) => void;
}

interface Ended {
  completed: boolean;
  durationMs: number;
  endedAt: string;
}

/** "m:ss" (or "mm:ss") from milliseconds, whole seconds. */
function clockText(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}`;
}

/**
 * A silent meditation timer, full screen (SPEC §5). Elapsed time is measured from one monotonic
 * start instant; a pause moves that instant forward by its length, so nothing drifts however long
 * the session. When the time is up or the person ends early, an optional mood and Done save it.
 */
export function TimerMeditation({ profileId, minutes, onSaved }: TimerMeditationProps) {
  const t = useT();
  const plannedMs = minutes * 60_000;
  const [startedAt] = useState(() => localIsoString());
  const [anchor, setAnchor] = useState(() => performance.now());
  const [now, setNow] = useState(anchor);
  const [pausedAt, setPausedAt] = useState<number | null>(null);
  const [ended, setEnded] = useState<Ended | null>(null);
  const [moodAfter, setMoodAfter] = useState<number | null>(null);
  const save = useSaveMeditationSession(profileId);

  const running = ended === null && pausedAt === null;
  useEffect(() => {
    if (!running) return;
    const tick = () => {
      const at = performance.now();
      setNow(at);
      if (at - anchor >= plannedMs) {
        setEnded({ completed: true, durationMs: plannedMs, endedAt: localIsoString() });
      }
    };
    const id = setInterval(tick, REFRESH_MS);
    return () => {
      clearInterval(id);
    };
  }, [running, anchor, plannedMs]);

  const elapsedMs =
    ended !== null
      ? ended.durationMs
      : Math.min(plannedMs, Math.max(0, (pausedAt ?? now) - anchor));
  const remainingSeconds = Math.ceil((plannedMs - elapsedMs) / 1000);
  const remaining = clockText(remainingSeconds);

  const pause = () => {
    const at = performance.now();
    setPausedAt(at);
    setNow(at);
  };
  const resume = () => {
    if (pausedAt === null) return;
    const at = performance.now();
    setAnchor((a) => a + (at - pausedAt));
    setPausedAt(null);
    setNow(at);
  };
  const endNow = () => {
    if (ended !== null) return;
    const elapsed = Math.min(plannedMs, Math.max(0, (pausedAt ?? performance.now()) - anchor));
    setEnded({
      completed: elapsed >= plannedMs,
      durationMs: Math.floor(elapsed),
      endedAt: localIsoString(),
    });
  };
  const done = () => {
    if (ended === null) return;
    save.mutate(
      {
        plannedMs,
        durationMs: ended.durationMs,
        completed: ended.completed,
        startedAt,
        endedAt: ended.endedAt,
        moodBefore: null,
        moodAfter,
      },
      { onSuccess: onSaved },
    );
  };

  return (
    <ActivityOverlay label={t.meditation.silentTimer} onEscape={endNow}>
      <h2 className={styles.title}>{t.meditation.silentTimer}</h2>
      <div
        className={styles.ring}
        role="progressbar"
        aria-label={t.meditation.progress}
        aria-valuemin={0}
        aria-valuemax={plannedMs / 1000}
        aria-valuenow={Math.floor(elapsedMs / 1000)}
        aria-valuetext={t.meditation.progressText(remaining)}
        data-paused={pausedAt !== null}
      >
        <svg viewBox="0 0 200 200" aria-hidden="true" focusable="false">
          <circle className={styles.track} cx="100" cy="100" r={RADIUS} />
          <circle
            className={styles.bar}
            cx="100"
            cy="100"
            r={RADIUS}
            strokeDasharray={CIRCUMFERENCE}
            strokeDashoffset={CIRCUMFERENCE * (1 - elapsedMs / plannedMs)}
          />
        </svg>
        <p className={styles.time} role="timer" aria-label={t.meditation.remaining}>
          {remaining}
        </p>
      </div>

      {ended === null ? (
        <>
          <p className={styles.status} aria-live="polite">
            {pausedAt !== null ? t.meditation.paused : ""}
          </p>
          <div className={styles.controls}>
            {pausedAt === null ? (
              <Button onClick={pause}>{t.meditation.pause}</Button>
            ) : (
              <Button variant="primary" onClick={resume}>
                {t.meditation.resume}
              </Button>
            )}
            <Button variant="ghost" className={styles.onDark} onClick={endNow}>
              {t.meditation.endNow}
            </Button>
          </div>
        </>
      ) : (
        <div className={styles.finish}>
          <p role="status">{ended.completed ? t.meditation.timeUp : t.meditation.endedEarly}</p>
          <p>{t.meditation.meditated(clockText(Math.floor(ended.durationMs / 1000)))}</p>
          <MoodPicker
            legend={t.meditation.moodAfter}
            value={moodAfter}
            onChange={setMoodAfter}
            onDark
          />
          <InlineError error={save.error} />
          <Button variant="primary" onClick={done} disabled={save.isPending}>
            {save.isPending ? t.meditation.saving : t.meditation.done}
          </Button>
        </div>
      )}
    </ActivityOverlay>
  );
}
