import { ActivityOverlay } from "../../../../components/ActivityOverlay";
import { InlineError } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import type { BreathingSession } from "../../../../lib/backend";
import { secondsLeft } from "../../format";
import type { BreathingRun } from "../../hooks/useBreathingRun";
import { BreathingBackground } from "../BreathingBackground";
import { BreathingCircle, phaseTone } from "../BreathingCircle";
import { BreathingControls } from "../BreathingControls";
import { BreathingProgress } from "../BreathingProgress";
import { SessionComplete } from "../SessionComplete";
import styles from "./ImmersiveBreathing.module.css";

export interface ImmersiveBreathingProps {
  run: BreathingRun;
  /** The technique's display name. */
  title: string;
  onSaved: (session: BreathingSession) => void;
}

/** A continuous technique, full screen: the circle, the phase, seconds left, cycles, controls. */
export function ImmersiveBreathing({ run, title, onSaved }: ImmersiveBreathingProps) {
  const t = useT();
  const { view } = run;
  const phase = view.phase;
  const totalCycles = view.live?.pattern?.cycles ?? phase?.cycle ?? 1;
  const seconds = secondsLeft(view.remainingMs);
  const phaseLabel = phase === null ? "" : t.breathing.phases[phase.phase];
  const stop = () => {
    if (view.ended === null) void run.control("stop");
  };
  return (
    <ActivityOverlay label={t.breathing.sessionLabel(title)} onEscape={stop}>
      {view.ended !== null ? (
        <SessionComplete run={run} ended={view.ended} onSaved={onSaved} />
      ) : (
        <>
          <BreathingBackground tone={phase === null ? "inhale" : phaseTone(phase.phase)} />
          <p className={styles.technique}>{title}</p>
          {phase === null ? null : (
            <>
              <BreathingCircle
                phase={phase.phase}
                durationMs={phase.durationMs}
                remainingMs={view.remainingMs}
                label={t.breathing.circleLabel(phaseLabel, seconds)}
              />
              <p className={styles.phase} aria-live="polite" data-tone={phaseTone(phase.phase)}>
                {phaseLabel}
              </p>
              <p className={styles.seconds} aria-hidden="true">
                {t.breathing.secondsLeft(seconds)}
              </p>
              <BreathingProgress
                current={phase.cycle ?? 1}
                total={totalCycles}
                label={t.breathing.cycleOf(phase.cycle ?? 1, totalCycles)}
              />
            </>
          )}
          {view.paused ? (
            <p className={styles.paused} role="status">
              {t.breathing.paused}
            </p>
          ) : null}
          <InlineError error={run.error} />
          <BreathingControls
            profileId={run.profileId}
            paused={view.paused}
            busy={run.pending !== null || view.live === null}
            onPause={() => void run.control("pause")}
            onResume={() => void run.control("resume")}
            onStop={stop}
          />
        </>
      )}
    </ActivityOverlay>
  );
}
