export { AMBIENT_KINDS, SoundSettings } from "./SoundSettings";
