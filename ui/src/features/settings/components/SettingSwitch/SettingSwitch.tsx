import { useId } from "react";
import { InlineError } from "../../../../components/StatusView";
import type { Settings } from "../../../../lib/backend";
import { useSaveSettings } from "../../hooks/queries";
import styles from "./SettingSwitch.module.css";

/** The settings that are on or off. */
export type SwitchSetting = {
  [K in keyof Settings]: Settings[K] extends boolean ? K : never;
}[keyof Settings];

export interface SettingSwitchProps {
  profileId: string;
  settings: Settings;
  field: SwitchSetting;
  label: string;
  hint: string;
}

/** An on/off setting, saved as soon as it is flipped (shown flipped while it saves). */
export function SettingSwitch({ profileId, settings, field, label, hint }: SettingSwitchProps) {
  const hintId = useId();
  const save = useSaveSettings(profileId);
  const on = save.isPending ? (save.variables[field] ?? settings[field]) : settings[field];
  return (
    <div className={styles.field}>
      <button
        type="button"
        role="switch"
        aria-checked={on}
        aria-describedby={hintId}
        className={styles.switch}
        onClick={() => {
          if (!save.isPending) save.mutate({ [field]: !settings[field] });
        }}
      >
        <span className={styles.track} aria-hidden="true">
          <span className={styles.thumb} />
        </span>
        {label}
      </button>
      <p id={hintId} className={styles.hint}>
        {hint}
      </p>
      <InlineError error={save.error} />
    </div>
  );
}
