import {
  keepPreviousData,
  skipToken,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import {
  useBackend,
  type JournalEdit,
  type JournalEntry,
  type JournalFilter,
  type JournalHit,
  type NewJournalEntry,
} from "../../../lib/backend";
import { chatKeys } from "../../chat/hooks/queries";
import { memoryKeys } from "../../memory/hooks/queries";

/** Entries per page of the list. */
export const JOURNAL_PAGE = 20;

export const journalKeys = {
  all: (profileId: string) => ["journal", profileId] as const,
  lists: (profileId: string) => ["journal", profileId, "list"] as const,
  list: (profileId: string, filter: JournalFilter) =>
    ["journal", profileId, "list", filter] as const,
  entry: (profileId: string, entryId: string) => ["journal", profileId, "entry", entryId] as const,
  draft: (profileId: string) => ["journal", profileId, "draft"] as const,
};

/** Moods given around an entry are check-ins too: the mood page's lists and trends change with them. */
const moodKey = (profileId: string) => ["mood", profileId] as const;

/** A filtered list, a page at a time; keeps the last results while a new search or filter loads. */
export function useJournalEntries(profileId: string, filter: JournalFilter) {
  const backend = useBackend();
  return useInfiniteQuery({
    queryKey: journalKeys.list(profileId, filter),
    queryFn: ({ pageParam }) =>
      backend.listJournalEntries(profileId, filter, { limit: JOURNAL_PAGE, offset: pageParam }),
    initialPageParam: 0,
    getNextPageParam: (last: JournalHit[], pages) =>
      last.length < JOURNAL_PAGE ? undefined : pages.length * JOURNAL_PAGE,
    placeholderData: keepPreviousData,
  });
}

export function useJournalEntry(profileId: string, entryId: string | null) {
  const backend = useBackend();
  return useQuery({
    queryKey: journalKeys.entry(profileId, entryId ?? ""),
    queryFn: entryId === null ? skipToken : () => backend.getJournalEntry(profileId, entryId),
  });
}

/** The unsaved draft, if any. */
export function useJournalDraft(profileId: string) {
  const backend = useBackend();
  return useQuery({
    queryKey: journalKeys.draft(profileId),
    queryFn: () => backend.getJournalDraft(profileId),
  });
}

/** After a change to entries: every list, the entry itself, the draft (a save discards it), moods. */
function useAfterChange(profileId: string) {
  const queryClient = useQueryClient();
  return async (entry?: JournalEntry) => {
    if (entry !== undefined)
      queryClient.setQueryData(journalKeys.entry(profileId, entry.id), entry);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: journalKeys.lists(profileId) }),
      queryClient.invalidateQueries({ queryKey: journalKeys.draft(profileId) }),
      queryClient.invalidateQueries({ queryKey: moodKey(profileId) }),
    ]);
  };
}

/** Saves a journal entry (the core discards the draft with it). */
export function useSaveJournalEntry(profileId: string) {
  const backend = useBackend();
  const afterChange = useAfterChange(profileId);
  return useMutation({
    mutationFn: (entry: NewJournalEntry) => backend.saveJournalEntry(profileId, entry),
    onSuccess: afterChange,
  });
}

export function useEditJournalEntry(profileId: string) {
  const backend = useBackend();
  const afterChange = useAfterChange(profileId);
  return useMutation({
    mutationFn: ({ entryId, edit }: { entryId: string; edit: JournalEdit }) =>
      backend.editJournalEntry(profileId, entryId, edit),
    onSuccess: afterChange,
  });
}

export function useSetJournalFavourite(profileId: string) {
  const backend = useBackend();
  const afterChange = useAfterChange(profileId);
  return useMutation({
    mutationFn: ({ entryId, favourite }: { entryId: string; favourite: boolean }) =>
      backend.setJournalFavourite(profileId, entryId, favourite),
    onSuccess: afterChange,
  });
}

export function useDiscardJournalDraft(profileId: string) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => backend.discardJournalDraft(profileId),
    onSuccess: () => {
      queryClient.setQueryData(journalKeys.draft(profileId), null);
    },
  });
}

/**
 * "Talk about this": a new conversation that starts from the entry (its words go to the chat model only
 * there); with `remember`, the entry also becomes a memory.
 */
export function useDiscussJournalEntry(profileId: string) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ entryId, remember }: { entryId: string; remember: boolean }) =>
      backend.discussJournalEntry(profileId, entryId, remember),
    onSuccess: async (conversation, { remember }) => {
      queryClient.setQueryData(chatKeys.conversation(profileId, conversation.id), conversation);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: chatKeys.conversations(profileId) }),
        queryClient.invalidateQueries({ queryKey: chatKeys.messages(profileId, conversation.id) }),
        queryClient.invalidateQueries({ queryKey: ["chat", profileId, "search"] }),
        remember
          ? queryClient.invalidateQueries({ queryKey: memoryKeys.all(profileId) })
          : Promise.resolve(),
      ]);
    },
  });
}
