import { useId, type ReactNode } from "react";
import { Button } from "../../../../components/Button";
import { useT } from "../../../../i18n";
import type { Profile } from "../../../../lib/backend";
import { ProfileSwitcher } from "../../../profile/components/ProfileSwitcher";
import { SECTIONS, type View } from "../../../shell/sections";
import styles from "./DiscoverNav.module.css";

export interface DiscoverNavProps {
  id: string;
  /** Only matters below 768px, where the sidebar is a drawer. */
  open: boolean;
  current: View;
  profile: Profile;
  onNavigate: (view: View) => void;
  /** Opens the chat on a new, empty conversation. */
  onNewConversation: () => void;
  onAddProfile: () => void;
  /** The conversation history (the chat feature's sidebar). */
  history: ReactNode;
}

export function DiscoverNav({
  id,
  open,
  current,
  profile,
  onNavigate,
  onNewConversation,
  onAddProfile,
  history,
}: DiscoverNavProps) {
  const t = useT();
  const discoverId = useId();

  const navButton = (view: View, label: string) => (
    <button
      type="button"
      className={styles.item}
      aria-current={current === view ? "page" : undefined}
      onClick={() => {
        onNavigate(view);
      }}
    >
      {label}
    </button>
  );

  return (
    <aside id={id} className={styles.sidebar} data-open={open}>
      <p className={styles.brand}>Wbot</p>

      <Button variant="primary" className={styles.newConversation} onClick={onNewConversation}>
        <span aria-hidden="true">+</span>
        {t.nav.newConversation}
      </Button>

      <nav aria-labelledby={discoverId} className={styles.group}>
        <h2 id={discoverId} className={styles.groupTitle}>
          {t.nav.discover}
        </h2>
        <ul className={styles.list}>
          {SECTIONS.map((section) => (
            <li key={section}>{navButton(section, t.nav.sections[section])}</li>
          ))}
          <li>{navButton("memories", t.nav.memories)}</li>
        </ul>
      </nav>

      {history}

      <div className={styles.footer}>
        {navButton("settings", t.nav.settings)}
        <ProfileSwitcher activeProfile={profile} onAddProfile={onAddProfile} />
      </div>
    </aside>
  );
}
