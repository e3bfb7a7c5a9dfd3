import { useId, useState } from "react";
import { Button } from "../../../../components/Button";
import { InlineError } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import type { Memory } from "../../../../lib/backend";
import { formatDate, matchPercent, snippet } from "../../format";
import { useDeleteMemory, useUpdateMemory } from "../../hooks/queries";
import styles from "./MemoryItem.module.css";

export interface MemoryItemProps {
  profileId: string;
  memory: Memory;
  locale: string;
  /** The search similarity, when the item is a search result. */
  similarity?: number | null;
}

/** One memory: its text, date (and match when searched), edited in place or forgotten. */
export function MemoryItem({ profileId, memory, locale, similarity }: MemoryItemProps) {
  const t = useT();
  const fieldId = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const update = useUpdateMemory(profileId);
  const remove = useDeleteMemory(profileId);
  const short = snippet(memory.text);
  const edited = memory.updatedAt !== memory.createdAt;
  const date = edited
    ? t.memory.edited(formatDate(memory.updatedAt, locale))
    : t.memory.added(formatDate(memory.createdAt, locale));

  if (draft !== null) {
    return (
      <li className={styles.item}>
        <form
          className={styles.editor}
          onSubmit={(event) => {
            event.preventDefault();
            if (update.isPending) return;
            update.mutate(
              { memoryId: memory.id, text: draft },
              {
                onSuccess: () => {
                  setDraft(null);
                },
              },
            );
          }}
        >
          <label htmlFor={fieldId} className={styles.label}>
            {t.memory.editField}
          </label>
          <textarea
            id={fieldId}
            className={styles.field}
            rows={3}
            value={draft}
            // Focus follows the person's own "Edit" click into the field they asked for.
            // eslint-disable-next-line jsx-a11y/no-autofocus
            autoFocus
            onChange={(event) => {
              setDraft(event.target.value);
              if (update.isError) update.reset();
            }}
            onKeyDown={(event) => {
              if (event.key === "Escape") {
                event.stopPropagation();
                setDraft(null);
                update.reset();
              }
            }}
          />
          <InlineError error={update.error} />
          <div className={styles.actions}>
            <Button
              onClick={() => {
                setDraft(null);
                update.reset();
              }}
            >
              {t.common.cancel}
            </Button>
            <Button type="submit" variant="primary" aria-busy={update.isPending}>
              {update.isPending ? t.memory.saving : t.memory.save}
            </Button>
          </div>
        </form>
      </li>
    );
  }

  return (
    <li className={styles.item}>
      <p className={styles.text}>{memory.text}</p>
      <p className={styles.meta}>
        {similarity !== undefined ? (
          <span className={styles.match}>{t.memory.match(matchPercent(similarity))}</span>
        ) : null}
        <span>{date}</span>
      </p>
      <InlineError error={remove.error} />
      <div className={styles.actions}>
        <Button
          variant="ghost"
          aria-label={t.memory.editLabel(short)}
          onClick={() => {
            remove.reset();
            setDraft(memory.text);
          }}
        >
          {t.memory.edit}
        </Button>
        <Button
          variant="ghost"
          aria-label={t.memory.forgetLabel(short)}
          aria-busy={remove.isPending}
          onClick={() => {
            if (!remove.isPending) remove.mutate(memory.id);
          }}
        >
          {t.memory.forget}
        </Button>
      </div>
    </li>
  );
}
