import { useEffect, useId, useState } from "react";
import { ActivityOverlay } from "../../../../components/ActivityOverlay";
import { Button } from "../../../../components/Button";
import { InlineError } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import type { JournalCategory, JournalEntry } from "../../../../lib/backend";
import { MoodPicker } from "../../../../components/MoodPicker";
import { useSaveJournalEntry } from "../../hooks/queries";
import { formatClock } from "../../../breathing/format";
import { countWords } from "../../format";
import styles from "./JournalingExercise.module.css";

export interface JournalingExerciseProps {
  profileId: string;
  category: JournalCategory;
  prompt: string;
  /** The entry was saved. */
  onSaved: (entry: JournalEntry) => void;
  /** Closed without saving. */
  onCancel: () => void;
}

/**
 * Writing to a prompt, full screen: the words so far, the time spent writing (from one start time),
 * an optional mood before and after, then Save. Escape closes only while nothing is written, so no
 * words are lost by accident.
 */
export function JournalingExercise({
  profileId,
  category,
  prompt,
  onSaved,
  onCancel,
}: JournalingExerciseProps) {
  const t = useT();
  const id = useId();
  const save = useSaveJournalEntry(profileId);
  const [text, setText] = useState("");
  const [moodBefore, setMoodBefore] = useState<number | null>(null);
  const [moodAfter, setMoodAfter] = useState<number | null>(null);
  // One start time: the writing time is always now minus it, never a sum of ticks.
  const [startedAt] = useState(() => Date.now());
  const [now, setNow] = useState(startedAt);
  useEffect(() => {
    const timer = window.setInterval(() => {
      setNow(Date.now());
    }, 1000);
    return () => {
      window.clearInterval(timer);
    };
  }, []);
  const words = countWords(text);

  const submit = () => {
    save.mutate(
      {
        category,
        prompt,
        text,
        writingMs: Math.max(0, Date.now() - startedAt),
        moodBefore,
        moodAfter,
      },
      { onSuccess: onSaved },
    );
  };

  return (
    <ActivityOverlay
      label={t.journaling.title}
      onEscape={() => {
        if (text.trim() === "") onCancel();
      }}
    >
      <div className={styles.exercise}>
        <p className={styles.category}>{t.chat.categories[category]}</p>
        <h2 className={styles.prompt}>{prompt}</h2>
        <MoodPicker
          legend={t.journaling.moodBefore}
          value={moodBefore}
          onChange={setMoodBefore}
          onDark
        />
        <label htmlFor={`${id}-text`} className={styles.label}>
          {t.journaling.entry}
        </label>
        <textarea
          id={`${id}-text`}
          className={styles.text}
          rows={10}
          value={text}
          aria-describedby={`${id}-meta`}
          onChange={(e) => {
            setText(e.target.value);
            save.reset();
          }}
        />
        <p id={`${id}-meta`} className={styles.meta}>
          {t.journaling.words(words)} · {t.journaling.writingTime(formatClock(now - startedAt))}
        </p>
        <MoodPicker
          legend={t.journaling.moodAfter}
          value={moodAfter}
          onChange={setMoodAfter}
          onDark
        />
        <InlineError error={save.error} />
        <div className={styles.actions}>
          <Button variant="primary" aria-busy={save.isPending} onClick={submit}>
            {t.journaling.save}
          </Button>
          <Button variant="ghost" onClick={onCancel}>
            {t.journaling.cancel}
          </Button>
        </div>
      </div>
    </ActivityOverlay>
  );
}
