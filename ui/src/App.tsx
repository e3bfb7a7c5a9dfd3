import { useState } from "react";
import { ErrorState, Loading } from "./components/StatusView";
import { OnboardingFlow } from "./features/onboarding/components/OnboardingFlow";
import { LockScreen } from "./features/profile/components/LockScreen";
import { useReminderNotifications } from "./features/reminders/hooks/useReminderNotifications";
import { useDocumentTheme } from "./features/settings/hooks/useDocumentTheme";
import { AppShell } from "./features/shell/components/AppShell";
import { I18nProvider } from "./i18n";
import { useActiveProfile, useSettings, useSettingsChangedEvents } from "./lib/queries";

/**
 * Onboarding when there is no profile yet (or one is being added), the lock screen while the active
 * profile is locked, otherwise the shell.
 */
export function App() {
  const active = useActiveProfile();
  const profile = active.data ?? undefined;
  const settings = useSettings(profile?.id);
  const [addingProfile, setAddingProfile] = useState(false);
  useSettingsChangedEvents();
  // Reminders come due whatever is on screen, onboarding of another profile included.
  useReminderNotifications(profile?.id);

  // Without a profile the OS decides; while a profile's settings load, keep what is shown.
  useDocumentTheme(active.data === null ? "system" : settings.data?.theme);

  const content = (() => {
    if (active.isPending) return <Loading />;
    if (active.isError) {
      return (
        <ErrorState
          error={active.error}
          onRetry={() => {
            void active.refetch();
          }}
        />
      );
    }
    if (profile === undefined) return <OnboardingFlow />;
    const addProfile = () => {
      setAddingProfile(true);
    };
    if (addingProfile) {
      const done = () => {
        setAddingProfile(false);
      };
      return <OnboardingFlow onCancel={done} onCreated={done} />;
    }
    if (settings.isPending) return <Loading />;
    if (settings.isError) {
      return (
        <ErrorState
          error={settings.error}
          onRetry={() => {
            void settings.refetch();
          }}
        />
      );
    }
    // Its settings stay readable while it is locked: the lock screen is in its theme and language.
    if (profile.locked) {
      return <LockScreen key={profile.id} profile={profile} onAddProfile={addProfile} />;
    }
    return (
      <AppShell
        key={profile.id}
        profile={profile}
        settings={settings.data}
        onAddProfile={addProfile}
      />
    );
  })();

  return <I18nProvider locale={settings.data?.locale ?? "en"}>{content}</I18nProvider>;
}
