export { ProposalCard } from "./ProposalCard";
