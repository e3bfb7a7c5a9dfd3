export { DraftBanner, type DraftBannerProps } from "./DraftBanner";
