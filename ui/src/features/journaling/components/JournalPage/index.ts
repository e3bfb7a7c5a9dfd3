export { JournalPage, type JournalPageProps } from "./JournalPage";
