export { ChatInputArea, type ChatInputAreaProps } from "./ChatInputArea";
