import { Fragment, useEffect, useLayoutEffect, useRef, type ReactNode } from "react";
import { Button } from "../../../../components/Button";
import { LoadMore } from "../../../../components/LoadMore";
import { ErrorState, InlineError, Loading } from "../../../../components/StatusView";
import { useErrorText, useT } from "../../../../i18n";
import type { Helpline, Message, Profile } from "../../../../lib/backend";
import type { View } from "../../../shell/sections";
import { useChatStatus, useConversation, useConversationMessages } from "../../hooks/queries";
import { useChatTurn, type LiveReply } from "../../hooks/useChatTurn";
import { ActivityNote } from "../ActivityNote";
import { ChatEmptyState } from "../ChatEmptyState";
import { ChatHeader } from "../ChatHeader";
import { ChatInputArea } from "../ChatInputArea";
import { MessageBubble } from "../MessageBubble";
import { ProposalCard } from "../ProposalCard";
import { SafetyCard } from "../SafetyCard";
import { SetupCard } from "../SetupCard";
import styles from "./ChatPage.module.css";

export interface ChatPageProps {
  profile: Profile;
  locale: string;
  /** The open conversation; null for a new one. */
  conversationId: string | null;
  /** A first message started a conversation. */
  onConversationStarted: (conversationId: string) => void;
  onNavigate: (view: View) => void;
}

/** The companion chat: the open conversation (or the welcome), its cards, and the message box. */
export function ChatPage({
  profile,
  locale,
  conversationId,
  onConversationStarted,
  onNavigate,
}: ChatPageProps) {
  const t = useT();
  const status = useChatStatus(profile.id);
  const conversation = useConversation(profile.id, conversationId);
  const turn = useChatTurn(profile.id);
  const live = turn.liveReply(conversationId);
  const streaming = live?.replyId != null;
  const { reset: resetSend } = turn.send;

  // An error about the message typed in one conversation does not belong to the next.
  useEffect(() => {
    resetSend();
  }, [conversationId, resetSend]);

  const send = async (text: string) => {
    try {
      const started = await turn.send.mutateAsync({ conversationId, text });
      if (conversationId === null) onConversationStarted(started.conversation.id);
      return true;
    } catch {
      return false;
    }
  };

  const setup =
    status.data?.configured === false ? (
      <SetupCard
        onOpenSettings={() => {
          onNavigate("settings");
        }}
      />
    ) : null;

  return (
    <div className={styles.page}>
      {conversation.data !== undefined ? (
        <ChatHeader profileId={profile.id} conversation={conversation.data} />
      ) : null}
      {conversationId === null ? (
        <div className={styles.scroll}>
          <ChatEmptyState
            displayName={profile.displayName}
            onNavigate={onNavigate}
            disabled={turn.send.isPending}
            onStarter={(text) => void send(text)}
          />
          {setup}
          <InlineError error={status.error} />
        </div>
      ) : (
        <Conversation
          profileId={profile.id}
          conversationId={conversationId}
          title={conversation.data?.title || t.chat.untitled}
          live={live}
          helplines={status.data?.helplines}
          canRetry={status.data?.configured !== false}
          retrying={turn.retry.isPending}
          onRetry={() => {
            turn.retry.mutate(conversationId);
          }}
          footer={
            <>
              {setup}
              <InlineError error={status.error} />
            </>
          }
        />
      )}
      <ChatInputArea
        locale={locale}
        streaming={streaming}
        sending={turn.send.isPending}
        error={turn.send.error}
        onSend={send}
        onStop={() => {
          if (conversationId !== null) turn.stop.mutate(conversationId);
        }}
        onChange={() => {
          if (turn.send.isError) resetSend();
        }}
      />
    </div>
  );
}

function Conversation({
  profileId,
  conversationId,
  title,
  live,
  helplines,
  canRetry,
  retrying,
  onRetry,
  footer,
}: {
  profileId: string;
  conversationId: string;
  title: string;
  live: LiveReply | undefined;
  helplines: Helpline[] | undefined;
  canRetry: boolean;
  retrying: boolean;
  onRetry: () => void;
  footer: ReactNode;
}) {
  const t = useT();
  const errorText = useErrorText();
  const messages = useConversationMessages(profileId, conversationId);
  const scrollRef = useRef<HTMLDivElement>(null);
  const firstId = messages.data?.[0]?.id;
  const lastId = messages.data?.at(-1)?.id;
  const streaming = live?.replyId != null;

  // Follow the conversation as it grows at the end, unless the person has scrolled up to read. Earlier
  // messages coming in at the top are no reason to move.
  const liveLength = live?.text.length ?? 0;
  useEffect(() => {
    const el = scrollRef.current;
    if (el === null) return;
    const nearBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 120;
    if (nearBottom || liveLength === 0) el.scrollTop = el.scrollHeight;
  }, [lastId, liveLength]);

  // Earlier messages go above what the person is reading, which stays where it was on the screen: the
  // distance from the bottom is kept (browsers without scroll anchoring would otherwise shift it).
  const fromBottom = useRef<number | null>(null);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el === null || fromBottom.current === null) return;
    el.scrollTop = el.scrollHeight - fromBottom.current;
    fromBottom.current = null;
  }, [firstId]);
  const { isFetchingNextPage } = messages;
  useEffect(() => {
    if (!isFetchingNextPage) fromBottom.current = null;
  }, [isFetchingNextPage]);
  const earlier = {
    hasNextPage: messages.hasNextPage,
    isFetchingNextPage,
    fetchNextPage: () => {
      const el = scrollRef.current;
      if (el !== null) fromBottom.current = el.scrollHeight - el.scrollTop;
      return messages.fetchNextPage();
    },
  };

  if (messages.isPending) return <Loading />;
  // An earlier page that failed to load leaves the conversation on screen, its error above it.
  if (messages.isError && !messages.isFetchNextPageError) {
    return <ErrorState error={messages.error} onRetry={() => void messages.refetch()} />;
  }
  const list = messages.data;
  const last: Message | undefined = list[list.length - 1];

  return (
    <div ref={scrollRef} className={styles.scroll}>
      <LoadMore list={earlier} label={t.chat.showEarlier} />
      <InlineError error={messages.isFetchNextPageError ? messages.error : null} />
      <div
        role="log"
        aria-label={title}
        aria-busy={streaming || live?.classifying === true}
        className={styles.messages}
      >
        {list.map((message) => {
          if (message.role === "system_summary") {
            return message.summary !== null ? (
              <ActivityNote key={message.id} summary={message.summary} />
            ) : null;
          }
          if (message.role === "user") {
            return (
              <Fragment key={message.id}>
                <MessageBubble author="user" content={message.content} />
                {message.safety !== null ? <SafetyCard helplines={helplines} /> : null}
                {message.proposal !== null ? (
                  <ProposalCard profileId={profileId} message={message} />
                ) : null}
              </Fragment>
            );
          }
          const retryable =
            message === last && message.status !== "complete" && !streaming && canRetry;
          return (
            <MessageBubble
              key={message.id}
              author="assistant"
              content={message.content}
              status={message.status}
              error={message.error === null ? null : errorText(message.error)}
              onRetry={retryable ? onRetry : undefined}
              retrying={retrying}
            />
          );
        })}
        {streaming ? <MessageBubble author="assistant" content={live.text} streaming /> : null}
      </div>
      {live?.error != null ? (
        <div className={styles.failure}>
          <p role="alert">{errorText(live.error)}</p>
          {!streaming && last?.role === "user" && canRetry ? (
            <Button
              aria-busy={retrying}
              onClick={() => {
                if (!retrying) onRetry();
              }}
            >
              {t.chat.retry}
            </Button>
          ) : null}
        </div>
      ) : null}
      {footer}
    </div>
  );
}
