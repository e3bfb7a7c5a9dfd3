export { LearnedItem, type LearnedItemProps } from "./LearnedItem";
