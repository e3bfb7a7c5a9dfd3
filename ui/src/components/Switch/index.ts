export { Switch, SwitchButton, type SwitchButtonProps, type SwitchProps } from "./Switch";
