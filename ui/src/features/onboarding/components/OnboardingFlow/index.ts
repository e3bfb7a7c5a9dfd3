export { OnboardingFlow, type OnboardingFlowProps } from "./OnboardingFlow";
