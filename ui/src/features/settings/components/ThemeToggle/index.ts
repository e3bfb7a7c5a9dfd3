export { ThemeToggle } from "./ThemeToggle";
