export { ErrorState, InlineError, Loading } from "./StatusView";
