export { JournalingConfirmation, type JournalingConfirmationProps } from "./JournalingConfirmation";
