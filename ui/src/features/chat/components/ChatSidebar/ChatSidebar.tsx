import { useId, useState } from "react";
import { ErrorState } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import type { SearchMode } from "../../../../lib/backend";
import { SEARCH_DEBOUNCE_MS, useDebouncedValue } from "../../../memory/hooks/queries";
import { useConversationSearch } from "../../hooks/queries";
import { ConversationHistory } from "../ConversationHistory";
import styles from "./ChatSidebar.module.css";

export interface ChatSidebarProps {
  profileId: string;
  locale: string;
  currentId: string | null;
  onSelect: (conversationId: string) => void;
  onDeleted: (conversationId: string) => void;
}

/** The conversation history with its search (by keywords or by meaning). */
export function ChatSidebar(props: ChatSidebarProps) {
  const t = useT();
  const titleId = useId();
  const searchId = useId();
  const [query, setQuery] = useState("");
  const [mode, setMode] = useState<SearchMode>("keyword");
  const settled = useDebouncedValue(query, SEARCH_DEBOUNCE_MS).trim();

  return (
    <section aria-labelledby={titleId} className={styles.sidebar}>
      <h2 id={titleId} className={styles.title}>
        {t.nav.history}
      </h2>
      <div className={styles.search}>
        <label htmlFor={searchId} className="visually-hidden">
          {t.chat.searchLabel}
        </label>
        <input
          id={searchId}
          type="search"
          className={styles.field}
          placeholder={t.chat.searchLabel}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
          }}
        />
        <div role="group" aria-label={t.chat.searchMode} className={styles.modes}>
          {(["keyword", "meaning"] as const).map((m) => (
            <button
              key={m}
              type="button"
              className={styles.mode}
              aria-pressed={mode === m}
              onClick={() => {
                setMode(m);
              }}
            >
              {m === "keyword" ? t.chat.keyword : t.chat.meaning}
            </button>
          ))}
        </div>
      </div>
      {settled === "" ? (
        <ConversationHistory {...props} />
      ) : (
        <SearchHits {...props} query={settled} mode={mode} />
      )}
    </section>
  );
}

function SearchHits({
  profileId,
  currentId,
  onSelect,
  query,
  mode,
}: ChatSidebarProps & { query: string; mode: SearchMode }) {
  const t = useT();
  const search = useConversationSearch(profileId, query, mode);
  if (search.isPending) {
    return (
      <p role="status" className={styles.muted}>
        {t.chat.searching}
      </p>
    );
  }
  if (search.isError) {
    return <ErrorState error={search.error} onRetry={() => void search.refetch()} />;
  }
  const hits = search.data;
  return (
    <>
      <p role="status" className={styles.muted}>
        {search.isPlaceholderData
          ? t.chat.searching
          : hits.length === 0
            ? t.chat.noHits(query)
            : t.chat.hits(hits.length)}
      </p>
      {hits.length > 0 ? (
        <ul className={styles.hits} aria-busy={search.isPlaceholderData}>
          {hits.map((hit) => (
            <li key={hit.conversationId}>
              <button
                type="button"
                className={styles.hit}
                aria-current={hit.conversationId === currentId ? "page" : undefined}
                onClick={() => {
                  onSelect(hit.conversationId);
                }}
              >
                <span className={styles.hitTitle}>
                  {hit.conversationTitle === "" ? t.chat.untitled : hit.conversationTitle}
                </span>
                <span className={styles.snippet}>{hit.snippet}</span>
                {hit.similarity !== null ? (
                  <span className={styles.match}>
                    {t.chat.match(Math.round(Math.max(0, Math.min(1, hit.similarity)) * 100))}
                  </span>
                ) : null}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
