import { useId } from "react";
import { InlineError } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import type { AmbientKind } from "../../../../lib/backend";
import { useSetting } from "../../hooks/useSetting";
import { SettingSwitch } from "../SettingSwitch";
import { VolumeSlider } from "../VolumeSlider";
import { VoiceCueSwitch } from "./VoiceCueSwitch";
import sectionStyles from "../../../../styles/settingsSection.module.css";
import styles from "./SoundSettings.module.css";

/** Every ambient bed, in the order the core offers them. */
export const AMBIENT_KINDS: readonly AmbientKind[] = [
  "ocean",
  "rain",
  "forest",
  "white",
  "pink",
  "brown",
];

/**
 * Settings → Sound: cue volume, mute, breathing's spoken cues and breath sounds (each on/off, and
 * its volume while on), the ambient bed (on/off, which one, its volume).
 */
export function SoundSettings() {
  const t = useT();
  const copy = t.settings.sound;
  const titleId = useId();
  const pickerName = useId();
  const ambientSound = useSetting("ambientSound");
  const voiceCuesOn = useSetting("voiceCuesOn").saved;
  const breathSoundsOn = useSetting("breathSoundsOn").saved;

  return (
    <section className={sectionStyles.section} aria-labelledby={titleId}>
      <h2 id={titleId} className={sectionStyles.title}>
        {copy.title}
      </h2>
      <p className={sectionStyles.muted}>{copy.intro}</p>
      <VolumeSlider field="cueVolume" label={copy.cueVolume} hint={copy.cueVolumeHint} />
      <SettingSwitch field="muted" label={copy.muted} hint={copy.mutedHint} />
      <VoiceCueSwitch />
      {voiceCuesOn ? <VolumeSlider field="voiceCueVolume" label={copy.voiceCueVolume} /> : null}
      <SettingSwitch
        field="breathSoundsOn"
        label={copy.breathSounds}
        hint={copy.breathSoundsHint}
      />
      {breathSoundsOn ? <VolumeSlider field="breathVolume" label={copy.breathVolume} /> : null}
      <SettingSwitch field="ambientOn" label={copy.ambientOn} hint={copy.ambientOnHint} />
      <fieldset className={styles.kinds}>
        <legend className={styles.legend}>{copy.ambientSound}</legend>
        {AMBIENT_KINDS.map((kind) => (
          <label key={kind} className={styles.kind}>
            <input
              type="radio"
              name={pickerName}
              value={kind}
              checked={ambientSound.value === kind}
              onChange={() => {
                ambientSound.save(kind);
              }}
            />
            {copy.ambientKinds[kind]}
          </label>
        ))}
        <InlineError error={ambientSound.error} />
      </fieldset>
      <VolumeSlider field="ambientVolume" label={copy.ambientVolume} />
    </section>
  );
}
