export { VolumeSlider, type VolumeSetting } from "./VolumeSlider";
