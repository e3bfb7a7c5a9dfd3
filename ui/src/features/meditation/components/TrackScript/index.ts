export { TrackScript, scriptBlocks } from "./TrackScript";
