import { useT } from "../../../../i18n";
import type { ActivitySummary, Technique } from "../../../../lib/backend";
import { formatClock } from "../../../breathing/format";
import styles from "./ActivityNote.module.css";

/** A `system_summary` message: how an activity started from the conversation went. */
export function ActivityNote({ summary }: { summary: ActivitySummary }) {
  const t = useT();
  const techniques: Record<string, string> = t.breathing.techniques;
  // A journaling note's technique is its entry's category, or "free" for free writing.
  const categories: Record<string, string> = {
    ...t.chat.categories,
    free: t.journaling.freeWriting,
  };
  const name =
    summary.activity === "breathing"
      ? (techniques[summary.technique as Technique] ?? summary.technique)
      : summary.activity === "journaling"
        ? `${t.journaling.title}: ${categories[summary.technique] ?? summary.technique}`
        : summary.technique;
  const mood = (m: number | null) => (m === null ? "–" : String(m));
  const text = t.chat.summary(name, formatClock(summary.durationMs), summary.completed);
  const moodText =
    summary.moodBefore !== null || summary.moodAfter !== null
      ? t.chat.moodChange(mood(summary.moodBefore), mood(summary.moodAfter))
      : null;
  return (
    <p className={styles.note}>
      <span aria-hidden="true" className={styles.mark}>
        ✓
      </span>
      <span>
        {text}
        {moodText !== null ? ` · ${moodText}` : null}
      </span>
    </p>
  );
}
