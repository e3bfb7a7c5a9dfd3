export { PromptLibrary, type PromptLibraryProps, type PromptChoice } from "./PromptLibrary";
