import { useId, useState } from "react";
import { Button } from "../../../../components/Button";
import { ErrorState, InlineError, Loading } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import type { JournalEntry } from "../../../../lib/backend";
import { formatClock } from "../../../breathing/format";
import { formatDate } from "../../../memory/format";
import { asMood } from "../../../mood/emotions";
import {
  useDiscussJournalEntry,
  useJournalEntry,
  useSetJournalFavourite,
} from "../../hooks/queries";
import { FavouriteToggle } from "../FavouriteToggle";
import styles from "./JournalEntryViewer.module.css";

export interface JournalEntryViewerProps {
  profileId: string;
  entryId: string;
  locale: string;
  onBack: () => void;
  onEdit: (entry: JournalEntry) => void;
  onDelete: (entryId: string) => void;
  /** "Talk about this" started this conversation from the entry. */
  onDiscussed: (conversationId: string) => void;
}

/**
 * One entry in full: its prompt, words, dates, writing time and moods; edit, favourite, delete, and
 * "Talk about this" (the only way an entry's words reach a chat model; remembering it is a choice).
 */
export function JournalEntryViewer({
  profileId,
  entryId,
  locale,
  onBack,
  onEdit,
  onDelete,
  onDiscussed,
}: JournalEntryViewerProps) {
  const t = useT();
  const id = useId();
  const query = useJournalEntry(profileId, entryId);
  const favourite = useSetJournalFavourite(profileId);
  const discuss = useDiscussJournalEntry(profileId);
  const [remember, setRemember] = useState(false);

  const back = (
    <Button variant="ghost" className={styles.back} onClick={onBack}>
      <span aria-hidden="true">←</span>
      {t.journaling.back}
    </Button>
  );
  if (query.isPending) return <Loading />;
  if (query.isError) {
    return (
      <div className={styles.viewer}>
        {back}
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </div>
    );
  }
  const entry = query.data;
  const mood = (value: number | null) =>
    value === null ? t.journaling.noMood : t.mood.levels[asMood(value)];

  return (
    <article aria-labelledby={`${id}-title`} className={styles.viewer}>
      {back}
      <p className={styles.category}>
        {entry.category === null ? t.journaling.freeWriting : t.chat.categories[entry.category]}
      </p>
      <h2 id={`${id}-title`} className={styles.prompt}>
        {entry.prompt ?? t.journaling.freeWriting}
      </h2>
      <p className={styles.dates}>
        <span>{t.journaling.written(formatDate(entry.createdAt, locale))}</span>
        {entry.updatedAt !== entry.createdAt ? (
          <span>{t.journaling.edited(formatDate(entry.updatedAt, locale))}</span>
        ) : null}
      </p>
      <div className={styles.text}>{entry.text}</div>
      <h3 className="visually-hidden">{t.journaling.details}</h3>
      <dl className={styles.details}>
        <div>
          <dt>{t.journaling.wordCount}</dt>
          <dd>{entry.wordCount}</dd>
        </div>
        <div>
          <dt>{t.journaling.writingTimeLabel}</dt>
          <dd>{formatClock(entry.writingMs)}</dd>
        </div>
        <div>
          <dt>{t.journaling.moodBeforeLabel}</dt>
          <dd>{mood(entry.moodBefore)}</dd>
        </div>
        <div>
          <dt>{t.journaling.moodAfterLabel}</dt>
          <dd>{mood(entry.moodAfter)}</dd>
        </div>
      </dl>
      <InlineError error={favourite.error} />
      <div className={styles.actions}>
        <Button
          variant="primary"
          onClick={() => {
            onEdit(entry);
          }}
        >
          {t.journaling.edit}
        </Button>
        <FavouriteToggle
          label={t.journaling.favourite}
          on={entry.favourite}
          busy={favourite.isPending}
          onToggle={() => {
            favourite.mutate({ entryId: entry.id, favourite: !entry.favourite });
          }}
        />
        <Button
          variant="ghost"
          onClick={() => {
            onDelete(entry.id);
          }}
        >
          {t.journaling.delete}
        </Button>
      </div>
      <div className={styles.discuss}>
        <div className={styles.actions}>
          <Button
            aria-describedby={`${id}-discuss-hint`}
            aria-busy={discuss.isPending}
            onClick={() => {
              if (discuss.isPending) return;
              discuss.mutate(
                { entryId: entry.id, remember },
                {
                  onSuccess: (conversation) => {
                    onDiscussed(conversation.id);
                  },
                },
              );
            }}
          >
            {t.journaling.discuss}
          </Button>
          <label className={styles.check}>
            <input
              type="checkbox"
              checked={remember}
              onChange={(event) => {
                setRemember(event.target.checked);
              }}
            />
            {t.journaling.discussRemember}
          </label>
        </div>
        <p id={`${id}-discuss-hint`} className={styles.hint}>
          {t.journaling.discussHint}
        </p>
        <InlineError error={discuss.error} />
      </div>
    </article>
  );
}
