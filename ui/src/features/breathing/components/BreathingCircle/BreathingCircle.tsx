import type { CSSProperties } from "react";
import type { Phase } from "../../../../lib/backend";
import styles from "./BreathingCircle.module.css";

const PETALS = [0, 60, 120, 180, 240, 300];

/** Which breath colour a phase shows. */
export function phaseTone(phase: Phase): "inhale" | "hold" | "exhale" {
  switch (phase) {
    case "inhale":
    case "breath":
    case "recovery_hold":
      return "inhale";
    case "exhale":
    case "recovery_pause":
      return "exhale";
    case "hold":
    case "hold_after":
    case "retention":
      return "hold";
  }
}

/** The scale the circle has reached: 1 at rest, 1.5 with full lungs. */
function scales(phase: Phase, progress: number): { live: number; step: number } {
  switch (phase) {
    case "inhale":
    case "breath":
      return { live: 1 + 0.5 * progress, step: 1.5 };
    case "hold":
    case "recovery_hold":
      return { live: 1.5, step: 1.5 };
    case "exhale":
      return { live: 1.5 - 0.5 * progress, step: 1 };
    case "hold_after":
    case "retention":
    case "recovery_pause":
      return { live: 1, step: 1 };
  }
}

export interface BreathingCircleProps {
  phase: Phase;
  durationMs: number | null;
  remainingMs: number | null;
  /** The circle's accessible name: the phase and the seconds left. */
  label: string;
}

/**
 * Six petals that grow to 1.5× on the in-breath, stay full on the hold and shrink on the
 * out-breath. The scale follows the session's ticks, so a pause freezes it; with reduced motion
 * it only changes at phase boundaries.
 */
export function BreathingCircle({ phase, durationMs, remainingMs, label }: BreathingCircleProps) {
  const progress =
    durationMs !== null && durationMs > 0 && remainingMs !== null
      ? Math.min(1, Math.max(0, 1 - remainingMs / durationMs))
      : 0;
  const { live, step } = scales(phase, progress);
  const style = { "--live-scale": live, "--step-scale": step } as CSSProperties;
  return (
    <div
      role="img"
      aria-label={label}
      className={styles.circle}
      data-tone={phaseTone(phase)}
      data-phase={phase}
      style={style}
    >
      {PETALS.map((angle) => (
        <span
          key={angle}
          className={styles.petal}
          style={{ "--angle": `${String(angle)}deg` } as CSSProperties}
        />
      ))}
    </div>
  );
}
