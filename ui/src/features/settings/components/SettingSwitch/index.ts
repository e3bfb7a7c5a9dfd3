export { SettingSwitch, type SwitchSetting } from "./SettingSwitch";
