export { TimerMeditation, type TimerMeditationProps } from "./TimerMeditation";
