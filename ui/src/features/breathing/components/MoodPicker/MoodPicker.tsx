import { useT } from "../../../../i18n";
import styles from "./MoodPicker.module.css";

const MOODS = [1, 2, 3, 4, 5] as const;

export interface MoodPickerProps {
  legend: string;
  value: number | null;
  onChange: (mood: number | null) => void;
  /** Light text on the activity gradient. */
  onDark?: boolean;
}

/** An optional 1–5 mood; choosing the chosen one again clears it. */
export function MoodPicker({ legend, value, onChange, onDark = false }: MoodPickerProps) {
  const t = useT();
  return (
    <fieldset className={styles.picker} data-dark={onDark}>
      <legend className={styles.legend}>
        {legend} <span className={styles.optional}>({t.breathing.moodOptional})</span>
      </legend>
      <div className={styles.options}>
        {MOODS.map((mood) => (
          <button
            key={mood}
            type="button"
            className={styles.option}
            aria-pressed={value === mood}
            onClick={() => {
              onChange(value === mood ? null : mood);
            }}
          >
            {t.breathing.moods[mood]}
          </button>
        ))}
      </div>
    </fieldset>
  );
}
