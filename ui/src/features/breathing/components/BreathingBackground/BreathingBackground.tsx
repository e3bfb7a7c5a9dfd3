import styles from "./BreathingBackground.module.css";

/** A soft glow in the phase's colour behind the circle; decoration only. */
export function BreathingBackground({ tone }: { tone: "inhale" | "hold" | "exhale" }) {
  return <div aria-hidden="true" className={styles.background} data-tone={tone} />;
}
