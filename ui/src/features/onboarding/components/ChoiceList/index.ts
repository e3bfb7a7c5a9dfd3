export { ChoiceList, type Choice } from "./ChoiceList";
