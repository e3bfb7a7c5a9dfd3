import { useId, useState } from "react";
import { Button } from "../../../../components/Button";
import { ConfirmDialog } from "../../../../components/ConfirmDialog";
import { LoadMore } from "../../../../components/LoadMore";
import { ErrorState, InlineError } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import type { ConversationSummary } from "../../../../lib/backend";
import { relativeTime } from "../../format";
import {
  useConversations,
  useDeleteConversation,
  useRenameConversation,
} from "../../hooks/queries";
import { useNow } from "../../hooks/useNow";
import styles from "./ConversationHistory.module.css";

export interface ConversationHistoryProps {
  profileId: string;
  locale: string;
  currentId: string | null;
  onSelect: (conversationId: string) => void;
  onDeleted: (conversationId: string) => void;
}

/**
 * The conversations, most recent first, a page at a time: title, preview and when; opened, renamed in place,
 * deleted.
 */
export function ConversationHistory({
  profileId,
  locale,
  currentId,
  onSelect,
  onDeleted,
}: ConversationHistoryProps) {
  const t = useT();
  const list = useConversations(profileId);
  const now = useNow();
  const [deleting, setDeleting] = useState<ConversationSummary | null>(null);

  if (list.isPending) {
    return (
      <p role="status" className={styles.muted}>
        {t.common.loading}
      </p>
    );
  }
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  const conversations = distinct(list.data.pages.flatMap((page) => page.items));
  if (conversations.length === 0) return <p className={styles.muted}>{t.nav.noConversations}</p>;
  return (
    <>
      <ul className={styles.list}>
        {conversations.map((conversation) => (
          <ConversationItem
            key={conversation.id}
            profileId={profileId}
            conversation={conversation}
            when={relativeTime(conversation.updatedAt, locale, now)}
            current={conversation.id === currentId}
            onSelect={onSelect}
            onDelete={setDeleting}
          />
        ))}
      </ul>
      <LoadMore list={list} label={t.nav.showMore} />
      {deleting !== null ? (
        <DeleteConversationDialog
          profileId={profileId}
          conversation={deleting}
          onClose={() => {
            setDeleting(null);
          }}
          onDeleted={onDeleted}
        />
      ) : null}
    </>
  );
}

/** The loaded pages' conversations, each once: the order can shift between the reads of two pages. */
function distinct(conversations: ConversationSummary[]) {
  const seen = new Set<string>();
  return conversations.filter(({ id }) => {
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

function titleOf(conversation: ConversationSummary, untitled: string) {
  return conversation.title === "" ? untitled : conversation.title;
}

function ConversationItem({
  profileId,
  conversation,
  when,
  current,
  onSelect,
  onDelete,
}: {
  profileId: string;
  conversation: ConversationSummary;
  when: string;
  current: boolean;
  onSelect: (id: string) => void;
  onDelete: (conversation: ConversationSummary) => void;
}) {
  const t = useT();
  const fieldId = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const rename = useRenameConversation(profileId);
  const title = titleOf(conversation, t.chat.untitled);

  if (draft !== null) {
    const cancel = () => {
      setDraft(null);
      rename.reset();
    };
    return (
      <li className={styles.item}>
        <form
          className={styles.rename}
          onSubmit={(event) => {
            event.preventDefault();
            if (rename.isPending) return;
            rename.mutate(
              { conversationId: conversation.id, title: draft },
              {
                onSuccess: () => {
                  setDraft(null);
                },
              },
            );
          }}
        >
          <label htmlFor={fieldId} className="visually-hidden">
            {t.chat.titleField}
          </label>
          <input
            id={fieldId}
            className={styles.field}
            value={draft}
            // Focus follows the person's own "Rename" click into the field they asked for.
            // eslint-disable-next-line jsx-a11y/no-autofocus
            autoFocus
            onChange={(e) => {
              setDraft(e.target.value);
              if (rename.isError) rename.reset();
            }}
            onKeyDown={(e) => {
              if (e.key === "Escape") {
                e.stopPropagation();
                cancel();
              }
            }}
          />
          <InlineError error={rename.error} />
          <div className={styles.actions}>
            <Button onClick={cancel}>{t.common.cancel}</Button>
            <Button type="submit" variant="primary" aria-busy={rename.isPending}>
              {t.chat.save}
            </Button>
          </div>
        </form>
      </li>
    );
  }

  return (
    <li className={styles.item} data-current={current || undefined}>
      <button
        type="button"
        className={styles.open}
        aria-current={current ? "page" : undefined}
        onClick={() => {
          onSelect(conversation.id);
        }}
      >
        <span className={styles.title}>{title}</span>
        {conversation.preview !== "" ? (
          <span className={styles.preview}>
            {conversation.previewRole === "user"
              ? t.chat.yourPreview(conversation.preview)
              : conversation.preview}
          </span>
        ) : null}
        <span className={styles.when}>{when}</span>
      </button>
      <div className={styles.tools}>
        <button
          type="button"
          className={styles.tool}
          aria-label={t.chat.renameLabel(title)}
          title={t.chat.rename}
          onClick={() => {
            setDraft(conversation.title);
          }}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true" className={styles.icon}>
            <path d="M4 20h4L19 9l-4-4L4 16v4zM13.5 6.5l4 4" />
          </svg>
        </button>
        <button
          type="button"
          className={styles.tool}
          aria-label={t.chat.deleteLabel(title)}
          title={t.chat.delete}
          onClick={() => {
            onDelete(conversation);
          }}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true" className={styles.icon}>
            <path d="M5 7h14M10 7V5h4v2M7 7l1 12h8l1-12" />
          </svg>
        </button>
      </div>
    </li>
  );
}

function DeleteConversationDialog({
  profileId,
  conversation,
  onClose,
  onDeleted,
}: {
  profileId: string;
  conversation: ConversationSummary;
  onClose: () => void;
  onDeleted: (id: string) => void;
}) {
  const t = useT();
  const remove = useDeleteConversation(profileId);
  const [forget, setForget] = useState(true);
  return (
    <ConfirmDialog
      title={t.chat.deleteTitle(titleOf(conversation, t.chat.untitled))}
      description={t.chat.deleteText}
      confirmLabel={t.chat.delete}
      pending={remove.isPending}
      error={remove.error}
      onCancel={onClose}
      onConfirm={() => {
        remove.mutate(
          { conversationId: conversation.id, keepMemories: !forget },
          {
            onSuccess: () => {
              onClose();
              onDeleted(conversation.id);
            },
          },
        );
      }}
    >
      <label className={styles.check}>
        <input
          type="checkbox"
          checked={forget}
          onChange={(e) => {
            setForget(e.target.checked);
          }}
        />
        {t.chat.forgetMemories}
      </label>
    </ConfirmDialog>
  );
}
