import { Button } from "../Button";
import styles from "./UndoToast.module.css";

export interface UndoToastProps {
  message: string;
  undoLabel: string;
  onUndo: () => void;
}

/** A short notice of something just done, with the button that undoes it (announced politely). */
export function UndoToast({ message, undoLabel, onUndo }: UndoToastProps) {
  return (
    <div role="status" className={styles.toast}>
      <span>{message}</span>
      <Button variant="ghost" className={styles.undo} onClick={onUndo}>
        {undoLabel}
      </Button>
    </div>
  );
}
