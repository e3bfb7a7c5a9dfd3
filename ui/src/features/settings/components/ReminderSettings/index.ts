export { ReminderSettings } from "./ReminderSettings";
