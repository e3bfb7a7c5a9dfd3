export {
  BreathingConfirmation,
  type BreathingConfirmationProps,
  type BreathingProposal,
} from "./BreathingConfirmation";
