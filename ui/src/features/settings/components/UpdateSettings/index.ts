export { UpdateSettings, UPDATES_SECTION_ID } from "./UpdateSettings";
