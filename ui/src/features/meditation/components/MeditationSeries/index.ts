export { MeditationSeries, type MeditationSeriesProps } from "./MeditationSeries";
