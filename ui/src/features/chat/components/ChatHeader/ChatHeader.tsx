import { useId } from "react";
import { InlineError } from "../../../../components/StatusView";
import { SwitchButton } from "../../../../components/Switch";
import { useT } from "../../../../i18n";
import type { Conversation } from "../../../../lib/backend";
import { useSetConversationRemember } from "../../hooks/queries";
import styles from "./ChatHeader.module.css";

/** The open conversation's title and its "Remember this conversation" switch. */
export function ChatHeader({
  profileId,
  conversation,
}: {
  profileId: string;
  conversation: Conversation;
}) {
  const t = useT();
  const hintId = useId();
  const remember = useSetConversationRemember(profileId);
  const on = remember.isPending ? remember.variables.remember : conversation.remember;
  return (
    <header className={styles.header}>
      <h1 className={styles.title}>
        {conversation.title === "" ? t.chat.untitled : conversation.title}
      </h1>
      <div className={styles.remember}>
        <SwitchButton
          small
          checked={on}
          describedBy={hintId}
          className={styles.switch}
          onToggle={() => {
            if (remember.isPending) return;
            remember.mutate({ conversationId: conversation.id, remember: !conversation.remember });
          }}
        >
          {t.chat.remember}
        </SwitchButton>
        <p id={hintId} className={styles.hint}>
          {on ? t.chat.rememberOn : t.chat.rememberOff}
        </p>
        <InlineError error={remember.error} />
      </div>
    </header>
  );
}
