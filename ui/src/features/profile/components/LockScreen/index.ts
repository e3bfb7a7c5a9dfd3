export { LockScreen } from "./LockScreen";
