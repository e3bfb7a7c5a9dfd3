export { CheckinForm, type CheckinFormProps } from "./CheckinForm";
