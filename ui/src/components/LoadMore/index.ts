export { LoadMore, type PagedList } from "./LoadMore";
