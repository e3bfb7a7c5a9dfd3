export { MoodPage, type MoodPageProps } from "./MoodPage";
