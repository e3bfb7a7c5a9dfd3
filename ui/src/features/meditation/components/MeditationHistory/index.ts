export { MeditationHistory } from "./MeditationHistory";
