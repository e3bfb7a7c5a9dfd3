import type { Profile } from "../../../../lib/backend";
import type { Section } from "../../../shell/sections";
import { ChatEmptyState } from "../ChatEmptyState";
import { ChatInputArea } from "../ChatInputArea";
import styles from "./ChatPage.module.css";

export function ChatPage({
  profile,
  onNavigate,
}: {
  profile: Profile;
  onNavigate: (section: Section) => void;
}) {
  return (
    <div className={styles.page}>
      <div className={styles.messages}>
        <ChatEmptyState displayName={profile.displayName} onNavigate={onNavigate} />
      </div>
      <ChatInputArea />
    </div>
  );
}
