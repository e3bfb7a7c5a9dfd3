export { WeeklyGoals, type WeeklyGoalsProps } from "./WeeklyGoals";
