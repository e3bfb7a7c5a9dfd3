import { useId, useState } from "react";
import { InlineError } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import { Button } from "../../../../components/Button";
import type { ActivityProposal, MeditationSession, StartMeditation } from "../../../../lib/backend";
import { useSettings } from "../../../../lib/queries";
import { TimerMeditation } from "../../../meditation/components/TimerMeditation";
import { useMeditationRun } from "../../../meditation/hooks/useMeditationRun";
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
 * records the choice, has the core run the timer (with the profile's ambient bed when it has one on)
 * full screen for the minutes chosen, and adds the saved session to the conversation.
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
  const settings = useSettings(profileId);
  const run = useMeditationRun(profileId);
  const [draft, setDraft] = useState<string | null>(null);
  // What was started, to try again if the timer could not start.
  const [started, setStarted] = useState<StartMeditation | null>(null);

  const start = () => {
    const chosen = draft === null ? minutes : Number(draft);
    const ambient = settings.data?.ambientOn === true ? settings.data.ambientSound : null;
    const input = { config: { plannedMs: Math.round(chosen * 60_000), ambient }, moodBefore: null };
    decide.mutate(
      {
        messageId,
        decision: { kind: "started", choice: { kind: "meditation", minutes: chosen } },
      },
      {
        onSuccess: () => {
          setStarted(input);
          void run.start(input);
        },
      },
    );
  };

  const onSaved = (session: MeditationSession) => {
    run.reset();
    summary.mutate({ conversationId, result: { kind: "meditation", sessionId: session.id } });
  };

  // The timer stays at one place in the tree whatever the card shows meanwhile.
  const timer = run.view.live === null ? null : <TimerMeditation run={run} onSaved={onSaved} />;

  if (proposal.decision !== null) {
    return (
      <>
        <div className={styles.decided}>
          <ProposalOutcome decision={proposal.decision} />
          <InlineError error={run.error ?? summary.error} />
          {run.error !== null && run.view.live === null && started !== null ? (
            <Button disabled={run.pending === "start"} onClick={() => void run.start(started)}>
              {t.common.retry}
            </Button>
          ) : null}
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
          busy={decide.isPending || run.pending === "start"}
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
            max={180}
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
