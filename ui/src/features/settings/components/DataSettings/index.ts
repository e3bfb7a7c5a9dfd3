export { DataSettings } from "./DataSettings";
