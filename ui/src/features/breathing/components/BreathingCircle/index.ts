export { BreathingCircle, phaseTone, type BreathingCircleProps } from "./BreathingCircle";
