import { useId } from "react";
import { InlineError } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import type { AmbientKind, Settings } from "../../../../lib/backend";
import { useSaveSettings } from "../../hooks/queries";
import { SettingSwitch } from "../SettingSwitch";
import { VolumeSlider } from "../VolumeSlider";
import styles from "./SoundSettings.module.css";

/** Every ambient bed, in the order the core offers them. */
export const AMBIENT_KINDS: readonly AmbientKind[] = ["ocean", "pink", "brown"];

/** Settings → Sound: cue volume, mute, the ambient bed (on/off, which one, its volume). */
export function SoundSettings({ profileId, settings }: { profileId: string; settings: Settings }) {
  const t = useT();
  const copy = t.settings.sound;
  const titleId = useId();
  const pickerName = useId();
  const pick = useSaveSettings(profileId);
  const ambientSound = pick.isPending
    ? (pick.variables.ambientSound ?? settings.ambientSound)
    : settings.ambientSound;

  return (
    <section className={styles.section} aria-labelledby={titleId}>
      <h2 id={titleId} className={styles.title}>
        {copy.title}
      </h2>
      <p className={styles.muted}>{copy.intro}</p>
      <VolumeSlider
        profileId={profileId}
        settings={settings}
        field="cueVolume"
        label={copy.cueVolume}
        hint={copy.cueVolumeHint}
      />
      <SettingSwitch
        profileId={profileId}
        settings={settings}
        field="muted"
        label={copy.muted}
        hint={copy.mutedHint}
      />
      <SettingSwitch
        profileId={profileId}
        settings={settings}
        field="ambientOn"
        label={copy.ambientOn}
        hint={copy.ambientOnHint}
      />
      <fieldset className={styles.kinds}>
        <legend className={styles.legend}>{copy.ambientSound}</legend>
        {AMBIENT_KINDS.map((kind) => (
          <label key={kind} className={styles.kind}>
            <input
              type="radio"
              name={pickerName}
              value={kind}
              checked={ambientSound === kind}
              onChange={() => {
                pick.mutate({ ambientSound: kind });
              }}
            />
            {copy.ambientKinds[kind]}
          </label>
        ))}
        <InlineError error={pick.error} />
      </fieldset>
      <VolumeSlider
        profileId={profileId}
        settings={settings}
        field="ambientVolume"
        label={copy.ambientVolume}
      />
    </section>
  );
}
