export { WellnessPage, type WellnessPageProps } from "./WellnessPage";
