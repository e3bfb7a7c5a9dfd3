export { SpokenMeditations } from "./SpokenMeditations";
