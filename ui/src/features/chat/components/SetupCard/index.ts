export { SetupCard } from "./SetupCard";
