export { HelplineRegionSelect } from "./HelplineRegionSelect";
