import { useId } from "react";
import { Button } from "../../../../components/Button";
import { useT } from "../../../../i18n";
import styles from "./SetupCard.module.css";

/** No chat model yet: how to connect one, and the way to its settings. */
export function SetupCard({ onOpenSettings }: { onOpenSettings: () => void }) {
  const t = useT();
  const titleId = useId();
  return (
    <section className={styles.card} aria-labelledby={titleId}>
      <h2 id={titleId} className={styles.title}>
        {t.chat.setupTitle}
      </h2>
      <p>{t.chat.setupText}</p>
      <ul className={styles.ways}>
        <li>{t.chat.setupLocal}</li>
        <li>{t.chat.setupKey}</li>
      </ul>
      <Button variant="primary" onClick={onOpenSettings}>
        {t.chat.setupButton}
      </Button>
    </section>
  );
}
