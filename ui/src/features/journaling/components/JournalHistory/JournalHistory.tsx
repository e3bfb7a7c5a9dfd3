import { useId } from "react";
import { Button } from "../../../../components/Button";
import { LoadMore } from "../../../../components/LoadMore";
import { ErrorState, InlineError, Loading } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import {
  toBackendError,
  type JournalCategory,
  type JournalFilter,
  type JournalSearchMode,
} from "../../../../lib/backend";
import { addDays, dayRange, localDay } from "../../../../lib/days";
import { SEARCH_DEBOUNCE_MS, useDebouncedValue } from "../../../memory/hooks/queries";
import { useJournalEntries } from "../../hooks/queries";
import { JOURNAL_CATEGORIES } from "../../prompts";
import { JournalEntryItem } from "../JournalEntryItem";
import listStyles from "../../../../styles/listSection.module.css";
import styles from "./JournalHistory.module.css";

/** The longest span the core filters on, in days (ten years). */
const MAX_FILTER_DAYS = 3_660;

/** The search and filters as the person set them (kept by the page while an entry is open). */
export interface JournalQuery {
  search: string;
  mode: JournalSearchMode;
  /** "" for every category. */
  category: JournalCategory | "";
  favouritesOnly: boolean;
  /** `YYYY-MM-DD`, or "" when not set. */
  from: string;
  to: string;
}

export const NO_QUERY: JournalQuery = {
  search: "",
  mode: "words",
  category: "",
  favouritesOnly: false,
  from: "",
  to: "",
};

/** The core's filter for a query; one date alone reaches today (from) or as far back as allowed (to). */
export function toFilter(query: JournalQuery, search: string): JournalFilter {
  const { from, to } = query;
  const days =
    from === "" && to === ""
      ? null
      : dayRange(
          from === "" ? addDays(to, 1 - MAX_FILTER_DAYS) : from,
          to === "" ? localDay() : to,
        );
  return {
    search: search === "" ? null : search,
    mode: query.mode,
    category: query.category === "" ? null : query.category,
    favouritesOnly: query.favouritesOnly,
    days,
  };
}

export interface JournalHistoryProps {
  profileId: string;
  locale: string;
  query: JournalQuery;
  onQueryChange: (query: JournalQuery) => void;
  /** Entries deleted a moment ago (Undo can still bring them back): not shown. */
  hidden: readonly string[];
  onOpen: (entryId: string) => void;
  onDelete: (entryId: string) => void;
}

/** The entries, newest first or best first for a search, with the search and filters above them. */
export function JournalHistory({
  profileId,
  locale,
  query,
  onQueryChange,
  hidden,
  onOpen,
  onDelete,
}: JournalHistoryProps) {
  const t = useT();
  const id = useId();
  const settled = useDebouncedValue(query.search, SEARCH_DEBOUNCE_MS).trim();
  const filter = toFilter(query, settled);
  const list = useJournalEntries(profileId, filter);
  const filtered =
    settled !== "" ||
    query.category !== "" ||
    query.favouritesOnly ||
    query.from !== "" ||
    query.to !== "";
  const set = (change: Partial<JournalQuery>) => {
    onQueryChange({ ...query, ...change });
  };

  const results = (() => {
    if (list.isPending) return <Loading />;
    if (list.isError) {
      return toBackendError(list.error).code === "validation" ? (
        <InlineError error={list.error} />
      ) : (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      );
    }
    const hits = list.data.pages.flat().filter((hit) => !hidden.includes(hit.entry.id));
    if (hits.length === 0) {
      return (
        <p role="status" className={listStyles.muted}>
          {filtered ? t.journaling.noMatches : t.journaling.empty}
        </p>
      );
    }
    return (
      <>
        <p role="status" className="visually-hidden">
          {list.isPlaceholderData ? t.journaling.searching : ""}
        </p>
        <ul
          aria-label={t.journaling.entriesLabel}
          aria-busy={list.isPlaceholderData}
          className={listStyles.list}
        >
          {hits.map(({ entry, similarity }) => (
            <JournalEntryItem
              key={entry.id}
              profileId={profileId}
              entry={entry}
              locale={locale}
              similarity={similarity}
              onOpen={onOpen}
              onDelete={onDelete}
            />
          ))}
        </ul>
        <LoadMore list={list} label={t.journaling.loadMore} />
      </>
    );
  })();

  return (
    <section aria-labelledby={`${id}-title`} className={listStyles.section}>
      <h2 id={`${id}-title`} className={listStyles.title}>
        {t.journaling.entriesTitle}
      </h2>
      <div className={styles.search}>
        <label htmlFor={`${id}-search`} className={styles.label}>
          {t.journaling.searchLabel}
        </label>
        <div className={styles.searchRow}>
          <input
            id={`${id}-search`}
            type="search"
            className={styles.field}
            placeholder={t.journaling.searchHint}
            value={query.search}
            onChange={(event) => {
              set({ search: event.target.value });
            }}
          />
          <div role="group" aria-label={t.journaling.searchMode} className={styles.modes}>
            {(["words", "meaning"] as const).map((mode) => (
              <button
                key={mode}
                type="button"
                className={styles.mode}
                aria-pressed={query.mode === mode}
                onClick={() => {
                  set({ mode });
                }}
              >
                {mode === "words" ? t.journaling.byWords : t.journaling.byMeaning}
              </button>
            ))}
          </div>
        </div>
      </div>
      <div className={styles.filters}>
        <div className={styles.filter}>
          <label htmlFor={`${id}-category`} className={styles.label}>
            {t.journaling.category}
          </label>
          <select
            id={`${id}-category`}
            className={styles.field}
            value={query.category}
            onChange={(event) => {
              set({ category: event.target.value as JournalCategory | "" });
            }}
          >
            <option value="">{t.journaling.allCategories}</option>
            {JOURNAL_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t.chat.categories[c]}
              </option>
            ))}
          </select>
        </div>
        <div className={styles.filter}>
          <label htmlFor={`${id}-from`} className={styles.label}>
            {t.journaling.from}
          </label>
          <input
            id={`${id}-from`}
            type="date"
            className={styles.field}
            value={query.from}
            onChange={(event) => {
              set({ from: event.target.value });
            }}
          />
        </div>
        <div className={styles.filter}>
          <label htmlFor={`${id}-to`} className={styles.label}>
            {t.journaling.to}
          </label>
          <input
            id={`${id}-to`}
            type="date"
            className={styles.field}
            value={query.to}
            onChange={(event) => {
              set({ to: event.target.value });
            }}
          />
        </div>
        <label className={styles.check}>
          <input
            type="checkbox"
            checked={query.favouritesOnly}
            onChange={(event) => {
              set({ favouritesOnly: event.target.checked });
            }}
          />
          {t.journaling.favouritesOnly}
        </label>
        {filtered || query.search !== "" ? (
          <Button
            variant="ghost"
            onClick={() => {
              onQueryChange({ ...NO_QUERY, mode: query.mode });
            }}
          >
            {t.journaling.clearFilters}
          </Button>
        ) : null}
      </div>
      {results}
    </section>
  );
}
