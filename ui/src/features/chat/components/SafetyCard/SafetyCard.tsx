import { useId } from "react";
import { useT } from "../../../../i18n";
import type { Helpline } from "../../../../lib/backend";
import styles from "./SafetyCard.module.css";

export interface SafetyCardProps {
  /** The helplines for the profile's region (from the chat status); undefined while they load. */
  helplines: Helpline[] | undefined;
}

/**
 * Shown under a message in which the crisis detector found a signal: calm, with helplines to call,
 * text or look up (addresses as text: the app window never navigates away). The chat goes on.
 */
export function SafetyCard({ helplines }: SafetyCardProps) {
  const t = useT();
  const titleId = useId();
  return (
    <section className={styles.card} aria-labelledby={titleId}>
      <h3 id={titleId} className={styles.title}>
        {t.chat.safetyTitle}
      </h3>
      <p>{t.chat.safetyText}</p>
      {helplines === undefined ? (
        <p className={styles.muted}>{t.chat.loadingHelplines}</p>
      ) : (
        <ul className={styles.lines}>
          {helplines.map((line) => (
            <li key={`${line.region}-${line.name}`} className={styles.line}>
              <p className={styles.name}>{line.name}</p>
              <p className={styles.muted}>{line.description}</p>
              <p className={styles.ways}>
                {line.phone !== null ? <span>{t.chat.call(line.phone)}</span> : null}
                {line.text !== null ? <span>{t.chat.text(line.text)}</span> : null}
                <span className={styles.url}>{line.url}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
      <p>{t.chat.safetyContinue}</p>
    </section>
  );
}
