export { MoodPicker, type MoodPickerProps } from "./MoodPicker";
