export { MoodTrends, type MoodTrendsProps } from "./MoodTrends";
