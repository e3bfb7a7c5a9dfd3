export { ProposalOutcome } from "./ProposalOutcome";
