import type { CSSProperties } from "react";
import styles from "../../../../components/ProgressBar/ProgressBar.module.css";

export interface BarProps {
  value: number;
  max: number;
  min?: number;
  /** The accessible name. */
  label: string;
  /** How the value reads, e.g. "3 of 5 days". */
  valueText?: string;
  /** A progress towards something, or a measure (a score). */
  role?: "progressbar" | "meter";
}

/** A thin horizontal bar filled to `value` between `min` and `max`. */
export function Bar({ value, max, min = 0, label, valueText, role = "progressbar" }: BarProps) {
  const now = Math.min(max, Math.max(min, value));
  const fraction = max > min ? (now - min) / (max - min) : 0;
  return (
    <div
      role={role}
      aria-label={label}
      aria-valuemin={min}
      aria-valuemax={max}
      aria-valuenow={now}
      aria-valuetext={valueText}
      className={styles.bar}
      style={{ "--fill": String(fraction) } as CSSProperties}
    >
      <span className={styles.fill} />
    </div>
  );
}
