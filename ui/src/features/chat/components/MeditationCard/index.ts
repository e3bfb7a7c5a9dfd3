export { MeditationCard, type MeditationCardProps } from "./MeditationCard";
