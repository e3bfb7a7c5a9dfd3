import { useId, useState, type SubmitEvent } from "react";
import { Button } from "../../../../components/Button";
import { InlineError } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import { useAddMemory } from "../../hooks/queries";
import styles from "./AddMemoryForm.module.css";

/** A textarea and "Remember": stores what the person wrote as a note. */
export function AddMemoryForm({ profileId }: { profileId: string }) {
  const t = useT();
  const fieldId = useId();
  const hintId = useId();
  const [text, setText] = useState("");
  const add = useAddMemory(profileId);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (add.isPending) return;
    const submitted = text;
    add.mutate(submitted, {
      // The list may refresh first and the person may already be typing the next memory: only clear
      // the field if it still holds what was remembered.
      onSuccess: () => {
        setText((current) => (current === submitted ? "" : current));
      },
    });
  };

  return (
    <form className={styles.form} onSubmit={submit}>
      <label htmlFor={fieldId} className={styles.label}>
        {t.memory.addLabel}
      </label>
      <textarea
        id={fieldId}
        className={styles.field}
        aria-describedby={hintId}
        rows={3}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          if (add.isError) add.reset();
        }}
      />
      <p id={hintId} className={styles.hint}>
        {t.memory.addHint}
      </p>
      <InlineError error={add.error} />
      <div className={styles.actions}>
        <Button type="submit" variant="primary" aria-busy={add.isPending}>
          {add.isPending ? t.memory.remembering : t.memory.remember}
        </Button>
      </div>
    </form>
  );
}
