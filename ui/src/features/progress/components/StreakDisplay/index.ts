export { StreakDisplay } from "./StreakDisplay";
