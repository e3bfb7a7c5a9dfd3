import { useT } from "../../i18n";
import { Button } from "../Button";
import styles from "./StatusView.module.css";

export function Loading() {
  const t = useT();
  return (
    <p role="status" className={styles.loading}>
      {t.common.loading}
    </p>
  );
}

/** A failed action's message, shown next to the action. Renders nothing without an error. */
export function InlineError({ error }: { error: Error | null }) {
  if (error === null) return null;
  return (
    <p role="alert" className={styles.inlineError}>
      {error.message}
    </p>
  );
}

/** A screen that could not load, with a way to try again. */
export function ErrorState({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const t = useT();
  return (
    <div className={styles.panel}>
      <h1 className={styles.title}>{t.common.somethingWentWrong}</h1>
      <p role="alert" className={styles.inlineError}>
        {error.message}
      </p>
      <Button variant="primary" onClick={onRetry}>
        {t.common.retry}
      </Button>
    </div>
  );
}

/** The honest placeholder for sections that are not built yet. */
export function ComingSoon({ title }: { title: string }) {
  const t = useT();
  return (
    <section className={styles.panel} aria-labelledby="coming-soon-title">
      <h1 id="coming-soon-title" className={styles.title}>
        {title}
      </h1>
      <p className={styles.text}>{t.comingSoon.text}</p>
    </section>
  );
}
