export { NoteEditor, type NoteEditorProps } from "./NoteEditor";
