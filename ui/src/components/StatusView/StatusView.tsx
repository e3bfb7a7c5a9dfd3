import { useErrorText, useT } from "../../i18n";
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

/**
 * A failed action's message, shown next to the action: an error worded in the profile's language, or a
 * sentence the UI already worded. Renders nothing without an error.
 */
export function InlineError({ error }: { error: Error | string | null }) {
  const errorText = useErrorText();
  if (error === null) return null;
  return (
    <p role="alert" className={styles.inlineError}>
      {typeof error === "string" ? error : errorText(error)}
    </p>
  );
}

/** A screen that could not load, with a way to try again. */
export function ErrorState({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const t = useT();
  const errorText = useErrorText();
  return (
    <div className={styles.panel}>
      <h1 className={styles.title}>{t.common.somethingWentWrong}</h1>
      <p role="alert" className={styles.inlineError}>
        {errorText(error)}
      </p>
      <Button variant="primary" onClick={onRetry}>
        {t.common.retry}
      </Button>
    </div>
  );
}
