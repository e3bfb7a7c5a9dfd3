export { LockSettings } from "./LockSettings";
