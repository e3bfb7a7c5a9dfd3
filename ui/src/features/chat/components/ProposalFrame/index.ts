export { ProposalFrame, type ProposalFrameProps } from "./ProposalFrame";
