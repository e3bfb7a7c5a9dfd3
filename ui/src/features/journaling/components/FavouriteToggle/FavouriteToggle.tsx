import styles from "./FavouriteToggle.module.css";

export interface FavouriteToggleProps {
  /** The button's name; its state is aria-pressed, so the name stays the same when toggled. */
  label: string;
  on: boolean;
  busy?: boolean;
  onToggle: () => void;
}

/** A star that marks an entry as a favourite, or not. */
export function FavouriteToggle({ label, on, busy = false, onToggle }: FavouriteToggleProps) {
  return (
    <button
      type="button"
      className={styles.star}
      aria-label={label}
      aria-pressed={on}
      aria-busy={busy}
      onClick={() => {
        if (!busy) onToggle();
      }}
    >
      <svg viewBox="0 0 24 24" aria-hidden="true" className={styles.icon}>
        <path d="M12 3.5l2.6 5.3 5.9.9-4.3 4.1 1 5.8L12 16.9l-5.2 2.7 1-5.8-4.3-4.1 5.9-.9z" />
      </svg>
    </button>
  );
}
