export { AddMemoryForm } from "./AddMemoryForm";
