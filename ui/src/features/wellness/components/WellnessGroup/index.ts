export { WellnessGroup, type WellnessGroupProps } from "./WellnessGroup";
