export { MotivationSettings, WEEKLY_GOAL_DAYS } from "./MotivationSettings";
