import { useT } from "../../../../i18n";
import type { ProposalDecision } from "../../../../lib/backend";
import styles from "./ProposalOutcome.module.css";

/** A decided card: what was chosen. */
export function ProposalOutcome({ decision }: { decision: ProposalDecision }) {
  const t = useT();
  if (decision.kind === "declined") {
    return <p className={styles.outcome}>{t.chat.declined}</p>;
  }
  const { choice } = decision;
  switch (choice.kind) {
    case "breathing":
      return (
        <p className={styles.outcome}>
          {t.chat.choseBreathing(t.breathing.techniques[choice.technique])}
        </p>
      );
    case "meditation":
      return <p className={styles.outcome}>{t.chat.choseMeditation(choice.minutes)}</p>;
    case "journaling":
      return (
        <div className={styles.outcome}>
          <p>{t.chat.choseJournaling(t.chat.categories[choice.category], choice.prompt)}</p>
        </div>
      );
  }
}
