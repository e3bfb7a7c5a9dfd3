import { useId, useState } from "react";
import { Button } from "../../../../components/Button";
import { InlineError } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import type { ActivityProposal, JournalCategory } from "../../../../lib/backend";
import { JournalingExercise } from "../../../journaling/components/JournalingExercise";
import { JOURNAL_CATEGORIES } from "../../../journaling/prompts";
import { useAddActivitySummary, useDecideProposal } from "../../hooks/queries";
import { ProposalActions } from "../ProposalActions";
import { ProposalFrame } from "../ProposalFrame";
import { ProposalOutcome } from "../ProposalOutcome";
import styles from "./JournalingConfirmation.module.css";
import { proposalReason } from "../../reason";

export interface JournalingConfirmationProps {
  profileId: string;
  conversationId: string;
  messageId: string;
  proposal: ActivityProposal;
  category: JournalCategory;
  prompt: string;
}

type Choice = { category: JournalCategory; prompt: string };

/**
 * A journaling prompt offered in the chat: start it, change the category or the prompt, or not now.
 * Start records the choice and opens the writing screen with it; the saved entry's summary (never
 * its words) is added to the conversation.
 */
export function JournalingConfirmation({
  profileId,
  conversationId,
  messageId,
  proposal,
  category,
  prompt,
}: JournalingConfirmationProps) {
  const t = useT();
  const id = useId();
  const decide = useDecideProposal(profileId);
  const summary = useAddActivitySummary(profileId);
  const [draft, setDraft] = useState<Choice | null>(null);
  const [writing, setWriting] = useState<Choice | null>(null);

  // The writing screen stays open while the card below it turns into its decided state.
  const overlay =
    writing === null ? null : (
      <JournalingExercise
        profileId={profileId}
        category={writing.category}
        prompt={writing.prompt}
        onSaved={(entry) => {
          setWriting(null);
          summary.mutate({ conversationId, result: { kind: "journaling", entryId: entry.id } });
        }}
        onCancel={() => {
          setWriting(null);
        }}
      />
    );

  const { decision } = proposal;
  if (decision !== null) {
    const started =
      decision.kind === "started" && decision.choice.kind === "journaling" ? decision.choice : null;
    return (
      <>
        <div className={styles.decided}>
          <ProposalOutcome decision={decision} />
          <InlineError error={summary.error} />
          {started !== null && writing === null ? (
            <Button
              onClick={() => {
                setWriting({ category: started.category, prompt: started.prompt });
              }}
            >
              {t.chat.write}
            </Button>
          ) : null}
        </div>
        {overlay}
      </>
    );
  }

  const chosen = draft ?? { category, prompt };
  return (
    <ProposalFrame
      title={t.chat.activityTitles.journaling}
      reason={proposalReason(t, proposal)}
      error={decide.error}
      actions={
        <ProposalActions
          busy={decide.isPending}
          onStart={() => {
            decide.mutate(
              {
                messageId,
                decision: { kind: "started", choice: { kind: "journaling", ...chosen } },
              },
              {
                onSuccess: () => {
                  setWriting(chosen);
                },
              },
            );
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
              {JOURNAL_CATEGORIES.map((c) => (
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
