import { useId, useState } from "react";
import { ConfirmDialog } from "../../../../components/ConfirmDialog";
import { Switch } from "../../../../components/Switch";
import { useT } from "../../../../i18n";
import type { ProviderSettings } from "../../../../lib/backend";
import { useSaveSettings } from "../../../settings/hooks/queries";
import { useSetting } from "../../../settings/hooks/useSetting";
import { useAllowProvider } from "../../hooks/queries";
import sectionStyles from "../../../../styles/settingsSection.module.css";
import styles from "./RemoteDisclosure.module.css";

/** The host an address sends to ("api.openai.com"), or the address itself when it does not parse. */
export function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}

export interface RemoteDisclosureProps {
  profileId: string;
  /** An online provider the person has not allowed yet. */
  provider: ProviderSettings;
  /** Called once it is allowed, or when the person leaves it for now (it stays saved, unused). */
  onClose: () => void;
}

/**
 * Before an online chat model is used, says plainly what it receives (ADR 0017): what always goes, and a
 * switch for each optional part, starting from the profile's choice. Allowing saves both switches first,
 * so the first prompt the provider gets already follows them. Needs a SettingsProvider above it.
 */
export function RemoteDisclosure({ profileId, provider, onClose }: RemoteDisclosureProps) {
  const t = useT();
  const copy = t.chatSettings.remote;
  const alwaysId = useId();
  const chooseId = useId();
  const savedMemories = useSetting("remoteMemories").saved;
  const savedAboutYou = useSetting("remoteAboutYou").saved;
  const [memories, setMemories] = useState(savedMemories);
  const [aboutYou, setAboutYou] = useState(savedAboutYou);
  const saveSettings = useSaveSettings(profileId);
  const allow = useAllowProvider(profileId);

  const allowNow = () => {
    allow.mutate(provider.id, { onSuccess: onClose });
  };

  return (
    <ConfirmDialog
      title={copy.title(provider.name)}
      description={copy.online(provider.name, hostOf(provider.baseUrl))}
      confirmLabel={copy.allow(provider.name)}
      confirmVariant="primary"
      cancelLabel={copy.notNow}
      pending={saveSettings.isPending || allow.isPending}
      error={saveSettings.error ?? allow.error}
      onCancel={onClose}
      onConfirm={() => {
        if (memories === savedMemories && aboutYou === savedAboutYou) {
          allowNow();
          return;
        }
        saveSettings.mutate(
          { remoteMemories: memories, remoteAboutYou: aboutYou },
          { onSuccess: allowNow },
        );
      }}
    >
      <div className={styles.part}>
        <p id={alwaysId} className={sectionStyles.label}>
          {copy.always}
        </p>
        <ul className={styles.list} aria-labelledby={alwaysId}>
          <li>{copy.alwaysName}</li>
          <li>{copy.alwaysMood}</li>
          <li>{copy.alwaysConversation}</li>
        </ul>
      </div>
      <div className={styles.part} role="group" aria-labelledby={chooseId}>
        <p id={chooseId} className={sectionStyles.label}>
          {copy.choose}
        </p>
        <Switch
          checked={memories}
          label={copy.memories}
          hint={copy.memoriesHint}
          onToggle={() => {
            setMemories(!memories);
          }}
        />
        <Switch
          checked={aboutYou}
          label={copy.aboutYou}
          hint={copy.aboutYouHint}
          onToggle={() => {
            setAboutYou(!aboutYou);
          }}
        />
      </div>
    </ConfirmDialog>
  );
}
