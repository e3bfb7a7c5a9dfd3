export { RemoteDisclosure } from "./RemoteDisclosure";
