import { useT } from "../../../../i18n";
import type { Message } from "../../../../lib/backend";
import { proposedPrompt } from "../../../journaling/prompts";
import { BreathingProposalCard } from "../BreathingProposalCard";
import { JournalingConfirmation } from "../JournalingConfirmation";
import { MeditationCard } from "../MeditationCard";

/** The card for the activity offered after a user message, by kind. */
export function ProposalCard({ profileId, message }: { profileId: string; message: Message }) {
  const t = useT();
  const { proposal } = message;
  if (proposal === null) return null;
  const { suggestion } = proposal;
  switch (suggestion.kind) {
    case "breathing":
      return (
        <BreathingProposalCard
          profileId={profileId}
          conversationId={message.conversationId}
          messageId={message.id}
          messageText={message.content}
          proposal={proposal}
          technique={suggestion.technique}
        />
      );
    case "meditation":
      return (
        <MeditationCard
          profileId={profileId}
          conversationId={message.conversationId}
          messageId={message.id}
          proposal={proposal}
          minutes={suggestion.minutes}
        />
      );
    case "journaling":
      return (
        <JournalingConfirmation
          profileId={profileId}
          conversationId={message.conversationId}
          messageId={message.id}
          proposal={proposal}
          category={suggestion.category}
          prompt={proposedPrompt(t.journaling.prompts, suggestion.category, suggestion.prompt)}
        />
      );
  }
}
