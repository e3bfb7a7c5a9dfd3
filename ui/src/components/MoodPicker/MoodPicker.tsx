import { useT } from "../../i18n";
import { MOODS } from "../../features/mood/emotions";
import styles from "./MoodPicker.module.css";

export interface MoodPickerProps {
  legend: string;
  value: number | null;
  onChange: (mood: number | null) => void;
  /** Light text on the activity gradient. */
  onDark?: boolean;
  /** A standalone check-in needs a mood: no "(Optional)", and the chosen one stays chosen. */
  required?: boolean;
}

/**
 * The one 1–5 mood scale of the app (before and after breathing, meditation and journaling, and the
 * standalone check-in). Optional by default: choosing the chosen one again clears it.
 */
export function MoodPicker({
  legend,
  value,
  onChange,
  onDark = false,
  required = false,
}: MoodPickerProps) {
  const t = useT();
  return (
    <fieldset className={styles.picker} data-dark={onDark}>
      <legend className={styles.legend}>
        {legend}
        {required ? null : (
          <>
            {" "}
            <span className={styles.optional}>({t.mood.optional})</span>
          </>
        )}
      </legend>
      <div className={styles.options}>
        {MOODS.map((mood) => (
          <button
            key={mood}
            type="button"
            className={styles.option}
            aria-pressed={value === mood}
            onClick={() => {
              onChange(value === mood && !required ? null : mood);
            }}
          >
            {t.mood.levels[mood]}
          </button>
        ))}
      </div>
    </fieldset>
  );
}
