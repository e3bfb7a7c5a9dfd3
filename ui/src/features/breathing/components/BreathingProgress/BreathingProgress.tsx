import styles from "./BreathingProgress.module.css";

export interface BreathingProgressProps {
  /** The cycle or round in progress, from 1. */
  current: number;
  total: number;
  /** E.g. "Cycle 2 of 4". */
  label: string;
}

/** One dot per cycle (or round): done, current, to come. */
export function BreathingProgress({ current, total, label }: BreathingProgressProps) {
  const dots = Array.from({ length: total }, (_, i) => i + 1);
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={1}
      aria-valuemax={total}
      aria-valuenow={current}
      aria-valuetext={label}
      className={styles.progress}
    >
      <p className={styles.text}>{label}</p>
      <div className={styles.dots} aria-hidden="true">
        {dots.map((n) => (
          <span
            key={n}
            className={styles.dot}
            data-state={n < current ? "done" : n === current ? "current" : "todo"}
          />
        ))}
      </div>
    </div>
  );
}
