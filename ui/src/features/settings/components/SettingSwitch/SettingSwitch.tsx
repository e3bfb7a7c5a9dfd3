import { useId } from "react";
import { InlineError } from "../../../../components/StatusView";
import type { Settings } from "../../../../lib/backend";
import { useSetting } from "../../hooks/useSetting";
import styles from "./SettingSwitch.module.css";

/** The settings that are on or off. */
export type SwitchSetting = {
  [K in keyof Settings]: Settings[K] extends boolean ? K : never;
}[keyof Settings];

export interface SettingSwitchProps {
  field: SwitchSetting;
  label: string;
  hint: string;
}

/** An on/off setting, saved as soon as it is flipped (shown flipped while it saves). */
export function SettingSwitch({ field, label, hint }: SettingSwitchProps) {
  const hintId = useId();
  const setting = useSetting(field);
  return (
    <div className={styles.field}>
      <button
        type="button"
        role="switch"
        aria-checked={setting.value}
        aria-describedby={hintId}
        className={styles.switch}
        onClick={() => {
          if (!setting.saving) setting.save(!setting.saved);
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
      <InlineError error={setting.error} />
    </div>
  );
}
