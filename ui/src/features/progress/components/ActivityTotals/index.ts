export { ActivityTotals, type ActivityTotalsProps } from "./ActivityTotals";
