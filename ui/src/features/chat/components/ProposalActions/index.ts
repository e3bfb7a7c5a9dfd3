export { ProposalActions, type ProposalActionsProps } from "./ProposalActions";
