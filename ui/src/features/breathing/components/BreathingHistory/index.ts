export { BreathingHistory } from "./BreathingHistory";
