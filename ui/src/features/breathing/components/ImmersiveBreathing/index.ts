export { ImmersiveBreathing, type ImmersiveBreathingProps } from "./ImmersiveBreathing";
