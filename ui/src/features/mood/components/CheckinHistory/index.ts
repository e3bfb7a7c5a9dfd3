export { CheckinHistory, type CheckinHistoryProps } from "./CheckinHistory";
