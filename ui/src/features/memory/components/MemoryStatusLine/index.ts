export { MemoryStatusLine } from "./MemoryStatusLine";
