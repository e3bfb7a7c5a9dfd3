export { SessionComplete, type SessionCompleteProps } from "./SessionComplete";
