export { DeleteProfileDialog } from "./DeleteProfileDialog";
