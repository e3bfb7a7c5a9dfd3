import { useId, useState } from "react";
import { InlineError } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import type { ActivityProposal, MeditationSession } from "../../../../lib/backend";
import { TimerMeditation } from "../../../meditation/components/TimerMeditation";
import { useAddActivitySummary, useDecideProposal } from "../../hooks/queries";
import { ProposalActions } from "../ProposalActions";
import { ProposalFrame } from "../ProposalFrame";
import { ProposalOutcome } from "../ProposalOutcome";
import styles from "./MeditationCard.module.css";
import { proposalReason } from "../../reason";

export interface MeditationCardProps {
  profileId: string;
  conversationId: string;
  messageId: string;
  proposal: ActivityProposal;
  minutes: number;
}

/**
 * A meditation offered in the chat: start it as suggested, change the minutes, or not now. Start
 * records the choice, runs the silent timer full screen for the minutes chosen, and adds the saved
 * session to the conversation.
 */
export function MeditationCard({
  profileId,
  conversationId,
  messageId,
  proposal,
  minutes,
}: MeditationCardProps) {
  const t = useT();
  const fieldId = useId();
  const decide = useDecideProposal(profileId);
  const summary = useAddActivitySummary(profileId);
  const [draft, setDraft] = useState<string | null>(null);
  const [running, setRunning] = useState<number | null>(null);

  const start = () => {
    const chosen = draft === null ? minutes : Number(draft);
    decide.mutate(
      {
        messageId,
        decision: { kind: "started", choice: { kind: "meditation", minutes: chosen } },
      },
      {
        onSuccess: () => {
          setRunning(chosen);
        },
      },
    );
  };

  const onSaved = (session: MeditationSession) => {
    setRunning(null);
    summary.mutate({ conversationId, result: { kind: "meditation", sessionId: session.id } });
  };

  // The timer stays at one place in the tree whatever the card shows meanwhile.
  const timer =
    running === null ? null : (
      <TimerMeditation profileId={profileId} minutes={running} onSaved={onSaved} />
    );

  if (proposal.decision !== null) {
    return (
      <>
        <div className={styles.decided}>
          <ProposalOutcome decision={proposal.decision} />
          <InlineError error={summary.error} />
        </div>
        {timer}
      </>
    );
  }

  const card = (
    <ProposalFrame
      title={t.chat.activityTitles.meditation}
      reason={proposalReason(t, proposal)}
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
  return (
    <>
      {card}
      {timer}
    </>
  );
}
