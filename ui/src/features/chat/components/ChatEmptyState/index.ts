export { ChatEmptyState } from "./ChatEmptyState";
