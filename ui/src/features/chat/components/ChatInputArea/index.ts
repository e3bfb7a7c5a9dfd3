export { ChatInputArea } from "./ChatInputArea";
