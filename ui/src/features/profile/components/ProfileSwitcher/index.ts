export { ProfileSwitcher } from "./ProfileSwitcher";
