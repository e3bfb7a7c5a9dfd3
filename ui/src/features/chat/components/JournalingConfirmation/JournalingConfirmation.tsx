import { useId, useState } from "react";
import { useT } from "../../../../i18n";
import type { ActivityProposal, JournalCategory } from "../../../../lib/backend";
import { useDecideProposal } from "../../hooks/queries";
import { ProposalActions } from "../ProposalActions";
import { ProposalFrame } from "../ProposalFrame";
import { ProposalOutcome } from "../ProposalOutcome";
import styles from "./JournalingConfirmation.module.css";

const CATEGORIES: JournalCategory[] = [
  "reflection",
  "gratitude",
  "processing",
  "growth",
  "self_compassion",
];

export interface JournalingConfirmationProps {
  profileId: string;
  messageId: string;
  proposal: ActivityProposal;
  category: JournalCategory;
  prompt: string;
}

/**
 * A journaling prompt offered in the chat: start it, change the category or the prompt, or not now.
 * There is no journaling screen yet, so starting records the choice and says so.
 */
export function JournalingConfirmation({
  profileId,
  messageId,
  proposal,
  category,
  prompt,
}: JournalingConfirmationProps) {
  const t = useT();
  const id = useId();
  const decide = useDecideProposal(profileId);
  const [draft, setDraft] = useState<{ category: JournalCategory; prompt: string } | null>(null);
  if (proposal.decision !== null) return <ProposalOutcome decision={proposal.decision} />;

  const chosen = draft ?? { category, prompt };
  return (
    <ProposalFrame
      title={t.chat.activityTitles.journaling}
      reason={t.chat.reasons[proposal.reason]}
      error={decide.error}
      actions={
        <ProposalActions
          busy={decide.isPending}
          onStart={() => {
            decide.mutate({
              messageId,
              decision: { kind: "started", choice: { kind: "journaling", ...chosen } },
            });
          }}
          onChange={
            draft === null
              ? () => {
                  setDraft({ category, prompt });
                }
              : undefined
          }
          onNotNow={() => {
            decide.mutate({ messageId, decision: { kind: "declined" } });
          }}
        />
      }
    >
      {draft === null ? (
        <div>
          <p className={styles.category}>{t.chat.categories[category]}</p>
          <p className={styles.prompt}>{prompt}</p>
        </div>
      ) : (
        <div className={styles.fields}>
          <div className={styles.field}>
            <label htmlFor={`${id}-category`}>{t.chat.category}</label>
            <select
              id={`${id}-category`}
              value={draft.category}
              onChange={(e) => {
                setDraft({ ...draft, category: e.target.value as JournalCategory });
              }}
            >
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t.chat.categories[c]}
                </option>
              ))}
            </select>
          </div>
          <div className={styles.field}>
            <label htmlFor={`${id}-prompt`}>{t.chat.prompt}</label>
            <textarea
              id={`${id}-prompt`}
              rows={3}
              value={draft.prompt}
              onChange={(e) => {
                setDraft({ ...draft, prompt: e.target.value });
                decide.reset();
              }}
            />
          </div>
        </div>
      )}
    </ProposalFrame>
  );
}
