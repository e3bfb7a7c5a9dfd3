export { DiscoverNav, type DiscoverNavProps } from "./DiscoverNav";
