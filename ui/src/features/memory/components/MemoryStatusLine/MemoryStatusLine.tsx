import { useId } from "react";
import { useErrorText, useT } from "../../../../i18n";
import { useMemoryProgress, useMemoryStatus } from "../../hooks/queries";
import styles from "./MemoryStatusLine.module.css";

/**
 * Model, count and index health, and a progress bar while the model loads or the index rebuilds
 * (driven by the core's notices).
 */
export function MemoryStatusLine({ profileId }: { profileId: string }) {
  const t = useT();
  const errorText = useErrorText();
  const labelId = useId();
  const status = useMemoryStatus(profileId);
  const progress = useMemoryProgress(profileId);
  const rebuilding = status.data?.rebuildInProgress === true || status.data?.index === "rebuilding";

  return (
    <section aria-labelledby={labelId} className={styles.status}>
      <h2 id={labelId} className={styles.visuallyHidden}>
        {t.memory.statusLabel}
      </h2>
      {status.data !== undefined ? (
        <p className={styles.line}>
          <span>{t.memory.count(status.data.count)}</span>
          <span>{t.memory.health[status.data.index]}</span>
          <span>{status.data.modelLoaded ? t.memory.modelLoaded : t.memory.modelIdle}</span>
          <span>{t.memory.model(status.data.modelId, status.data.dimensions)}</span>
          {status.data.pendingEmbeddings > 0 ? (
            <span>{t.memory.pending(status.data.pendingEmbeddings)}</span>
          ) : null}
        </p>
      ) : status.isError ? (
        <p className={styles.error}>{errorText(status.error)}</p>
      ) : null}
      {progress !== null ? (
        <div className={styles.progress}>
          <span>
            {t.memory.job(progress.job)}
            {progress.total > 1 ? ` · ${t.memory.progress(progress.done, progress.total)}` : ""}
          </span>
          <progress
            className={styles.bar}
            aria-label={t.memory.job(progress.job)}
            // One-step jobs (loading the model) have no meaningful fraction: show them as busy.
            {...(progress.total > 1 ? { value: progress.done, max: progress.total } : {})}
          />
        </div>
      ) : rebuilding ? (
        <div className={styles.progress}>
          <span>{t.memory.health.rebuilding}</span>
          <progress className={styles.bar} aria-label={t.memory.health.rebuilding} />
        </div>
      ) : null}
    </section>
  );
}
