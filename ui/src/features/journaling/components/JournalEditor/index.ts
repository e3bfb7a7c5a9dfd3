export { JournalEditor, type JournalEditorProps, type WritingSession } from "./JournalEditor";
