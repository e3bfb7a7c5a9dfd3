export { JournalEntryItem, type JournalEntryItemProps } from "./JournalEntryItem";
