import { useId, useState } from "react";
import { useT } from "../../../../i18n";
import type { ActivityProposal } from "../../../../lib/backend";
import { useDecideProposal } from "../../hooks/queries";
import { ProposalActions } from "../ProposalActions";
import { ProposalFrame } from "../ProposalFrame";
import { ProposalOutcome } from "../ProposalOutcome";
import styles from "./MeditationCard.module.css";

export interface MeditationCardProps {
  profileId: string;
  messageId: string;
  proposal: ActivityProposal;
  minutes: number;
}

/**
 * A meditation offered in the chat: start it as suggested, change the minutes, or not now. There is
 * no meditation screen yet, so starting records the choice and says so.
 */
export function MeditationCard({ profileId, messageId, proposal, minutes }: MeditationCardProps) {
  const t = useT();
  const fieldId = useId();
  const decide = useDecideProposal(profileId);
  const [draft, setDraft] = useState<string | null>(null);
  if (proposal.decision !== null) return <ProposalOutcome decision={proposal.decision} />;

  const start = () => {
    const chosen = draft === null ? minutes : Number(draft);
    decide.mutate({
      messageId,
      decision: { kind: "started", choice: { kind: "meditation", minutes: chosen } },
    });
  };
  return (
    <ProposalFrame
      title={t.chat.activityTitles.meditation}
      reason={t.chat.reasons[proposal.reason]}
      error={decide.error}
      actions={
        <ProposalActions
          busy={decide.isPending}
          onStart={start}
          onChange={
            draft === null
              ? () => {
                  setDraft(String(minutes));
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
        <p className={styles.choice}>{t.chat.meditationLength(minutes)}</p>
      ) : (
        <div className={styles.field}>
          <label htmlFor={fieldId}>{t.chat.minutes}</label>
          <input
            id={fieldId}
            type="number"
            inputMode="numeric"
            min={1}
            max={120}
            step={1}
            value={draft}
            onChange={(e) => {
              setDraft(e.target.value);
              decide.reset();
            }}
          />
        </div>
      )}
    </ProposalFrame>
  );
}
