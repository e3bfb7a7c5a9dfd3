import { useId, useState } from "react";
import { useT } from "../../../../i18n";
import type { JournalCategory } from "../../../../lib/backend";
import { JOURNAL_CATEGORIES, PROMPTS } from "../../prompts";
import styles from "./PromptLibrary.module.css";

/** What to write to: a library prompt (as worded in the person's language) or free writing. */
export interface PromptChoice {
  category: JournalCategory | null;
  prompt: string | null;
  followUps: string[];
}

export interface PromptLibraryProps {
  onStart: (choice: PromptChoice) => void;
}

/** The prompts by category, each with its estimated time, and free writing. */
export function PromptLibrary({ onStart }: PromptLibraryProps) {
  const t = useT();
  const titleId = useId();
  const [category, setCategory] = useState<JournalCategory>("reflection");
  const categoryName = t.chat.categories[category];

  return (
    <section aria-labelledby={titleId} className={styles.library}>
      <h2 id={titleId} className={styles.title}>
        {t.journaling.startTitle}
      </h2>
      <button
        type="button"
        className={styles.free}
        aria-describedby={`${titleId}-free`}
        onClick={() => {
          onStart({ category: null, prompt: null, followUps: [] });
        }}
      >
        {t.journaling.freeWriting}
      </button>
      <p id={`${titleId}-free`} className={styles.hint}>
        {t.journaling.freeWritingHint}
      </p>
      <div role="group" aria-label={t.journaling.categoriesLabel} className={styles.categories}>
        {JOURNAL_CATEGORIES.map((c) => (
          <button
            key={c}
            type="button"
            className={styles.category}
            aria-pressed={c === category}
            onClick={() => {
              setCategory(c);
            }}
          >
            {t.chat.categories[c]}
          </button>
        ))}
      </div>
      <ul aria-label={t.journaling.promptsLabel(categoryName)} className={styles.prompts}>
        {PROMPTS[category].map(({ id, minutes }) => {
          const words = t.journaling.prompts[id];
          return (
            <li key={id} className={styles.prompt}>
              <button
                type="button"
                className={styles.start}
                aria-describedby={`${titleId}-${id}`}
                onClick={() => {
                  onStart({ category, prompt: words.text, followUps: words.followUps });
                }}
              >
                {words.text}
              </button>
              <span id={`${titleId}-${id}`} className={styles.minutes}>
                {t.journaling.minutes(minutes)}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
