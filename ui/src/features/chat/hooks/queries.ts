import {
  keepPreviousData,
  skipToken,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type InfiniteData,
  type QueryClient,
} from "@tanstack/react-query";
import {
  useBackend,
  type ActivityResult,
  type Message,
  type MessagePage,
  type ProposalDecision,
  type ProviderInput,
  type SearchMode,
} from "../../../lib/backend";
import { memoryKeys } from "../../memory/hooks/queries";

/** Conversations per page of the sidebar's list. */
export const CONVERSATIONS_PAGE = 30;
/** Messages per page of a conversation. */
export const MESSAGES_PAGE = 50;

export const chatKeys = {
  all: (profileId: string) => ["chat", profileId] as const,
  conversations: (profileId: string) => ["chat", profileId, "conversations"] as const,
  conversation: (profileId: string, id: string) => ["chat", profileId, "conversation", id] as const,
  messages: (profileId: string, id: string) => ["chat", profileId, "messages", id] as const,
  search: (profileId: string, query: string, mode: SearchMode) =>
    ["chat", profileId, "search", mode, query] as const,
  status: (profileId: string) => ["chat", profileId, "status"] as const,
  providers: (profileId: string) => ["chat", profileId, "providers"] as const,
  presets: ["chatProviderPresets"] as const,
  live: (profileId: string) => ["chat", profileId, "live"] as const,
};

/**
 * A conversation's cached messages: its loaded pages, newest page first (`pages[0]` is offset 0 and ends
 * with the newest message; each further page is older), each page's items oldest first.
 */
export type CachedMessages = InfiniteData<MessagePage, number>;

/**
 * Changes a conversation's cached messages, if any are cached: `edit` gets every loaded page's items
 * (newest page first) and returns them changed. Every page's `total` follows the change in count, so the
 * offset of the next older page (the count loaded) stays right.
 */
function editMessages(
  queryClient: QueryClient,
  profileId: string,
  conversationId: string,
  edit: (pages: Message[][]) => Message[][],
) {
  queryClient.setQueryData<CachedMessages>(chatKeys.messages(profileId, conversationId), (old) => {
    if (old === undefined) return old;
    const before = old.pages.map((page) => page.items);
    const after = edit(before);
    const added = countOf(after) - countOf(before);
    return {
      ...old,
      pages: old.pages.map((page, i) => ({ items: after[i] ?? [], total: page.total + added })),
    };
  });
}

const countOf = (pages: Message[][]) => pages.reduce((n, items) => n + items.length, 0);

/** Puts a message into its conversation's cached pages: replaced where it is, else the newest. */
export function upsertMessage(queryClient: QueryClient, message: Message) {
  editMessages(queryClient, message.profileId, message.conversationId, (pages) =>
    pages.some((items) => items.some((m) => m.id === message.id))
      ? pages.map((items) => items.map((m) => (m.id === message.id ? message : m)))
      : pages.map((items, i) => (i === 0 ? [...items, message] : items)),
  );
}

export function removeMessage(
  queryClient: QueryClient,
  profileId: string,
  conversationId: string,
  messageId: string,
) {
  editMessages(queryClient, profileId, conversationId, (pages) =>
    pages.map((items) => items.filter((m) => m.id !== messageId)),
  );
}

/** The cache of a conversation just started by its first message. */
export function startMessages(queryClient: QueryClient, message: Message) {
  queryClient.setQueryData<CachedMessages>(
    chatKeys.messages(message.profileId, message.conversationId),
    { pages: [{ items: [message], total: 1 }], pageParams: [0] },
  );
}

/**
 * The profile's conversations, most recently active first, a page at a time. A change to any of them
 * invalidates the key, which reads every loaded page again (so none is left out or shown twice).
 */
export function useConversations(profileId: string) {
  const backend = useBackend();
  return useInfiniteQuery({
    queryKey: chatKeys.conversations(profileId),
    queryFn: ({ pageParam }) =>
      backend.listConversations(profileId, { limit: CONVERSATIONS_PAGE, offset: pageParam }),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((n, page) => n + page.items.length, 0);
      return loaded < last.total ? loaded : undefined;
    },
  });
}

export function useConversation(profileId: string, conversationId: string | null) {
  const backend = useBackend();
  return useQuery({
    queryKey: chatKeys.conversation(profileId, conversationId ?? ""),
    queryFn:
      conversationId === null
        ? skipToken
        : () => backend.getConversation(profileId, conversationId),
  });
}

/**
 * A conversation's messages, oldest first, loaded a page at a time from the newest: the next page is
 * the one before those loaded. A change invalidates the key, which reads every loaded page again.
 */
export function useConversationMessages(profileId: string, conversationId: string | null) {
  const backend = useBackend();
  return useInfiniteQuery({
    queryKey: chatKeys.messages(profileId, conversationId ?? ""),
    queryFn:
      conversationId === null
        ? skipToken
        : ({ pageParam }) =>
            backend.conversationMessages(profileId, conversationId, {
              limit: MESSAGES_PAGE,
              offset: pageParam,
            }),
    initialPageParam: 0,
    getNextPageParam: (last: MessagePage, pages: MessagePage[]) => {
      const loaded = pages.reduce((n, page) => n + page.items.length, 0);
      return loaded < last.total ? loaded : undefined;
    },
    select: loadedMessages,
  });
}

/**
 * The loaded pages' messages, oldest first, each once (a message saved between the reads of two pages
 * can show up in both).
 */
function loadedMessages(data: CachedMessages): Message[] {
  const seen = new Set<string>();
  return data.pages
    .slice()
    .reverse()
    .flatMap((page) => page.items)
    .filter(({ id }) => {
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
}

/** Hits for `query` (already debounced); idle while it is blank. Keeps the last hits while the next load. */
export function useConversationSearch(profileId: string, query: string, mode: SearchMode) {
  const backend = useBackend();
  const trimmed = query.trim();
  return useQuery({
    queryKey: chatKeys.search(profileId, trimmed, mode),
    queryFn:
      trimmed === "" ? skipToken : () => backend.searchConversations(profileId, trimmed, mode),
    placeholderData: keepPreviousData,
  });
}

export function useChatStatus(profileId: string) {
  const backend = useBackend();
  return useQuery({
    queryKey: chatKeys.status(profileId),
    queryFn: () => backend.chatStatus(profileId),
  });
}

export function useRenameConversation(profileId: string) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ conversationId, title }: { conversationId: string; title: string }) =>
      backend.renameConversation(profileId, conversationId, title),
    onSuccess: async (conversation) => {
      queryClient.setQueryData(chatKeys.conversation(profileId, conversation.id), conversation);
      await queryClient.invalidateQueries({ queryKey: chatKeys.conversations(profileId) });
    },
  });
}

export function useSetConversationRemember(profileId: string) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ conversationId, remember }: { conversationId: string; remember: boolean }) =>
      backend.setConversationRemember(profileId, conversationId, remember),
    onSuccess: async (conversation) => {
      queryClient.setQueryData(chatKeys.conversation(profileId, conversation.id), conversation);
      await queryClient.invalidateQueries({ queryKey: chatKeys.conversations(profileId) });
    },
  });
}

export function useDeleteConversation(profileId: string) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      conversationId,
      keepMemories,
    }: {
      conversationId: string;
      keepMemories: boolean;
    }) => backend.deleteConversation(profileId, conversationId, keepMemories),
    onSuccess: async (_forgotten, { conversationId }) => {
      queryClient.removeQueries({ queryKey: chatKeys.messages(profileId, conversationId) });
      queryClient.removeQueries({ queryKey: chatKeys.conversation(profileId, conversationId) });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: chatKeys.conversations(profileId) }),
        queryClient.invalidateQueries({ queryKey: ["chat", profileId, "search"] }),
        queryClient.invalidateQueries({ queryKey: memoryKeys.all(profileId) }),
      ]);
    },
  });
}

export function useDecideProposal(profileId: string) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ messageId, decision }: { messageId: string; decision: ProposalDecision }) =>
      backend.decideProposal(profileId, messageId, decision),
    onSuccess: (message) => {
      upsertMessage(queryClient, message);
    },
  });
}

export function useAddActivitySummary(profileId: string) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ conversationId, result }: { conversationId: string; result: ActivityResult }) =>
      backend.addActivitySummary(profileId, conversationId, result),
    onSuccess: async (message) => {
      upsertMessage(queryClient, message);
      await queryClient.invalidateQueries({ queryKey: chatKeys.conversations(profileId) });
    },
  });
}

export function useProviderPresets() {
  const backend = useBackend();
  return useQuery({
    queryKey: chatKeys.presets,
    queryFn: () => backend.providerPresets(),
    staleTime: Infinity,
  });
}

export function useProviders(profileId: string) {
  const backend = useBackend();
  return useQuery({
    queryKey: chatKeys.providers(profileId),
    queryFn: () => backend.listProviders(profileId),
  });
}

/** After the providers change, the chat's "configured" may have too. */
function useProvidersChanged(profileId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: chatKeys.providers(profileId) }),
      queryClient.invalidateQueries({ queryKey: chatKeys.status(profileId) }),
    ]);
}

export function useSaveProvider(profileId: string) {
  const backend = useBackend();
  const changed = useProvidersChanged(profileId);
  return useMutation({
    mutationFn: (input: ProviderInput) => backend.saveProvider(profileId, input),
    onSuccess: changed,
  });
}

/** Allows an online provider once the person has seen what it receives (ADR 0017). */
export function useAllowProvider(profileId: string) {
  const backend = useBackend();
  const changed = useProvidersChanged(profileId);
  return useMutation({
    mutationFn: (providerId: string) => backend.allowProvider(profileId, providerId),
    onSuccess: changed,
  });
}

export function useDeleteProvider(profileId: string) {
  const backend = useBackend();
  const changed = useProvidersChanged(profileId);
  return useMutation({
    mutationFn: (providerId: string) => backend.deleteProvider(profileId, providerId),
    onSuccess: changed,
  });
}

export function useReorderProviders(profileId: string) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) => backend.reorderProviders(profileId, ids),
    onSuccess: (providers) => {
      queryClient.setQueryData(chatKeys.providers(profileId), providers);
    },
  });
}

export function useTestProvider(profileId: string) {
  const backend = useBackend();
  return useMutation({
    mutationFn: (providerId: string) => backend.testProvider(profileId, providerId),
  });
}

export function useSetHelplineRegion(profileId: string) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (region: string) => backend.setHelplineRegion(profileId, region),
    onSuccess: (status) => {
      queryClient.setQueryData(chatKeys.status(profileId), status);
    },
  });
}
