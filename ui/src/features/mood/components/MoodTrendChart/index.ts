export { MoodTrendChart, type MoodTrendChartProps } from "./MoodTrendChart";
