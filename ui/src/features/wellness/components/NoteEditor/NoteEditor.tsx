import { useId, useState } from "react";
import { Button } from "../../../../components/Button";
import { InlineError } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import { MAX_NOTE_CHARS } from "../../codes";
import { useSetWellnessNote } from "../../hooks/queries";
import styles from "./NoteEditor.module.css";

export interface NoteEditorProps {
  profileId: string;
  itemId: string;
  /** The item's name, for the field's label. */
  name: string;
  /** The note as saved ("" for none). */
  initial: string;
  locale: string;
  /** Saved or cancelled. */
  onDone: () => void;
}

/** The person's note on an item, written in place; saving it empty clears it. The core checks the length. */
export function NoteEditor({ profileId, itemId, name, initial, locale, onDone }: NoteEditorProps) {
  const t = useT();
  const copy = t.wellness;
  const id = useId();
  const save = useSetWellnessNote(profileId);
  const [note, setNote] = useState(initial);
  const chars = Array.from(note.trim()).length;
  const count = new Intl.NumberFormat(locale);

  const cancel = () => {
    save.reset();
    onDone();
  };

  return (
    <form
      className={styles.editor}
      onSubmit={(event) => {
        event.preventDefault();
        if (save.isPending) return;
        save.mutate({ itemId, note }, { onSuccess: onDone });
      }}
    >
      <label htmlFor={`${id}-note`} className={styles.label}>
        {copy.noteLabel(name)}
      </label>
      <textarea
        id={`${id}-note`}
        className={styles.field}
        rows={3}
        value={note}
        aria-describedby={`${id}-count`}
        // Focus follows the person's own "Add note" or "Edit note" click into the field they asked for.
        // eslint-disable-next-line jsx-a11y/no-autofocus
        autoFocus
        onChange={(event) => {
          setNote(event.target.value);
          if (save.isError) save.reset();
        }}
        onKeyDown={(event) => {
          if (event.key === "Escape") {
            event.stopPropagation();
            cancel();
          }
        }}
      />
      <p id={`${id}-count`} className={styles.count} data-over={chars > MAX_NOTE_CHARS}>
        {copy.noteCount(count.format(chars), count.format(MAX_NOTE_CHARS))}
      </p>
      <InlineError error={save.error} />
      <div className={styles.actions}>
        <Button onClick={cancel}>{t.common.cancel}</Button>
        <Button type="submit" variant="primary" aria-busy={save.isPending}>
          {save.isPending ? copy.saving : copy.save}
        </Button>
      </div>
    </form>
  );
}
