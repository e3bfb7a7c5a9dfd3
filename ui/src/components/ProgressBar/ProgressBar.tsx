import type { CSSProperties } from "react";
import styles from "./ProgressBar.module.css";

export interface ProgressBarProps {
  /** The bar's accessible name. */
  label: string;
  /** How far it has come, out of `total`. */
  done: number;
  /** The whole; null (or 0) while it is not known: the bar then moves without a value. */
  total: number | null;
  /** The value as screen readers read it ("1 of 2", "1.2 of 3.4 MB"). */
  valueText: (done: number, total: number) => string;
}

/** A long task's progress: filled as far as it has come, or moving (no value) while the whole is unknown. */
export function ProgressBar({ label, done, total, valueText }: ProgressBarProps) {
  if (total === null || total <= 0) {
    return (
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        className={`${styles.bar} ${styles.grow}`}
      >
        <span className={styles.busy} />
      </div>
    );
  }
  const value = Math.min(done, total);
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={total}
      aria-valuenow={value}
      aria-valuetext={valueText(value, total)}
      className={`${styles.bar} ${styles.grow}`}
    >
      <span className={styles.fill} style={{ "--fill": String(value / total) } as CSSProperties} />
    </div>
  );
}
