import type { CSSProperties } from "react";
import { useT } from "../../../../i18n";
import type { Progress } from "../../../../lib/backend";
import styles from "./DataSettings.module.css";

/** A core job's progress bar: filled as its notices say, or moving (no value) before the first one. */
export function JobProgressBar({ label, progress }: { label: string; progress: Progress | null }) {
  const t = useT();
  if (progress === null || progress.total <= 0) {
    return (
      <div role="progressbar" aria-label={label} aria-valuemin={0} className={styles.bar}>
        <span className={styles.busy} />
      </div>
    );
  }
  const done = Math.min(progress.done, progress.total);
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={progress.total}
      aria-valuenow={done}
      aria-valuetext={t.settings.data.progress(done, progress.total)}
      className={styles.bar}
    >
      <span
        className={styles.fill}
        style={{ "--fill": String(done / progress.total) } as CSSProperties}
      />
    </div>
  );
}
