import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach, beforeEach } from "vitest";
import { installMatchMedia } from "./matchMedia";

beforeEach(() => {
  installMatchMedia();
});

afterEach(() => {
  cleanup();
  const root = document.documentElement;
  delete root.dataset.theme;
  delete root.dataset.themeChoice;
  root.lang = "en";
});
