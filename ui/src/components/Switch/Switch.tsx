import { useId, type ReactNode } from "react";
import { InlineError } from "../StatusView";
import styles from "./Switch.module.css";

export interface SwitchButtonProps {
  /** What is shown: the value being saved while it saves. */
  checked: boolean;
  onToggle: () => void;
  /** Its name, shown beside the track. */
  children: ReactNode;
  /** The id of the text that describes it, if any. */
  describedBy?: string;
  /** Extra styles of the place that shows it. */
  className?: string;
  /** Drawn smaller: a slimmer track, smaller text (as in a bar). */
  small?: boolean;
}

/** The on/off button alone: a track and thumb, then its name. */
export function SwitchButton({
  checked,
  onToggle,
  children,
  describedBy,
  className,
  small = false,
}: SwitchButtonProps) {
  const classes = [styles.switch, small ? styles.small : undefined, className].filter(Boolean);
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      aria-describedby={describedBy}
      className={classes.join(" ")}
      onClick={onToggle}
    >
      <span className={styles.track} aria-hidden="true">
        <span className={styles.thumb} />
      </span>
      {children}
    </button>
  );
}

export interface SwitchProps {
  /** What is shown: the value being saved while it saves. */
  checked: boolean;
  label: string;
  hint: string;
  /** The last change's failure, worded under the hint. */
  error?: Error | null;
  onToggle: () => void;
}

/** An on/off control with its hint (read with it) and the error of its last change. */
export function Switch({ checked, label, hint, error = null, onToggle }: SwitchProps) {
  const hintId = useId();
  return (
    <div className={styles.field}>
      <SwitchButton checked={checked} describedBy={hintId} onToggle={onToggle}>
        {label}
      </SwitchButton>
      <p id={hintId} className={styles.hint}>
        {hint}
      </p>
      <InlineError error={error} />
    </div>
  );
}
