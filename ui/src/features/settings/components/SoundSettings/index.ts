export { SoundSettings } from "./SoundSettings";
