import type { Messages } from "../../i18n";
import type { ActivityProposal } from "../../lib/backend";
import { kindName } from "../progress/format";

/**
 * Why a card is offered, in the person's language: for `helped`, with the person's own history
 * ("Box Breathing helped you 4 of the last 5 times").
 */
export function proposalReason(t: Messages, proposal: ActivityProposal): string {
  const { evidence, suggestion } = proposal;
  if (proposal.reason !== "helped" || evidence == null) return t.chat.reasons[proposal.reason];
  const name =
    suggestion.kind === "breathing"
      ? kindName(t, "breathing", suggestion.technique)
      : suggestion.kind === "meditation"
        ? kindName(t, "meditation", "silent")
        : kindName(t, "journaling", suggestion.category);
  return t.chat.helpedBy(name, evidence.improved, evidence.rated);
}
