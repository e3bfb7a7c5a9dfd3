export { ChatSidebar, type ChatSidebarProps } from "./ChatSidebar";
