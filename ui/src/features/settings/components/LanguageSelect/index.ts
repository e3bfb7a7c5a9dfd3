export { LanguageSelect } from "./LanguageSelect";
