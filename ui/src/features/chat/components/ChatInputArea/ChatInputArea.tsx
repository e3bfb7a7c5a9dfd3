import { useEffect, useId, useRef, useState, type SyntheticEvent } from "react";
import { InlineError } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import { COUNTER_FROM, MAX_MESSAGE_CHARS, formatCount, messageLength } from "../../format";
import styles from "./ChatInputArea.module.css";

export interface ChatInputAreaProps {
  locale: string;
  /** A reply is streaming: nothing can be sent, and Stop is offered. */
  streaming: boolean;
  /** The message is on its way to the backend. */
  sending: boolean;
  /** What the backend said when it refused the last message. */
  error: Error | null;
  /** Sends the text; resolves true when it was accepted (the box is then cleared). */
  onSend: (text: string) => Promise<boolean>;
  onStop: () => void;
  onChange?: () => void;
}

/** The message box: Enter sends, Shift+Enter adds a line; a counter near the limit, an error over it. */
export function ChatInputArea({
  locale,
  streaming,
  sending,
  error,
  onSend,
  onStop,
  onChange,
}: ChatInputAreaProps) {
  const t = useT();
  const inputId = useId();
  const hintId = useId();
  const counterId = useId();
  const [text, setText] = useState("");
  const ref = useRef<HTMLTextAreaElement>(null);
  // Whether to give focus back to the box once it is switched on again.
  const hadFocus = useRef(false);
  const length = messageLength(text);
  const tooLong = length > MAX_MESSAGE_CHARS;
  const busy = streaming || sending;

  // The box is switched off while a reply streams; give focus back when it comes on again.
  useEffect(() => {
    if (!busy && hadFocus.current) {
      hadFocus.current = false;
      ref.current?.focus();
    }
  }, [busy]);

  // Grow with the text, up to the CSS max-height.
  useEffect(() => {
    const el = ref.current;
    if (el === null) return;
    el.style.height = "auto";
    el.style.height = `${String(el.scrollHeight)}px`;
  }, [text]);

  const submit = (event?: SyntheticEvent) => {
    event?.preventDefault();
    if (busy || tooLong || length === 0) return;
    hadFocus.current = true;
    void onSend(text).then((accepted) => {
      if (accepted) setText("");
    });
  };

  const max = formatCount(MAX_MESSAGE_CHARS, locale);
  return (
    <form className={styles.area} onSubmit={submit}>
      <div className={styles.box} data-invalid={tooLong || undefined}>
        <label htmlFor={inputId} className="visually-hidden">
          {t.chat.inputLabel}
        </label>
        <textarea
          ref={ref}
          id={inputId}
          className={styles.input}
          rows={1}
          value={text}
          disabled={busy}
          aria-invalid={tooLong || undefined}
          aria-describedby={`${hintId} ${counterId}`}
          onChange={(e) => {
            setText(e.target.value);
            onChange?.();
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              submit();
            }
          }}
        />
        {streaming ? (
          <button type="button" className={styles.stop} onClick={onStop}>
            <svg viewBox="0 0 24 24" aria-hidden="true" className={styles.icon}>
              <rect x="7" y="7" width="10" height="10" rx="1.5" />
            </svg>
            {t.chat.stop}
          </button>
        ) : (
          <button
            type="submit"
            className={styles.send}
            aria-label={t.chat.send}
            disabled={busy || tooLong || length === 0}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true" className={styles.icon}>
              <path d="M4 12h14m-6-7 7 7-7 7" />
            </svg>
          </button>
        )}
      </div>
      <div className={styles.meta}>
        <p id={hintId} className={styles.note}>
          {t.chat.inputHint}
        </p>
        <p id={counterId} className={styles.counter}>
          {length >= COUNTER_FROM ? t.chat.charCount(formatCount(length, locale), max) : null}
        </p>
      </div>
      {tooLong ? (
        <p role="alert" className={styles.tooLong}>
          {t.chat.tooLong(formatCount(length, locale), max)}
        </p>
      ) : (
        <InlineError error={error} />
      )}
    </form>
  );
}
