import { useState } from "react";
import { Button } from "../../../../components/Button";
import { InlineError } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import type {
  ActivityProposal,
  BreathingSession,
  StartBreathing,
  Technique,
} from "../../../../lib/backend";
import { BreathingConfirmation } from "../../../breathing/components/BreathingConfirmation";
import { ImmersiveBreathing } from "../../../breathing/components/ImmersiveBreathing";
import { WimHofExercise } from "../../../breathing/components/WimHofExercise";
import { useBreathingRun } from "../../../breathing/hooks/useBreathingRun";
import { useAddActivitySummary, useDecideProposal } from "../../hooks/queries";
import { ProposalActions } from "../ProposalActions";
import { ProposalFrame } from "../ProposalFrame";
import { ProposalOutcome } from "../ProposalOutcome";
import styles from "./BreathingProposalCard.module.css";
import { proposalReason } from "../../reason";

export interface BreathingProposalCardProps {
  profileId: string;
  conversationId: string;
  messageId: string;
  /** The user's message the card answers: the Wim Hof gate checks it for discomfort words. */
  messageText: string;
  proposal: ActivityProposal;
  technique: Technique;
}

type Preset = "box" | "relaxing_478" | "coherent" | "deep_calm";

/** Presets start as they are; the others need the picker's settings first. */
function isPreset(technique: Technique): technique is Preset {
  return ["box", "relaxing_478", "coherent", "deep_calm"].includes(technique);
}

/**
 * A breathing exercise offered in the chat. Start runs the suggestion; Change opens the breathing
 * feature's own picker (technique, settings, mood before, the Wim Hof safety gate); what is chosen
 * is recorded, runs full screen as on the Breathing page, and its saved session is added to the
 * conversation.
 */
export function BreathingProposalCard({
  profileId,
  conversationId,
  messageId,
  messageText,
  proposal,
  technique,
}: BreathingProposalCardProps) {
  const t = useT();
  const [changing, setChanging] = useState(false);
  const decide = useDecideProposal(profileId);
  const summary = useAddActivitySummary(profileId);
  const run = useBreathingRun(profileId);
  const live = run.view.live;

  const start = (input: StartBreathing) => {
    decide.mutate(
      {
        messageId,
        decision: {
          kind: "started",
          choice: { kind: "breathing", technique: input.config.technique },
        },
      },
      {
        onSuccess: () => {
          void run.start(input).then(() => {
            setChanging(false);
          });
        },
      },
    );
  };

  const onSaved = (session: BreathingSession) => {
    run.reset();
    summary.mutate({ conversationId, result: { kind: "breathing", sessionId: session.id } });
  };

  const overlay =
    live === null ? null : live.config.technique === "wim_hof" ? (
      <WimHofExercise run={run} title={t.breathing.techniques.wim_hof} onSaved={onSaved} />
    ) : (
      <ImmersiveBreathing
        run={run}
        title={t.breathing.techniques[live.config.technique]}
        onSaved={onSaved}
      />
    );

  const body = (() => {
    if (changing) {
      return (
        <ProposalFrame title={t.chat.activityTitles.breathing} error={decide.error}>
          <BreathingConfirmation
            profileId={profileId}
            proposal={{ technique, reason: proposalReason(t, proposal) }}
            latestMessage={messageText}
            starting={decide.isPending || run.pending === "start"}
            error={run.error}
            onStart={start}
            onCancel={() => {
              setChanging(false);
            }}
          />
        </ProposalFrame>
      );
    }

    if (proposal.decision !== null) {
      return (
        <div className={styles.decided}>
          <ProposalOutcome decision={proposal.decision} />
          <InlineError error={run.error ?? summary.error} />
          {run.error !== null ? (
            <Button
              onClick={() => {
                setChanging(true);
              }}
            >
              {t.chat.change}
            </Button>
          ) : null}
        </div>
      );
    }

    return (
      <ProposalFrame
        title={t.chat.activityTitles.breathing}
        reason={proposalReason(t, proposal)}
        error={decide.error}
        actions={
          <ProposalActions
            busy={decide.isPending || run.pending === "start"}
            onStart={() => {
              if (isPreset(technique)) {
                start({ config: { technique }, moodBefore: null });
              } else {
                setChanging(true);
              }
            }}
            onChange={() => {
              decide.reset();
              setChanging(true);
            }}
            onNotNow={() => {
              decide.mutate({ messageId, decision: { kind: "declined" } });
            }}
          />
        }
      >
        <p className={styles.choice}>{t.breathing.techniques[technique]}</p>
      </ProposalFrame>
    );
  })();

  // The session stays at one place in the tree whatever the card shows meanwhile.
  return (
    <>
      {body}
      {overlay}
    </>
  );
}
