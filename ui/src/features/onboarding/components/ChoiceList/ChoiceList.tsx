import styles from "./ChoiceList.module.css";

export interface Choice {
  key: string;
  label: string;
  pressed: boolean;
  onPress: () => void;
}

/** Options as toggle buttons (aria-pressed); `multiple` only changes how a selection is drawn. */
export function ChoiceList({
  labelledBy,
  describedBy,
  choices,
  multiple,
}: {
  labelledBy: string;
  describedBy: string;
  choices: Choice[];
  multiple: boolean;
}) {
  return (
    <div
      role="group"
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      className={styles.list}
    >
      {choices.map((choice) => (
        <button
          key={choice.key}
          type="button"
          className={styles.choice}
          aria-pressed={choice.pressed}
          onClick={choice.onPress}
        >
          <span className={multiple ? styles.checkbox : styles.radio} aria-hidden="true" />
          {choice.label}
        </button>
      ))}
    </div>
  );
}
