export { GuidedTracks } from "./GuidedTracks";
