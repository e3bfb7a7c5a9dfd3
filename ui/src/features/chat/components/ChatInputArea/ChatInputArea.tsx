import { useId } from "react";
import { useT } from "../../../../i18n";
import styles from "./ChatInputArea.module.css";

/** The message box, present but switched off until the companion chat exists. */
export function ChatInputArea() {
  const t = useT();
  const inputId = useId();
  const noteId = useId();
  return (
    <div className={styles.area}>
      <div className={styles.box}>
        <label htmlFor={inputId} className="visually-hidden">
          {t.chat.inputLabel}
        </label>
        <textarea
          id={inputId}
          className={styles.input}
          rows={1}
          disabled
          aria-describedby={noteId}
        />
        <button type="button" className={styles.send} aria-label={t.chat.send} disabled>
          <svg viewBox="0 0 24 24" aria-hidden="true" className={styles.icon}>
            <path d="M4 12h14m-6-7 7 7-7 7" />
          </svg>
        </button>
      </div>
      <p id={noteId} className={styles.note}>
        {t.chat.comingSoon}
      </p>
    </div>
  );
}
