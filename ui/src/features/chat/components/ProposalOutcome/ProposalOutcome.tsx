import { useT } from "../../../../i18n";
import type { ProposalDecision } from "../../../../lib/backend";
import styles from "./ProposalOutcome.module.css";

/** A decided card: what was chosen (and, for activities without a session screen yet, that it is saved). */
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
      return (
        <div className={styles.outcome}>
          <p>{t.chat.choseMeditation(choice.minutes)}</p>
          <p>{t.chat.savedForLater}</p>
        </div>
      );
    case "journaling":
      return (
        <div className={styles.outcome}>
          <p>{t.chat.choseJournaling(t.chat.categories[choice.category], choice.prompt)}</p>
          <p>{t.chat.savedForLater}</p>
        </div>
      );
  }
}
