import { useT } from "../../../../i18n";
import type { Settings } from "../../../../lib/backend";
import { ChatModelSettings } from "../../../chat/components/ChatModelSettings";
import { SettingsProvider } from "../../hooks/useSetting";
import { AboutYouSettings } from "../AboutYouSettings";
import { DataSettings } from "../DataSettings";
import { LanguageSelect } from "../LanguageSelect";
import { LockSettings } from "../LockSettings";
import { MotivationSettings } from "../MotivationSettings";
import { ReminderSettings } from "../ReminderSettings";
import { SoundSettings } from "../SoundSettings";
import { UpdateSettings } from "../UpdateSettings";
import sectionStyles from "../../../../styles/settingsSection.module.css";
import styles from "./SettingsPage.module.css";

/** Every setting of the profile, in sections; each change is saved (and applies) at once. */
export function SettingsPage({ profileId, settings }: { profileId: string; settings: Settings }) {
  const t = useT();
  return (
    <section className={styles.page} aria-labelledby="settings-title">
      <h1 id="settings-title" className={styles.title}>
        {t.settings.title}
      </h1>
      <section className={sectionStyles.section} aria-labelledby="settings-general">
        <h2 id="settings-general" className={sectionStyles.title}>
          {t.settings.general}
        </h2>
        <LanguageSelect profileId={profileId} settings={settings} />
      </section>
      <SettingsProvider profileId={profileId} settings={settings}>
        <SoundSettings />
        <MotivationSettings />
        <ReminderSettings profileId={profileId} locale={settings.locale} />
        <AboutYouSettings profileId={profileId} />
        <ChatModelSettings profileId={profileId} />
        <LockSettings profileId={profileId} />
        <DataSettings profileId={profileId} />
      </SettingsProvider>
      <UpdateSettings />
    </section>
  );
}
