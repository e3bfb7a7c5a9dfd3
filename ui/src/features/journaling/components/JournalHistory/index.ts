export {
  JournalHistory,
  NO_QUERY,
  toFilter,
  type JournalHistoryProps,
  type JournalQuery,
} from "./JournalHistory";
