export { RetentionTrendChart } from "./RetentionTrendChart";
