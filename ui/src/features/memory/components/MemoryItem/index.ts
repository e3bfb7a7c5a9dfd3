export { MemoryItem } from "./MemoryItem";
