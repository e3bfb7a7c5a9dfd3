import { useEffect, useRef } from "react";
import { ActivityOverlay } from "../../../../components/ActivityOverlay";
import { InlineError } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import type { BreathingSession } from "../../../../lib/backend";
import { formatClock, secondsLeft } from "../../format";
import type { BreathingRun } from "../../hooks/useBreathingRun";
import { BreathingBackground } from "../BreathingBackground";
import { BreathingCircle, phaseTone } from "../BreathingCircle";
import { BreathingControls } from "../BreathingControls";
import { BreathingProgress } from "../BreathingProgress";
import { SessionComplete } from "../SessionComplete";
import styles from "./WimHofExercise.module.css";

export interface WimHofExerciseProps {
  run: BreathingRun;
  title: string;
  onSaved: (session: BreathingSession) => void;
}

/** Keys that count a manual breath when no button has focus. */
function isBreathKey(event: KeyboardEvent): boolean {
  if (event.key !== " " && event.key !== "Enter") return false;
  const target = event.target;
  return !(target instanceof HTMLElement && target.closest("button, input, select, textarea"));
}

/**
 * The Wim Hof method: paced or tapped breaths with a counter, the retention stopwatch with its
 * target and Release, the recovery hold and pause countdowns, and each round's retention.
 */
export function WimHofExercise({ run, title, onSaved }: WimHofExerciseProps) {
  const t = useT();
  const { view } = run;
  const phase = view.phase;
  const settings = view.live?.wimHof;
  const rounds = settings?.rounds ?? phase?.round ?? 1;
  const breaths = settings?.breaths ?? 0;
  const round = phase?.round ?? 1;
  const manualBreath = phase?.phase === "breath" && !view.paused && view.ended === null;
  const breathKey = phase?.breath == null ? null : `${String(round)}:${String(phase.breath)}`;
  // The breath a tap was last sent for: a second press before the next breath has begun would
  // end the next breath too early, so it is ignored. (Waiting for the command's answer instead
  // would drop a quick press made after the next breath was already shown.)
  const tappedFor = useRef<string | null>(null);
  const tap = () => {
    if (!manualBreath || breathKey === null || tappedFor.current === breathKey) return;
    tappedFor.current = breathKey;
    void run.control("tap").then((applied) => {
      // Refused (e.g. paused meanwhile): the same breath can be tapped again.
      if (!applied && tappedFor.current === breathKey) tappedFor.current = null;
    });
  };

  // Read in the key handler without re-subscribing on every tick.
  const tapRef = useRef(tap);
  useEffect(() => {
    tapRef.current = tap;
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isBreathKey(event)) return;
      event.preventDefault();
      tapRef.current();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
    };
  }, []);

  const stop = () => {
    if (view.ended === null) void run.control("stop");
  };
  const phaseLabel = phase === null ? "" : t.breathing.phases[phase.phase];
  const seconds = secondsLeft(view.remainingMs);

  return (
    <ActivityOverlay label={t.breathing.sessionLabel(title)} onEscape={stop}>
      {view.ended !== null ? (
        <SessionComplete run={run} ended={view.ended} onSaved={onSaved} />
      ) : (
        <>
          <BreathingBackground tone={phase === null ? "inhale" : phaseTone(phase.phase)} />
          <p className={styles.technique}>{title}</p>
          <BreathingProgress
            current={round}
            total={rounds}
            label={t.breathing.roundOf(round, rounds)}
          />
          {phase === null ? null : (
            <div className={styles.stage}>
              <p className={styles.phase} aria-live="polite" data-tone={phaseTone(phase.phase)}>
                {phaseLabel}
              </p>
              {phase.phase === "breath" ? (
                <>
                  <button
                    type="button"
                    className={styles.tap}
                    disabled={!manualBreath}
                    onClick={tap}
                  >
                    {t.breathing.tapBreath}
                  </button>
                  <p className={styles.hint}>{t.breathing.tapHint}</p>
                </>
              ) : null}
              {phase.phase === "inhale" || phase.phase === "exhale" ? (
                <BreathingCircle
                  phase={phase.phase}
                  durationMs={phase.durationMs}
                  remainingMs={view.remainingMs}
                  label={t.breathing.circleLabel(phaseLabel, seconds)}
                />
              ) : null}
              {phase.breath !== null ? (
                <p className={styles.counter} role="status">
                  {t.breathing.breathOf(phase.breath, breaths)}
                </p>
              ) : null}
              {phase.phase === "retention" ? (
                <>
                  <p className={styles.clock} role="timer" aria-label={phaseLabel}>
                    {formatClock(view.elapsedMs)}
                  </p>
                  <p className={styles.hint}>
                    {t.breathing.retentionTarget_(formatClock(phase.targetMs))}
                  </p>
                  <button
                    type="button"
                    className={styles.tap}
                    disabled={view.paused || run.pending === "release"}
                    onClick={() => void run.control("release")}
                  >
                    {t.breathing.release}
                  </button>
                </>
              ) : null}
              {phase.phase === "recovery_hold" || phase.phase === "recovery_pause" ? (
                <>
                  <p className={styles.hint}>
                    {phase.phase === "recovery_hold"
                      ? t.breathing.recoveryHoldTitle
                      : t.breathing.recoveryPauseTitle}
                  </p>
                  <p
                    className={styles.clock}
                    role="timer"
                    aria-label={t.breathing.circleLabel(phaseLabel, seconds)}
                  >
                    {t.breathing.secondsLeft(seconds)}
                  </p>
                </>
              ) : null}
            </div>
          )}
          {view.retentions.length > 0 ? (
            <section aria-labelledby="wim-hof-rounds" className={styles.results}>
              <h2 id="wim-hof-rounds" className={styles.resultsTitle}>
                {t.breathing.roundResults}
              </h2>
              <ol>
                {view.retentions.map((ms, i) => (
                  <li key={i}>{t.breathing.roundResult(i + 1, formatClock(ms))}</li>
                ))}
              </ol>
            </section>
          ) : null}
          {view.paused ? (
            <p className={styles.hint} role="status">
              {t.breathing.paused}
            </p>
          ) : null}
          <InlineError error={run.error} />
          <BreathingControls
            profileId={run.profileId}
            paused={view.paused}
            busy={view.live === null || (run.pending !== null && run.pending !== "tap")}
            onPause={() => void run.control("pause")}
            onResume={() => void run.control("resume")}
            onStop={stop}
          />
        </>
      )}
    </ActivityOverlay>
  );
}
