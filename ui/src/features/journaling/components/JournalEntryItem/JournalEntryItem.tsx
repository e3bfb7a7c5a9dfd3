import { Button } from "../../../../components/Button";
import { InlineError } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import type { JournalEntry } from "../../../../lib/backend";
import { formatDate, matchPercent, snippet } from "../../../memory/format";
import { firstLines } from "../../format";
import { useSetJournalFavourite } from "../../hooks/queries";
import { FavouriteToggle } from "../FavouriteToggle";
import styles from "./JournalEntryItem.module.css";

export interface JournalEntryItemProps {
  profileId: string;
  entry: JournalEntry;
  locale: string;
  /** Closeness to a search by meaning (shown as a match). */
  similarity: number | null;
  onOpen: (entryId: string) => void;
  onDelete: (entryId: string) => void;
}

/** One entry of the list: date, category, first lines, word count, favourite, open and delete. */
export function JournalEntryItem({
  profileId,
  entry,
  locale,
  similarity,
  onOpen,
  onDelete,
}: JournalEntryItemProps) {
  const t = useT();
  const favourite = useSetJournalFavourite(profileId);
  const short = snippet(entry.text);
  return (
    <li className={styles.item}>
      <div className={styles.top}>
        <p className={styles.meta}>
          <span>{formatDate(entry.createdAt, locale)}</span>
          <span>
            {entry.category === null ? t.journaling.freeWriting : t.chat.categories[entry.category]}
          </span>
          <span>{t.journaling.words(entry.wordCount)}</span>
          {similarity !== null ? (
            <span className={styles.match}>{t.journaling.match(matchPercent(similarity))}</span>
          ) : null}
        </p>
        <FavouriteToggle
          label={t.journaling.favouriteLabel(short)}
          on={entry.favourite}
          busy={favourite.isPending}
          onToggle={() => {
            favourite.mutate({ entryId: entry.id, favourite: !entry.favourite });
          }}
        />
      </div>
      {entry.prompt !== null ? <p className={styles.prompt}>{entry.prompt}</p> : null}
      <button
        type="button"
        className={styles.open}
        aria-label={t.journaling.openLabel(short)}
        onClick={() => {
          onOpen(entry.id);
        }}
      >
        {firstLines(entry.text)}
      </button>
      <InlineError error={favourite.error} />
      <div className={styles.actions}>
        <Button
          variant="ghost"
          aria-label={t.journaling.deleteLabel(short)}
          onClick={() => {
            onDelete(entry.id);
          }}
        >
          {t.journaling.delete}
        </Button>
      </div>
    </li>
  );
}
