import { useId } from "react";
import { useT } from "../../../../i18n";
import { SettingSwitch } from "../../../settings/components/SettingSwitch";
import sectionStyles from "../../../../styles/settingsSection.module.css";
import styles from "./RemoteSharingSettings.module.css";

/**
 * Settings → Chat model → what online models receive (ADR 0017): the two parts an online provider gets
 * only when the person chooses, changeable at any time. Needs a SettingsProvider above it.
 */
export function RemoteSharingSettings() {
  const t = useT();
  const copy = t.chatSettings.remote;
  const titleId = useId();
  return (
    <section className={styles.section} aria-labelledby={titleId}>
      <h3 id={titleId} className={styles.title}>
        {copy.sectionTitle}
      </h3>
      <p className={sectionStyles.muted}>{copy.sectionIntro}</p>
      <SettingSwitch field="remoteMemories" label={copy.memories} hint={copy.memoriesHint} />
      <SettingSwitch field="remoteAboutYou" label={copy.aboutYou} hint={copy.aboutYouHint} />
    </section>
  );
}
