export { TrackPlayer } from "./TrackPlayer";
