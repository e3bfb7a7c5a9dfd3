export { MeditationSetup, type MeditationSetupProps } from "./MeditationSetup";
