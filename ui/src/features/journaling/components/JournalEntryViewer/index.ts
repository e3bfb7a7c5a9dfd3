export { JournalEntryViewer, type JournalEntryViewerProps } from "./JournalEntryViewer";
