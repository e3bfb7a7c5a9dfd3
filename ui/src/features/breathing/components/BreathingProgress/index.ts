export { BreathingProgress, type BreathingProgressProps } from "./BreathingProgress";
