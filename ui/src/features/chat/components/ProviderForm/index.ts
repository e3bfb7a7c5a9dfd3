export { ProviderForm, type ProviderDraft, type ProviderFormProps } from "./ProviderForm";
