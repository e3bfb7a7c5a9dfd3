import { ProgressBar } from "../../../../components/ProgressBar";
import { InlineError } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import { usePrepareVoiceCues, VOICE_CUES_JOB } from "../../hooks/queries";
import { useJobProgress } from "../../hooks/useJobProgress";
import { useSettingsProfileId } from "../../hooks/useSetting";
import { SettingSwitch } from "../SettingSwitch";
import sectionStyles from "../../../../styles/settingsSection.module.css";
import styles from "./SoundSettings.module.css";

/**
 * The spoken cues switch. Once it is turned on, the voice on the device speaks breathing's cues for
 * the next sessions (with its progress the first time), then says they are ready, or why the voice
 * cannot speak (the switch stays on: sessions then play their chimes alone).
 */
export function VoiceCueSwitch() {
  const t = useT();
  const copy = t.settings.sound;
  const profileId = useSettingsProfileId();
  const prepare = usePrepareVoiceCues(profileId);
  const { progress, reset } = useJobProgress(VOICE_CUES_JOB, profileId);

  return (
    <div className={styles.voiceCues}>
      <SettingSwitch
        field="voiceCuesOn"
        label={copy.voiceCues}
        hint={copy.voiceCuesHint}
        onSaved={(on) => {
          // Turning them off only forgets what the last preparation said.
          prepare.reset();
          reset();
          if (on) prepare.mutate();
        }}
      />
      {prepare.isPending ? (
        <ProgressBar
          label={copy.preparingVoiceCues}
          done={progress?.done ?? 0}
          total={progress?.total ?? null}
          valueText={copy.voiceCuesProgress}
        />
      ) : null}
      {prepare.isSuccess ? (
        <p role="status" className={sectionStyles.done}>
          {copy.voiceCuesReady}
        </p>
      ) : null}
      <InlineError error={prepare.error} />
    </div>
  );
}
