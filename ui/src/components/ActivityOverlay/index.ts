export { ActivityOverlay, type ActivityOverlayProps } from "./ActivityOverlay";
