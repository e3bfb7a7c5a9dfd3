export { ChatModelSettings } from "./ChatModelSettings";
