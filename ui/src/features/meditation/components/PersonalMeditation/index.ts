export { PersonalMeditation } from "./PersonalMeditation";
