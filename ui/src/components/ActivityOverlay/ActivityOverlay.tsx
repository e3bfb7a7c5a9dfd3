import { useEffect, useRef, type ReactNode } from "react";
import { createPortal } from "react-dom";
import styles from "./ActivityOverlay.module.css";

const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])';

export interface ActivityOverlayProps {
  /** The dialog's accessible name. */
  label: string;
  /** Escape pressed (not while a nested dialog is open). */
  onEscape: () => void;
  children: ReactNode;
}

/**
 * A full-screen activity (SPEC §9): role=dialog over the activity gradient, focus kept inside and
 * given back on close, Escape handed to the caller. The dialog itself takes focus first so keys
 * like Space reach the activity instead of pressing a button.
 */
export function ActivityOverlay({ label, onEscape, children }: ActivityOverlayProps) {
  const ref = useRef<HTMLDivElement>(null);
  const onEscapeRef = useRef(onEscape);
  useEffect(() => {
    onEscapeRef.current = onEscape;
  }, [onEscape]);

  useEffect(() => {
    const previous = document.activeElement;
    ref.current?.focus();
    return () => {
      if (previous instanceof HTMLElement) previous.focus();
    };
  }, []);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const dialog = ref.current;
      if (dialog === null) return;
      if (event.key === "Escape") {
        event.preventDefault();
        onEscapeRef.current();
        return;
      }
      if (event.key !== "Tab") return;
      const focusable = Array.from(dialog.querySelectorAll<HTMLElement>(FOCUSABLE));
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (first === undefined || last === undefined) {
        event.preventDefault();
        return;
      }
      const inside = dialog.contains(document.activeElement);
      const onEdge = document.activeElement === (event.shiftKey ? first : last);
      if (!inside || onEdge || document.activeElement === dialog) {
        event.preventDefault();
        (event.shiftKey ? last : first).focus();
      }
    };
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
    };
  }, []);

  return createPortal(
    <div
      ref={ref}
      role="dialog"
      aria-modal="true"
      aria-label={label}
      tabIndex={-1}
      className={styles.overlay}
    >
      {children}
    </div>,
    document.body,
  );
}
