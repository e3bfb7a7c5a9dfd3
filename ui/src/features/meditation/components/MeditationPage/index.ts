export { MeditationPage, type MeditationPageProps } from "./MeditationPage";
