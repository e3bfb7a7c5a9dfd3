import { useEffect, useState } from "react";
import { flushSync } from "react-dom";
import { useT } from "../../../../i18n";
import type { Profile, Settings } from "../../../../lib/backend";
import { BreathingPage } from "../../../breathing/components/BreathingPage";
import { ChatPage } from "../../../chat/components/ChatPage";
import { ChatSidebar } from "../../../chat/components/ChatSidebar";
import { JournalPage } from "../../../journaling/components/JournalPage";
import { MeditationPage } from "../../../meditation/components/MeditationPage";
import { MemoriesPage } from "../../../memory/components/MemoriesPage";
import { MoodPage } from "../../../mood/components/MoodPage";
import { DiscoverNav } from "../../../navigation/components/DiscoverNav";
import { ProgressPage } from "../../../progress/components/ProgressPage";
import { SettingsPage } from "../../../settings/components/SettingsPage";
import { ThemeToggle } from "../../../settings/components/ThemeToggle";
import { UPDATES_SECTION_ID } from "../../../settings/components/UpdateSettings";
import { WellnessPage } from "../../../wellness/components/WellnessPage";
import type { View } from "../../sections";
import styles from "./AppShell.module.css";
import { UpdateNotice } from "./UpdateNotice";

const SIDEBAR_ID = "sidebar";

export interface AppShellProps {
  profile: Profile;
  settings: Settings;
  onAddProfile: () => void;
}

/** Sidebar, header and the current view for the active profile. */
export function AppShell({ profile, settings, onAddProfile }: AppShellProps) {
  const t = useT();
  const [view, setView] = useState<View>("chat");
  const [menuOpen, setMenuOpen] = useState(false);
  // The open conversation; null starts a new one.
  const [conversationId, setConversationId] = useState<string | null>(null);

  useEffect(() => {
    if (!menuOpen) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape") setMenuOpen(false);
    };
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
    };
  }, [menuOpen]);

  const navigate = (next: View) => {
    setView(next);
    setMenuOpen(false);
  };
  // Settings, with its Updates section brought into view and focused (once it is on screen).
  const viewUpdates = () => {
    flushSync(() => {
      navigate("settings");
    });
    document.getElementById(UPDATES_SECTION_ID)?.focus();
  };
  const openConversation = (id: string) => {
    setConversationId(id);
    navigate("chat");
  };

  const title =
    view === "chat"
      ? t.chat.title
      : view === "settings"
        ? t.settings.title
        : view === "memories"
          ? t.memory.title
          : t.nav.sections[view];

  return (
    <div className={styles.shell}>
      <DiscoverNav
        id={SIDEBAR_ID}
        open={menuOpen}
        current={view}
        profile={profile}
        onNavigate={navigate}
        onNewConversation={() => {
          setConversationId(null);
          navigate("chat");
        }}
        onAddProfile={onAddProfile}
        history={
          <ChatSidebar
            profileId={profile.id}
            locale={settings.locale}
            currentId={view === "chat" ? conversationId : null}
            onSelect={openConversation}
            onDeleted={(id) => {
              if (id === conversationId) setConversationId(null);
            }}
          />
        }
      />
      <div className={styles.column}>
        <header className={styles.header}>
          <button
            type="button"
            className={styles.menuToggle}
            aria-label={menuOpen ? t.nav.closeMenu : t.nav.openMenu}
            aria-expanded={menuOpen}
            aria-controls={SIDEBAR_ID}
            onClick={() => {
              setMenuOpen(!menuOpen);
            }}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true" className={styles.icon}>
              <path d={menuOpen ? "M6 6l12 12M18 6 6 18" : "M4 7h16M4 12h16M4 17h16"} />
            </svg>
          </button>
          <p className={styles.title}>{title}</p>
          <ThemeToggle profileId={profile.id} settings={settings} />
        </header>
        <UpdateNotice onView={viewUpdates} />
        <main className={styles.main}>
          {view === "chat" ? (
            <ChatPage
              profile={profile}
              locale={settings.locale}
              conversationId={conversationId}
              onConversationStarted={setConversationId}
              onNavigate={navigate}
            />
          ) : view === "settings" ? (
            <SettingsPage profileId={profile.id} settings={settings} />
          ) : view === "memories" ? (
            <MemoriesPage key={profile.id} profileId={profile.id} locale={settings.locale} />
          ) : view === "breathing" ? (
            <BreathingPage key={profile.id} profile={profile} locale={settings.locale} />
          ) : view === "journaling" ? (
            <JournalPage
              key={profile.id}
              profileId={profile.id}
              locale={settings.locale}
              onDiscussed={openConversation}
            />
          ) : view === "mood" ? (
            <MoodPage key={profile.id} profileId={profile.id} locale={settings.locale} />
          ) : view === "progress" ? (
            <ProgressPage key={profile.id} profileId={profile.id} locale={settings.locale} />
          ) : view === "meditation" ? (
            <MeditationPage
              key={profile.id}
              profileId={profile.id}
              locale={settings.locale}
              settings={settings}
              onOpenSettings={() => {
                navigate("settings");
              }}
            />
          ) : (
            <WellnessPage key={profile.id} profileId={profile.id} locale={settings.locale} />
          )}
        </main>
      </div>
    </div>
  );
}
