import { useId } from "react";
import { Button } from "../../../../components/Button";
import { useT } from "../../../../i18n";
import type { Section } from "../../../shell/sections";
import styles from "./ChatEmptyState.module.css";

export function ChatEmptyState({
  displayName,
  onNavigate,
  onStarter,
  disabled = false,
}: {
  displayName: string;
  onNavigate: (section: Section) => void;
  /** Sends a conversation starter as the first message. */
  onStarter: (text: string) => void;
  disabled?: boolean;
}) {
  const t = useT();
  const actionsId = useId();
  const startersId = useId();
  const quickActions: { section: Section; label: string }[] = [
    { section: "breathing", label: t.chat.breathe },
    { section: "meditation", label: t.chat.meditate },
    { section: "journaling", label: t.chat.journal },
    { section: "mood", label: t.chat.checkIn },
  ];
  const starters = [t.chat.starterAnxious, t.chat.starterUnwind, t.chat.starterReflect];

  return (
    <div className={styles.empty}>
      <h1 className={styles.greeting}>{t.chat.greeting(displayName)}</h1>
      <p className={styles.intro}>{t.chat.intro}</p>

      <section aria-labelledby={actionsId} className={styles.group}>
        <h2 id={actionsId} className="visually-hidden">
          {t.chat.quickActions}
        </h2>
        <div className={styles.actions}>
          {quickActions.map(({ section, label }) => (
            <Button
              key={section}
              className={styles.action}
              onClick={() => {
                onNavigate(section);
              }}
            >
              {label}
            </Button>
          ))}
        </div>
      </section>

      <section aria-labelledby={startersId} className={styles.group}>
        <h2 id={startersId} className={styles.groupTitle}>
          {t.chat.starters}
        </h2>
        <ul className={styles.starters}>
          {starters.map((starter) => (
            <li key={starter}>
              <button
                type="button"
                className={styles.chip}
                disabled={disabled}
                onClick={() => {
                  onStarter(starter);
                }}
              >
                {starter}
              </button>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
