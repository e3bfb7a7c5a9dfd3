export { BreathingBackground } from "./BreathingBackground";
