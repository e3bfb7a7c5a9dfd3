export { BreathingPage, type BreathingPageProps } from "./BreathingPage";
