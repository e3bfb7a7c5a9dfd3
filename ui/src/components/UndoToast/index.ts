export { UndoToast, type UndoToastProps } from "./UndoToast";
