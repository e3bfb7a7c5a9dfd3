import { useId, useState } from "react";
import { Button } from "../../../../components/Button";
import { MoodPicker } from "../../../../components/MoodPicker";
import { InlineError } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import type { Emotion } from "../../../../lib/backend";
import { EMOTIONS } from "../../emotions";
import { useAddCheckin } from "../../hooks/queries";
import styles from "./CheckinForm.module.css";

/** The core's longest note, in characters. */
const MAX_NOTE_CHARS = 1_000;

export interface CheckinFormProps {
  profileId: string;
  locale: string;
}

/** A standalone check-in: the 1–5 mood (needed), the emotions felt and a note (both optional). */
export function CheckinForm({ profileId, locale }: CheckinFormProps) {
  const t = useT();
  const id = useId();
  const add = useAddCheckin(profileId);
  const [mood, setMood] = useState<number | null>(null);
  const [emotions, setEmotions] = useState<Emotion[]>([]);
  const [note, setNote] = useState("");
  const [missingMood, setMissingMood] = useState(false);
  const [saved, setSaved] = useState(false);
  const count = new Intl.NumberFormat(locale);

  const edited = () => {
    setSaved(false);
    if (add.isError) add.reset();
  };

  return (
    <section aria-labelledby={`${id}-title`} className={styles.form}>
      <h2 id={`${id}-title`} className={styles.title}>
        {t.mood.checkinTitle}
      </h2>
      <form
        className={styles.fields}
        onSubmit={(event) => {
          event.preventDefault();
          if (add.isPending) return;
          if (mood === null) {
            setMissingMood(true);
            return;
          }
          add.mutate(
            { mood, emotions, note },
            {
              onSuccess: () => {
                setMood(null);
                setEmotions([]);
                setNote("");
                setSaved(true);
              },
            },
          );
        }}
      >
        <MoodPicker
          legend={t.mood.question}
          value={mood}
          required
          onChange={(value) => {
            setMood(value);
            setMissingMood(false);
            edited();
          }}
        />
        <fieldset className={styles.emotions}>
          <legend className={styles.legend}>
            {t.mood.emotionsLegend} <span className={styles.optional}>({t.mood.optional})</span>
          </legend>
          <div className={styles.chips}>
            {EMOTIONS.map((emotion) => {
              const on = emotions.includes(emotion);
              return (
                <button
                  key={emotion}
                  type="button"
                  className={styles.chip}
                  aria-pressed={on}
                  onClick={() => {
                    setEmotions(
                      on ? emotions.filter((e) => e !== emotion) : [...emotions, emotion],
                    );
                    edited();
                  }}
                >
                  {t.mood.emotions[emotion]}
                </button>
              );
            })}
          </div>
        </fieldset>
        <div className={styles.note}>
          <label htmlFor={`${id}-note`} className={styles.legend}>
            {t.mood.noteLabel} <span className={styles.optional}>({t.mood.optional})</span>
          </label>
          <textarea
            id={`${id}-note`}
            className={styles.field}
            rows={3}
            value={note}
            aria-describedby={`${id}-count`}
            onChange={(event) => {
              setNote(event.target.value);
              edited();
            }}
          />
          <p
            id={`${id}-count`}
            className={styles.count}
            data-over={Array.from(note.trim()).length > MAX_NOTE_CHARS}
          >
            {t.mood.noteCount(
              count.format(Array.from(note.trim()).length),
              count.format(MAX_NOTE_CHARS),
            )}
          </p>
        </div>
        <InlineError error={missingMood ? t.mood.chooseMood : add.error} />
        {saved ? (
          <p role="status" className={styles.saved}>
            {t.mood.saved}
          </p>
        ) : null}
        <Button type="submit" variant="primary" className={styles.save} aria-busy={add.isPending}>
          {add.isPending ? t.mood.saving : t.mood.save}
        </Button>
      </form>
    </section>
  );
}
