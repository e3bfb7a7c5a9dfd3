import { useT } from "../../../../i18n";
import type { Settings } from "../../../../lib/backend";
import { ChatModelSettings } from "../../../chat/components/ChatModelSettings";
import { LanguageSelect } from "../LanguageSelect";
import styles from "./SettingsPage.module.css";

export function SettingsPage({ profileId, settings }: { profileId: string; settings: Settings }) {
  const t = useT();
  return (
    <section className={styles.page} aria-labelledby="settings-title">
      <h1 id="settings-title" className={styles.title}>
        {t.settings.title}
      </h1>
      <LanguageSelect profileId={profileId} settings={settings} />
      <ChatModelSettings profileId={profileId} />
    </section>
  );
}
