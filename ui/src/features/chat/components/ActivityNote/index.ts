export { ActivityNote } from "./ActivityNote";
