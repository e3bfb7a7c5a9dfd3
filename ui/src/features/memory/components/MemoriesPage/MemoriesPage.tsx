import { useId, useState } from "react";
import { Button } from "../../../../components/Button";
import { LoadMore } from "../../../../components/LoadMore";
import { ConfirmDialog } from "../../../../components/ConfirmDialog";
import { ErrorState, Loading } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import {
  SEARCH_DEBOUNCE_MS,
  useDebouncedValue,
  useForgetAllMemories,
  useMemoryList,
  useMemorySearch,
} from "../../hooks/queries";
import { AddMemoryForm } from "../AddMemoryForm";
import { MemoryItem } from "../MemoryItem";
import { MemoryStatusLine } from "../MemoryStatusLine";
import listStyles from "../../../../styles/listSection.module.css";
import pageStyles from "../../../../styles/page.module.css";
import styles from "./MemoriesPage.module.css";

export interface MemoriesPageProps {
  profileId: string;
  locale: string;
}

/** What Wbot remembers: add, search as you type, edit, forget one or everything. */
export function MemoriesPage({ profileId, locale }: MemoriesPageProps) {
  const t = useT();
  const titleId = useId();
  const searchId = useId();
  const listTitleId = useId();
  const [query, setQuery] = useState("");
  const settled = useDebouncedValue(query, SEARCH_DEBOUNCE_MS).trim();
  const list = useMemoryList(profileId);
  const forgetAll = useForgetAllMemories(profileId);
  const [confirming, setConfirming] = useState(false);
  const total = list.data?.pages[0]?.total ?? 0;

  return (
    <div className={`${pageStyles.page} ${pageStyles.narrow}`}>
      <header className={pageStyles.header}>
        <h1 id={titleId} className={pageStyles.title}>
          {t.memory.title}
        </h1>
        <p className={pageStyles.muted}>{t.memory.intro}</p>
        <MemoryStatusLine profileId={profileId} />
      </header>

      <AddMemoryForm profileId={profileId} />

      <div className={styles.search}>
        <label htmlFor={searchId} className={styles.label}>
          {t.memory.searchLabel}
        </label>
        <input
          id={searchId}
          type="search"
          className={styles.field}
          placeholder={t.memory.searchHint}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
          }}
        />
      </div>

      <section aria-labelledby={listTitleId} className={listStyles.section}>
        <div className={styles.sectionHeader}>
          <h2 id={listTitleId} className={styles.subtitle}>
            {settled === "" ? t.memory.listTitle : t.memory.resultsTitle}
          </h2>
          {total > 0 ? (
            <Button
              variant="danger"
              onClick={() => {
                forgetAll.reset();
                setConfirming(true);
              }}
            >
              {t.memory.forgetAll}
            </Button>
          ) : null}
        </div>
        {settled === "" ? (
          <MemoryList profileId={profileId} locale={locale} list={list} />
        ) : (
          <SearchResults profileId={profileId} locale={locale} query={settled} />
        )}
      </section>

      {confirming ? (
        <ConfirmDialog
          title={t.memory.forgetAllTitle(total)}
          description={t.memory.forgetAllText}
          confirmLabel={t.memory.forgetAll}
          pending={forgetAll.isPending}
          error={forgetAll.error}
          onCancel={() => {
            setConfirming(false);
          }}
          onConfirm={() => {
            forgetAll.mutate(undefined, {
              onSuccess: () => {
                setConfirming(false);
              },
            });
          }}
        />
      ) : null}
    </div>
  );
}

function MemoryList({
  profileId,
  locale,
  list,
}: {
  profileId: string;
  locale: string;
  list: ReturnType<typeof useMemoryList>;
}) {
  const t = useT();
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  const memories = list.data.pages.flatMap((page) => page.items);
  if (memories.length === 0) return <p className={pageStyles.muted}>{t.memory.empty}</p>;
  return (
    <>
      <ul className={listStyles.list}>
        {memories.map((memory) => (
          <MemoryItem key={memory.id} profileId={profileId} memory={memory} locale={locale} />
        ))}
      </ul>
      <LoadMore list={list} label={t.memory.loadMore} />
    </>
  );
}

function SearchResults({
  profileId,
  locale,
  query,
}: {
  profileId: string;
  locale: string;
  query: string;
}) {
  const t = useT();
  const search = useMemorySearch(profileId, query);
  if (search.isPending) {
    return (
      <p role="status" className={pageStyles.muted}>
        {t.memory.searching}
      </p>
    );
  }
  if (search.isError) {
    return <ErrorState error={search.error} onRetry={() => void search.refetch()} />;
  }
  return (
    <>
      <p role="status" className={pageStyles.muted}>
        {search.isPlaceholderData
          ? t.memory.searching
          : search.data.length === 0
            ? t.memory.noResults(query)
            : t.memory.results(search.data.length)}
      </p>
      {search.data.length > 0 ? (
        <ul className={listStyles.list} aria-busy={search.isPlaceholderData}>
          {search.data.map((hit) => (
            <MemoryItem
              key={hit.memory.id}
              profileId={profileId}
              memory={hit.memory}
              locale={locale}
              similarity={hit.similarity}
            />
          ))}
        </ul>
      ) : null}
    </>
  );
}
