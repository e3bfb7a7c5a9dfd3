import { Button } from "../Button";
import styles from "./LoadMore.module.css";

/** What a paged list (TanStack Query's `useInfiniteQuery`) offers for its next page. */
export interface PagedList {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/** The button under a paged list that fetches its next page; nothing when there is none. */
export function LoadMore({ list, label }: { list: PagedList; label: string }) {
  if (!list.hasNextPage) return null;
  return (
    <Button
      className={styles.more}
      aria-busy={list.isFetchingNextPage}
      onClick={() => {
        if (!list.isFetchingNextPage) void list.fetchNextPage();
      }}
    >
      {label}
    </Button>
  );
}
