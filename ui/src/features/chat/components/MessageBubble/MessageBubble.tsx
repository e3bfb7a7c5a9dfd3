import { Button } from "../../../../components/Button";
import { useT } from "../../../../i18n";
import type { MessageStatus } from "../../../../lib/backend";
import { Markdown } from "../Markdown";
import styles from "./MessageBubble.module.css";

export interface MessageBubbleProps {
  /** Who wrote it. */
  author: "user" | "assistant";
  content: string;
  status?: MessageStatus;
  /** Why a reply did not complete, for people. */
  error?: string | null;
  /** Tokens are still arriving. */
  streaming?: boolean;
  /** Offered on a reply that did not complete. */
  onRetry?: () => void;
  retrying?: boolean;
}

/** One message: the person's own words as typed, or a reply rendered from Markdown, with how it ended. */
export function MessageBubble({
  author,
  content,
  status = "complete",
  error = null,
  streaming = false,
  onRetry,
  retrying = false,
}: MessageBubbleProps) {
  const t = useT();
  const incomplete = status !== "complete";
  return (
    <article
      className={styles.bubble}
      data-author={author}
      data-status={status}
      aria-busy={streaming || undefined}
    >
      <h3 className="visually-hidden">{author === "user" ? t.chat.you : t.chat.wbot}</h3>
      {author === "user" ? (
        <p className={styles.plain}>{content}</p>
      ) : content !== "" ? (
        <Markdown text={content} />
      ) : null}
      {streaming ? (
        <p className={styles.typing}>
          <span className={styles.dots} aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          <span className="visually-hidden">{t.chat.replying}</span>
        </p>
      ) : null}
      {incomplete && author === "assistant" ? (
        <div className={styles.note}>
          <p>{t.chat.statusNotes[status]}</p>
          {error !== null && error !== "" ? <p className={styles.error}>{error}</p> : null}
          {onRetry !== undefined ? (
            <Button
              aria-busy={retrying}
              onClick={() => {
                if (!retrying) onRetry();
              }}
            >
              {t.chat.retry}
            </Button>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}
