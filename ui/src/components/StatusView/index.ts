export { ComingSoon, ErrorState, InlineError, Loading } from "./StatusView";
