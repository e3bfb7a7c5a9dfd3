import { useEffect } from "react";
import type { Theme } from "../../../lib/backend";

const DARK_QUERY = "(prefers-color-scheme: dark)";

/**
 * Mirrors the theme choice on <html>: data-theme-choice is the choice, data-theme the resolved
 * light/dark ("system" follows the OS and its changes). Undefined leaves the page as it is, so a
 * profile's settings still loading do not flash another theme.
 */
export function useDocumentTheme(choice: Theme | undefined) {
  useEffect(() => {
    if (choice === undefined) return;
    const root = document.documentElement;
    root.dataset.themeChoice = choice;
    if (choice !== "system") {
      root.dataset.theme = choice;
      return;
    }
    const media = window.matchMedia(DARK_QUERY);
    const apply = () => {
      root.dataset.theme = media.matches ? "dark" : "light";
    };
    apply();
    media.addEventListener("change", apply);
    return () => {
      media.removeEventListener("change", apply);
    };
  }, [choice]);
}
