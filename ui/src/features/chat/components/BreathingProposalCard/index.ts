export { BreathingProposalCard, type BreathingProposalCardProps } from "./BreathingProposalCard";
