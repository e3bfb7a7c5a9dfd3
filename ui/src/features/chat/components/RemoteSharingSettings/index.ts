export { RemoteSharingSettings } from "./RemoteSharingSettings";
