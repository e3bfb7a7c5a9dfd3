export { ProgressPage, type ProgressPageProps } from "./ProgressPage";
