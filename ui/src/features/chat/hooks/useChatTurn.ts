import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import {
  toBackendError,
  useBackend,
  type BackendError,
  type ReplyEvent,
} from "../../../lib/backend";
import { chatKeys, removeMessage, startMessages, upsertMessage } from "./queries";

/** What the conversation shows of a reply that has not been saved yet. */
export interface LiveReply {
  /** The reply streaming now; null once it ended without a saved message. */
  replyId: string | null;
  /** The tokens so far. */
  text: string;
  /** Why the reply or the Stop/Retry asked for it went wrong (worded by the page). */
  error: BackendError | null;
  /** The offline classifier has not yet given its verdict on the message just sent. */
  classifying: boolean;
}

/** Live replies by conversation id. Kept in the query cache so they outlive the chat screen. */
type LiveReplies = Partial<Record<string, LiveReply>>;

function setLive(
  queryClient: QueryClient,
  profileId: string,
  conversationId: string,
  update: (current: LiveReply | undefined) => LiveReply | undefined,
) {
  queryClient.setQueryData<LiveReplies>(chatKeys.live(profileId), (all = {}) => {
    const next = update(all[conversationId]);
    // Nothing streaming, nothing pending, nothing to say: no live entry at all.
    const idle =
      next !== undefined && next.replyId === null && !next.classifying && next.error === null;
    return { ...all, [conversationId]: idle ? undefined : next };
  });
}

/**
 * Folds one reply's events into the cache. Events can arrive before the call that started the reply
 * has answered (the shell streams from another task), so they wait until `begin` says where they go.
 */
function replyStream(queryClient: QueryClient, profileId: string) {
  let conversationId: string | null = null;
  const early: ReplyEvent[] = [];
  const apply = (event: ReplyEvent) => {
    if (conversationId === null) {
      early.push(event);
      return;
    }
    const here = conversationId;
    switch (event.kind) {
      case "classified":
        upsertMessage(queryClient, event.message);
        setLive(queryClient, profileId, here, (live) =>
          live === undefined ? live : { ...live, classifying: false },
        );
        // A fetch of the messages that started before this was saved must not land over it.
        void queryClient.invalidateQueries({ queryKey: chatKeys.messages(profileId, here) });
        break;
      case "token":
        setLive(queryClient, profileId, here, (live) =>
          live?.replyId === event.replyId ? { ...live, text: live.text + event.text } : live,
        );
        break;
      case "done":
        upsertMessage(queryClient, event.message);
        void queryClient.invalidateQueries({ queryKey: chatKeys.messages(profileId, here) });
        setLive(queryClient, profileId, here, (live) =>
          live !== undefined && live.replyId === event.replyId
            ? { ...live, replyId: null, text: "" }
            : live,
        );
        void queryClient.invalidateQueries({ queryKey: chatKeys.conversations(profileId) });
        break;
      case "error":
        setLive(queryClient, profileId, here, (live) =>
          live !== undefined && live.replyId === event.replyId
            ? { ...live, replyId: null, text: "", error: toBackendError(event.error) }
            : live,
        );
        void queryClient.invalidateQueries({ queryKey: chatKeys.messages(profileId, here) });
        break;
    }
  };
  return {
    onEvent: apply,
    /**
     * The reply belongs to `id`; `replyId` is streaming (none when no model is set up); `classifying`
     * when a new message awaits the classifier's verdict.
     */
    begin(id: string, replyId: string | null, classifying: boolean) {
      conversationId = id;
      setLive(queryClient, profileId, id, () => ({ replyId, text: "", error: null, classifying }));
      for (const event of early.splice(0)) apply(event);
    },
  };
}

/** Sending, stopping and retrying replies, and the replies streaming now, for one profile. */
export function useChatTurn(profileId: string) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  const liveKey = chatKeys.live(profileId);
  const { data: live } = useQuery({
    queryKey: liveKey,
    // Nothing to fetch: the cache is written by the streams; a refetch keeps what is there.
    queryFn: () => queryClient.getQueryData<LiveReplies>(liveKey) ?? {},
    initialData: {},
    staleTime: Infinity,
    gcTime: Infinity,
  });

  const send = useMutation({
    mutationFn: async ({
      conversationId,
      text,
    }: {
      conversationId: string | null;
      text: string;
    }) => {
      const stream = replyStream(queryClient, profileId);
      const started = await backend.sendMessage(profileId, conversationId, text, stream.onEvent);
      const id = started.conversation.id;
      if (conversationId === null) {
        startMessages(queryClient, started.userMessage);
      } else {
        upsertMessage(queryClient, started.userMessage);
      }
      queryClient.setQueryData(chatKeys.conversation(profileId, id), started.conversation);
      stream.begin(id, started.replyId, true);
      void queryClient.invalidateQueries({ queryKey: chatKeys.conversations(profileId) });
      return started;
    },
  });

  const retry = useMutation({
    mutationFn: async (conversationId: string) => {
      setLive(queryClient, profileId, conversationId, () => undefined);
      const stream = replyStream(queryClient, profileId);
      try {
        const started = await backend.retryReply(profileId, conversationId, stream.onEvent);
        if (started.removedMessageId !== null) {
          removeMessage(queryClient, profileId, conversationId, started.removedMessageId);
        }
        stream.begin(conversationId, started.replyId, false);
      } catch (e) {
        setLive(queryClient, profileId, conversationId, () => ({
          replyId: null,
          text: "",
          error: toBackendError(e),
          classifying: false,
        }));
      }
    },
  });

  const stop = useMutation({
    mutationFn: async (conversationId: string) => {
      const replyId = live[conversationId]?.replyId;
      if (replyId == null) return;
      try {
        await backend.cancelReply(profileId, replyId);
      } catch (e) {
        // The reply may have ended meanwhile; its saved message is then on its way.
        const error = toBackendError(e);
        setLive(queryClient, profileId, conversationId, (current) =>
          current === undefined ? current : { ...current, error },
        );
      }
    },
  });

  return {
    /** The live reply of a conversation, if any. */
    liveReply: (conversationId: string | null): LiveReply | undefined =>
      conversationId === null ? undefined : live[conversationId],
    send,
    retry,
    stop,
  };
}
