export { AboutYouSettings } from "./AboutYouSettings";
