import { useId, type ReactNode } from "react";
import { InlineError } from "../../../../components/StatusView";
import styles from "./ProposalFrame.module.css";

export interface ProposalFrameProps {
  title: string;
  /** Why the companion offers it. */
  reason?: string;
  children?: ReactNode;
  /** The card's buttons. */
  actions?: ReactNode;
  error?: Error | null;
}

/** The look every activity card shares: a title, the reason, the content, an error and buttons. */
export function ProposalFrame({
  title,
  reason,
  children,
  actions,
  error = null,
}: ProposalFrameProps) {
  const titleId = useId();
  return (
    <section className={styles.card} aria-labelledby={titleId}>
      <h3 id={titleId} className={styles.title}>
        {title}
      </h3>
      {reason !== undefined ? <p className={styles.reason}>{reason}</p> : null}
      {children}
      <InlineError error={error} />
      {actions !== undefined ? <div className={styles.actions}>{actions}</div> : null}
    </section>
  );
}
