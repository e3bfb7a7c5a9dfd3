export { MemoriesPage } from "./MemoriesPage";
