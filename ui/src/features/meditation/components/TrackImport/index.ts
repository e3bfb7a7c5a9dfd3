export { TrackImport } from "./TrackImport";
