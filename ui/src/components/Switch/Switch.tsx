import { useId } from "react";
import { InlineError } from "../StatusView";
import styles from "./Switch.module.css";

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
      <button
        type="button"
        role="switch"
        aria-checked={checked}
        aria-describedby={hintId}
        className={styles.switch}
        onClick={onToggle}
      >
        <span className={styles.track} aria-hidden="true">
          <span className={styles.thumb} />
        </span>
        {label}
      </button>
      <p id={hintId} className={styles.hint}>
        {hint}
      </p>
      <InlineError error={error} />
    </div>
  );
}
