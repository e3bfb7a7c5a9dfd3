import {
  BackendError,
  type JournalCategory,
  type JournalDraft,
  type JournalEdit,
  type JournalEntry,
  type JournalFilter,
  type JournalHit,
  type NewJournalEntry,
  type Page,
} from "../lib/backend";
import { countWords } from "../features/journaling/format";
import { CORE } from "./coreFixtures";
import { checkedDays, checkMood, type FakeMood } from "./fakeMood";
import { isId, pageLimit, requireText } from "./validation";

const MAX_ENTRY_CHARS = CORE.limits.journalEntryChars;
const MAX_PROMPT_CHARS = CORE.limits.journalPromptChars;
const MAX_PAGE = CORE.limits.journalPage;
const MAX_WRITING_MS = 24 * 60 * 60 * 1000;
const MAX_SEARCH_CHARS = 500;
const MAX_FILTER_DAYS = 3_660;

/** The core's check of a prompt and its category (both or neither); the trimmed prompt. */
function checkedPrompt(
  category: JournalCategory | null | undefined,
  prompt: string | null | undefined,
): string | null {
  const text = prompt?.trim() ?? "";
  const hasPrompt = text !== "";
  const hasCategory = category != null;
  if (!hasPrompt && !hasCategory) return null;
  if (hasPrompt !== hasCategory) throw new BackendError("validation", "category_and_prompt");
  if (text.includes("\0")) {
    throw new BackendError("validation", "invalid_characters", { subject: "journal_prompt" });
  }
  if (Array.from(text).length > MAX_PROMPT_CHARS) {
    throw new BackendError("validation", "out_of_range", {
      subject: "journal_prompt",
      min: 1,
      max: MAX_PROMPT_CHARS,
    });
  }
  return text;
}

function checkWritingMs(writingMs: number) {
  if (writingMs < 0 || writingMs > MAX_WRITING_MS) {
    throw new BackendError("validation", "out_of_range", {
      subject: "writing_time",
      min: 0,
      max: MAX_WRITING_MS,
      actual: writingMs,
    });
  }
}

function checkedEntryId(entryId: string): string {
  if (!isId(entryId)) {
    throw new BackendError("validation", "invalid_format", {
      subject: "journal_entry",
      value: entryId,
    });
  }
  return entryId.trim().toLowerCase();
}

/** Lower-case runs of letters and digits. */
function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== "");
}

/**
 * Journal entries and the draft for the fake backend, with the core's rules (validation with the same
 * reasons and subjects, both-or-neither prompts, paging, filters, not_found for another profile's ids,
 * the moods stored as check-ins, the draft discarded by a save or an edit).
 *
 * Searching stands in for the core's indexes, deterministically:
 * - by words: every word of the search starts a word of the entry or its prompt, case-insensitive
 *   (the core's stemming, stop words and BM25 ranking are left out), newest first;
 * - by meaning: every entry, ranked by how many of the search's words it shares (then newest first),
 *   with similarity = shared words / words searched.
 */
export class FakeJournal {
  /** Every profile's entries, newest first. */
  readonly entries: JournalEntry[] = [];
  readonly owner = new Map<string, string>();
  /** Each profile's draft. */
  readonly drafts = new Map<string, JournalDraft>();
  /** Every draft saved, in order (tests check the autosave). */
  readonly draftSaves: JournalDraft[] = [];
  /** Every list asked for, in order. */
  readonly lists: JournalFilter[] = [];

  constructor(
    private readonly requireProfile: (profileId: string) => void,
    private readonly mood: FakeMood,
  ) {}

  /** Adds an entry directly (test set-up), as the newest unless `createdAt` says otherwise. */
  seed(profileId: string, entry: Partial<JournalEntry> & { text: string }): JournalEntry {
    const at = entry.createdAt ?? new Date().toISOString();
    const saved: JournalEntry = {
      id: crypto.randomUUID(),
      category: null,
      prompt: null,
      wordCount: countWords(entry.text),
      writingMs: 60_000,
      favourite: false,
      moodBefore: null,
      moodAfter: null,
      createdAt: at,
      updatedAt: at,
      ...entry,
    };
    this.entries.push(saved);
    this.entries.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
    this.owner.set(saved.id, profileId);
    this.mood.saveActivityMoods(
      profileId,
      "journaling",
      saved.id,
      saved.moodBefore === null ? null : { mood: saved.moodBefore, at },
      saved.moodAfter === null ? null : { mood: saved.moodAfter, at },
    );
    return saved;
  }

  save(profileId: string, input: NewJournalEntry): JournalEntry {
    const text = requireText(input.text, "journal_entry", MAX_ENTRY_CHARS);
    const prompt = checkedPrompt(input.category, input.prompt);
    checkWritingMs(input.writingMs);
    checkMood(input.moodBefore, "mood_before");
    checkMood(input.moodAfter, "mood_after");
    this.requireProfile(profileId);
    const now = new Date().toISOString();
    const entry = this.seed(profileId, {
      category: prompt === null ? null : (input.category ?? null),
      prompt,
      text,
      writingMs: input.writingMs,
      moodBefore: input.moodBefore ?? null,
      moodAfter: input.moodAfter ?? null,
      createdAt: now,
      updatedAt: now,
    });
    this.drafts.delete(profileId);
    return entry;
  }

  /** The profile's entry with this id; another profile's is not found, as in the core. */
  get(profileId: string, entryId: string): JournalEntry {
    const id = checkedEntryId(entryId);
    this.requireProfile(profileId);
    const entry = this.entries.find((e) => e.id === id && this.owner.get(e.id) === profileId);
    if (entry === undefined) {
      throw new BackendError("not_found", "not_found", {
        subject: "journal_entry",
        value: entryId,
      });
    }
    // Moods are read from the check-ins, so a deleted check-in's mood is gone here too.
    entry.moodBefore = this.mood.moodOf(entry.id, "before");
    entry.moodAfter = this.mood.moodOf(entry.id, "after");
    return entry;
  }

  edit(profileId: string, entryId: string, edit: JournalEdit): JournalEntry {
    const id = checkedEntryId(entryId);
    const text = requireText(edit.text, "journal_entry", MAX_ENTRY_CHARS);
    checkWritingMs(edit.writingMs);
    const entry = this.get(profileId, id);
    entry.text = text;
    entry.wordCount = countWords(text);
    entry.writingMs = edit.writingMs;
    entry.updatedAt = new Date().toISOString();
    this.drafts.delete(profileId);
    return entry;
  }

  setFavourite(profileId: string, entryId: string, favourite: boolean): JournalEntry {
    const entry = this.get(profileId, entryId);
    entry.favourite = favourite;
    return entry;
  }

  delete(profileId: string, entryId: string) {
    const entry = this.get(profileId, entryId);
    this.entries.splice(this.entries.indexOf(entry), 1);
    this.owner.delete(entry.id);
    this.mood.forgetActivity(entry.id);
    if (this.drafts.get(profileId)?.entryId === entry.id) this.drafts.delete(profileId);
  }

  list(profileId: string, filter: JournalFilter, { limit, offset }: Page): JournalHit[] {
    this.lists.push(filter);
    const size = pageLimit(limit, 20, MAX_PAGE);
    const raw = filter.search ?? "";
    const search = raw.trim() === "" ? null : requireText(raw, "search_text", MAX_SEARCH_CHARS);
    const days = filter.days == null ? null : checkedDays(filter.days, MAX_FILTER_DAYS);
    this.requireProfile(profileId);

    const own = this.entries
      .filter((e) => this.owner.get(e.id) === profileId)
      .map((e) => this.get(profileId, e.id))
      .filter(
        (e) =>
          (filter.category == null || e.category === filter.category) &&
          (filter.favouritesOnly !== true || e.favourite) &&
          (days === null ||
            (Date.parse(e.createdAt) >= days.start && Date.parse(e.createdAt) < days.end)),
      );
    let hits: JournalHit[];
    if (search === null) {
      hits = own.map((entry) => ({ entry, similarity: null }));
    } else if ((filter.mode ?? "words") === "words") {
      const terms = [...new Set(wordsOf(search))];
      hits =
        terms.length === 0
          ? []
          : own
              .filter((e) => {
                const words = wordsOf(`${e.text} ${e.prompt ?? ""}`);
                return terms.every((t) => words.some((w) => w.startsWith(t)));
              })
              .map((entry) => ({ entry, similarity: null }));
    } else {
      const terms = [...new Set(wordsOf(search))];
      const scored = own.map((entry, index) => {
        const words = new Set(wordsOf(`${entry.text} ${entry.prompt ?? ""}`));
        const shared = terms.filter((t) => words.has(t)).length;
        return { entry, index, shared };
      });
      scored.sort((a, b) => b.shared - a.shared || a.index - b.index);
      hits = scored.map(({ entry, shared }) => ({
        entry,
        similarity: terms.length === 0 ? 0 : shared / terms.length,
      }));
    }
    return hits.slice(offset, offset + size);
  }

  saveDraft(profileId: string, draft: JournalDraft): JournalDraft {
    const chars = Array.from(draft.text).length;
    if (chars > MAX_ENTRY_CHARS) {
      throw new BackendError("validation", "too_long", {
        subject: "journal_draft",
        max: MAX_ENTRY_CHARS,
        actual: chars,
      });
    }
    if (draft.text.includes("\0")) {
      throw new BackendError("validation", "invalid_characters", { subject: "journal_draft" });
    }
    const prompt = checkedPrompt(draft.category, draft.prompt);
    checkWritingMs(draft.writingMs);
    checkMood(draft.moodBefore, "mood_before");
    this.requireProfile(profileId);
    if (draft.entryId != null) this.get(profileId, draft.entryId);
    const saved: JournalDraft = {
      entryId: draft.entryId ?? null,
      category: prompt === null ? null : (draft.category ?? null),
      prompt,
      text: draft.text,
      writingMs: draft.writingMs,
      moodBefore: draft.moodBefore ?? null,
      updatedAt: new Date().toISOString(),
    };
    this.drafts.set(profileId, saved);
    this.draftSaves.push(saved);
    return saved;
  }

  draft(profileId: string): JournalDraft | null {
    this.requireProfile(profileId);
    return this.drafts.get(profileId) ?? null;
  }

  discardDraft(profileId: string) {
    this.requireProfile(profileId);
    this.drafts.delete(profileId);
  }
}
