export { BadgeGrid, type BadgeGridProps } from "./BadgeGrid";
