import { useEffect, useRef, useState } from "react";
import { Button } from "../../../../components/Button";
import { useT } from "../../../../i18n";
import type { WellnessItem } from "../../../../lib/backend";
import { itemName, itemValue, sourcesLine } from "../../format";
import { NoteEditor } from "../NoteEditor";
import styles from "./LearnedItem.module.css";

export interface LearnedItemProps {
  profileId: string;
  item: WellnessItem;
  locale: string;
  /** Asks to remove the item (the page confirms it). */
  onRemove: (item: WellnessItem) => void;
}

/** One thing learned: its name, its number, where it came from, the person's note, and its buttons. */
export function LearnedItem({ profileId, item, locale, onRemove }: LearnedItemProps) {
  const t = useT();
  const copy = t.wellness;
  const [editing, setEditing] = useState(false);
  const noteButton = useRef<HTMLButtonElement>(null);
  // Set when the editor closes, so focus goes back to the button that opened it.
  const refocus = useRef(false);
  const name = itemName(t, item);
  const value = itemValue(t, item, locale);
  const sources = sourcesLine(t, item.sources, locale);
  const hasNote = item.note !== "";

  useEffect(() => {
    if (editing || !refocus.current) return;
    refocus.current = false;
    noteButton.current?.focus();
  }, [editing]);

  return (
    <li className={styles.item}>
      <h3 className={styles.name}>{name}</h3>
      {value === null ? null : <p className={styles.value}>{value}</p>}
      {sources === null ? null : <p className={styles.meta}>{sources}</p>}
      {editing ? (
        <NoteEditor
          profileId={profileId}
          itemId={item.id}
          name={name}
          initial={item.note}
          locale={locale}
          onDone={() => {
            refocus.current = true;
            setEditing(false);
          }}
        />
      ) : (
        <>
          {hasNote ? (
            <p className={styles.note}>
              <span className={styles.noteLabel}>{copy.yourNote}</span> <q>{item.note}</q>
            </p>
          ) : null}
          <div className={styles.actions}>
            <Button
              ref={noteButton}
              variant="ghost"
              aria-label={hasNote ? copy.editNoteLabel(name) : copy.addNoteLabel(name)}
              onClick={() => {
                setEditing(true);
              }}
            >
              {hasNote ? copy.editNote : copy.addNote}
            </Button>
            <Button
              variant="ghost"
              aria-label={copy.removeLabel(name)}
              onClick={() => {
                onRemove(item);
              }}
            >
              {copy.remove}
            </Button>
          </div>
        </>
      )}
    </li>
  );
}
