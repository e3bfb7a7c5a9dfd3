export { BreathingControls, type BreathingControlsProps } from "./BreathingControls";
