import { useState } from "react";
import { InlineError } from "../../../../components/StatusView";
import { UndoToast } from "../../../../components/UndoToast";
import { useT } from "../../../../i18n";
import type { JournalDraft, JournalEntry } from "../../../../lib/backend";
import { useJournalDraft } from "../../hooks/queries";
import { usePendingDeletes } from "../../hooks/usePendingDeletes";
import { followUpsOf } from "../../prompts";
import { DraftBanner } from "../DraftBanner";
import { JournalEditor, type WritingSession } from "../JournalEditor";
import { JournalEntryViewer } from "../JournalEntryViewer";
import { JournalHistory, NO_QUERY, type JournalQuery } from "../JournalHistory";
import { PromptLibrary, type PromptChoice } from "../PromptLibrary";
import pageStyles from "../../../../styles/page.module.css";
import styles from "./JournalPage.module.css";

export interface JournalPageProps {
  profileId: string;
  locale: string;
  /** "Talk about this" started this conversation from an entry: the shell opens it in the chat. */
  onDiscussed: (conversationId: string) => void;
}

type Screen =
  | { kind: "home" }
  | { kind: "write"; session: WritingSession; key: number }
  | { kind: "read"; entryId: string };

/**
 * The Journaling section: the prompt library and free writing, the draft offered back, the entries
 * (searched, filtered, favourited, opened, edited) and deletion with Undo.
 */
export function JournalPage({ profileId, locale, onDiscussed }: JournalPageProps) {
  const t = useT();
  const [screen, setScreen] = useState<Screen>({ kind: "home" });
  const [notice, setNotice] = useState<string | null>(null);
  const [query, setQuery] = useState<JournalQuery>(NO_QUERY);
  const [writes, setWrites] = useState(0);
  const deletes = usePendingDeletes(profileId);
  const draft = useJournalDraft(profileId);

  const write = (session: WritingSession) => {
    setNotice(null);
    setWrites(writes + 1);
    setScreen({ kind: "write", session, key: writes + 1 });
  };
  const start = ({ category, prompt }: PromptChoice) => {
    write({ entryId: null, category, prompt, text: "", writingMs: 0, moodBefore: null });
  };
  const continueDraft = (saved: JournalDraft) => {
    write({
      entryId: saved.entryId ?? null,
      category: saved.category ?? null,
      prompt: saved.prompt ?? null,
      text: saved.text,
      writingMs: saved.writingMs,
      moodBefore: saved.moodBefore ?? null,
    });
  };
  const edit = (entry: JournalEntry) => {
    write({
      entryId: entry.id,
      category: entry.category,
      prompt: entry.prompt,
      text: entry.text,
      writingMs: entry.writingMs,
      moodBefore: entry.moodBefore,
    });
  };
  const remove = (entryId: string) => {
    deletes.remove(entryId);
    setNotice(null);
    setScreen({ kind: "home" });
  };
  const home = () => {
    setScreen({ kind: "home" });
  };

  const body = (() => {
    switch (screen.kind) {
      case "write":
        return (
          <JournalEditor
            key={screen.key}
            profileId={profileId}
            session={screen.session}
            followUps={followUpsOf(t.journaling.prompts, screen.session.prompt)}
            onSaved={(entry, edited) => {
              if (edited) {
                setScreen({ kind: "read", entryId: entry.id });
              } else {
                setNotice(t.journaling.saved);
                home();
              }
            }}
            onClose={home}
          />
        );
      case "read":
        return (
          <JournalEntryViewer
            profileId={profileId}
            entryId={screen.entryId}
            locale={locale}
            onBack={home}
            onEdit={edit}
            onDelete={remove}
            onDiscussed={onDiscussed}
          />
        );
      case "home": {
        const saved = draft.data ?? null;
        return (
          <>
            {notice === null ? null : (
              <p role="status" className={styles.notice}>
                {notice}
              </p>
            )}
            {saved !== null && saved.text.trim() !== "" ? (
              <DraftBanner
                profileId={profileId}
                draft={saved}
                locale={locale}
                onContinue={continueDraft}
              />
            ) : null}
            <PromptLibrary onStart={start} />
            <JournalHistory
              profileId={profileId}
              locale={locale}
              query={query}
              onQueryChange={setQuery}
              hidden={deletes.pending}
              onOpen={(entryId) => {
                setNotice(null);
                setScreen({ kind: "read", entryId });
              }}
              onDelete={remove}
            />
          </>
        );
      }
    }
  })();

  return (
    <div className={pageStyles.page}>
      <header className={pageStyles.header}>
        <h1 className={pageStyles.title}>{t.journaling.title}</h1>
        <p className={pageStyles.muted}>{t.journaling.intro}</p>
      </header>
      {body}
      <div className={styles.toasts}>
        <InlineError error={deletes.error === null ? null : t.journaling.deleteFailed} />
        {deletes.pending.map((entryId) => (
          <UndoToast
            key={entryId}
            message={t.journaling.deleted}
            undoLabel={t.journaling.undo}
            onUndo={() => {
              deletes.undo(entryId);
            }}
          />
        ))}
      </div>
    </div>
  );
}
