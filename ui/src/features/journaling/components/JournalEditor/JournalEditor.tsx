import { useEffect, useId, useRef, useState } from "react";
import { Button } from "../../../../components/Button";
import { MoodPicker } from "../../../../components/MoodPicker";
import { InlineError } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import type { JournalCategory, JournalDraft, JournalEntry } from "../../../../lib/backend";
import { formatClock } from "../../../breathing/format";
import { countWords } from "../../format";
import {
  useDiscardJournalDraft,
  useEditJournalEntry,
  useSaveJournalEntry,
} from "../../hooks/queries";
import { useDraftAutosave, type DraftStatus } from "../../hooks/useDraftAutosave";
import { useWritingTime } from "../../hooks/useWritingTime";
import styles from "./JournalEditor.module.css";

/** The core's longest writing time (a day): an editor left focused overnight still saves. */
const MAX_WRITING_MS = 24 * 60 * 60 * 1000;

/** What the editor opens with: a new entry (from a prompt or free), a saved one, or a draft of either. */
export interface WritingSession {
  /** Set when a saved entry is being edited. */
  entryId: string | null;
  category: JournalCategory | null;
  prompt: string | null;
  text: string;
  /** Writing time so far (an edited entry's, a continued draft's). */
  writingMs: number;
  moodBefore: number | null;
}

export interface JournalEditorProps {
  profileId: string;
  session: WritingSession;
  followUps: string[];
  /** The entry was saved (`edited` when it was an edit). */
  onSaved: (entry: JournalEntry, edited: boolean) => void;
  /** Closed without saving; the draft is kept (unless there was nothing in it). */
  onClose: () => void;
}

/**
 * Writing an entry: the prompt and its follow-up questions, an optional mood before (asked first) and
 * after (asked by Save), the words with their count and writing time. The draft is saved as the
 * person writes (useDraftAutosave); Save turns it into an entry, or changes the entry being edited.
 */
export function JournalEditor({
  profileId,
  session,
  followUps,
  onSaved,
  onClose,
}: JournalEditorProps) {
  const t = useT();
  const id = useId();
  const editing = session.entryId !== null;
  const [text, setText] = useState(session.text);
  const [moodBefore, setMoodBefore] = useState(session.moodBefore);
  const [moodAfter, setMoodAfter] = useState<number | null>(null);
  const time = useWritingTime(session.writingMs);
  const autosave = useDraftAutosave(profileId);
  const save = useSaveJournalEntry(profileId);
  const edit = useEditJournalEntry(profileId);
  const discard = useDiscardJournalDraft(profileId);
  const saving = save.isPending || edit.isPending;
  const error = save.error ?? edit.error;
  const textRef = useRef<HTMLTextAreaElement>(null);

  // Opening the editor is asking to write: the text box takes the focus.
  useEffect(() => {
    textRef.current?.focus();
  }, []);

  const writingMs = () => Math.min(MAX_WRITING_MS, time.total());
  const draftOf = (words: string, mood: number | null): JournalDraft => ({
    entryId: session.entryId,
    category: session.category,
    prompt: session.prompt,
    text: words,
    writingMs: writingMs(),
    moodBefore: editing ? null : mood,
  });

  const submit = async () => {
    if (saving) return;
    const ms = writingMs();
    save.reset();
    edit.reset();
    await autosave.stop();
    const failed = () => {
      autosave.resume(draftOf(text, moodBefore));
    };
    if (session.entryId !== null) {
      edit.mutate(
        { entryId: session.entryId, edit: { text, writingMs: ms } },
        {
          onSuccess: (entry) => {
            onSaved(entry, true);
          },
          onError: failed,
        },
      );
    } else {
      save.mutate(
        {
          category: session.category,
          prompt: session.prompt,
          text,
          writingMs: ms,
          moodBefore,
          moodAfter,
        },
        {
          onSuccess: (entry) => {
            onSaved(entry, false);
          },
          onError: failed,
        },
      );
    }
  };

  const close = async () => {
    if (text.trim() === "" && autosave.status !== "idle") {
      // An emptied draft is nothing to come back to.
      await autosave.stop();
      discard.mutate();
    } else if (!(await autosave.flush())) {
      // The words are not saved anywhere yet: stay, with the draft's failure shown.
      return;
    }
    onClose();
  };

  return (
    <section aria-labelledby={`${id}-title`} className={styles.editor}>
      <p className={styles.category}>
        {editing ? `${t.journaling.editing} · ` : null}
        {session.category === null ? t.journaling.freeWriting : t.chat.categories[session.category]}
      </p>
      <h2 id={`${id}-title`} className={styles.prompt}>
        {session.prompt ?? t.journaling.freeWriting}
      </h2>
      {followUps.length > 0 ? (
        <ul aria-label={t.journaling.followUps} className={styles.followUps}>
          {followUps.map((question) => (
            <li key={question}>{question}</li>
          ))}
        </ul>
      ) : null}
      {editing ? null : (
        <MoodPicker
          legend={t.journaling.moodBefore}
          value={moodBefore}
          onChange={(mood) => {
            setMoodBefore(mood);
            autosave.changed(draftOf(text, mood));
          }}
        />
      )}
      <label htmlFor={`${id}-text`} className={styles.label}>
        {t.journaling.entry}
      </label>
      <textarea
        ref={textRef}
        id={`${id}-text`}
        className={styles.text}
        rows={12}
        value={text}
        aria-describedby={`${id}-meta ${id}-time`}
        onFocus={time.start}
        onBlur={() => {
          time.stop();
          void autosave.flush();
        }}
        onChange={(event) => {
          setText(event.target.value);
          autosave.changed(draftOf(event.target.value, moodBefore));
          if (error !== null) {
            save.reset();
            edit.reset();
          }
        }}
      />
      <p className={styles.meta}>
        <span id={`${id}-meta`}>
          {t.journaling.words(countWords(text))} · {t.journaling.writingTime(formatClock(time.ms))}
        </span>
        <DraftState status={autosave.status} />
      </p>
      <p id={`${id}-time`} className="visually-hidden">
        {t.journaling.writingTimeHint}
      </p>
      {editing ? null : (
        <MoodPicker legend={t.journaling.moodAfter} value={moodAfter} onChange={setMoodAfter} />
      )}
      <InlineError error={error} />
      <div className={styles.actions}>
        <Button variant="primary" aria-busy={saving} onClick={() => void submit()}>
          {saving ? t.journaling.saving : editing ? t.journaling.saveChanges : t.journaling.save}
        </Button>
        <Button onClick={() => void close()}>{t.journaling.close}</Button>
      </div>
    </section>
  );
}

function DraftState({ status }: { status: DraftStatus }) {
  const t = useT();
  const text =
    status === "saving"
      ? t.journaling.draftSaving
      : status === "saved"
        ? t.journaling.draftSaved
        : status === "failed"
          ? t.journaling.draftFailed
          : "";
  return (
    <span role="status" className={styles.draft} data-failed={status === "failed"}>
      {text}
    </span>
  );
}
