import { Switch } from "../../../../components/Switch";
import type { Settings } from "../../../../lib/backend";
import { useSetting } from "../../hooks/useSetting";

/** The settings that are on or off. */
export type SwitchSetting = {
  [K in keyof Settings]: Settings[K] extends boolean ? K : never;
}[keyof Settings];

export interface SettingSwitchProps {
  field: SwitchSetting;
  label: string;
  hint: string;
  /** Runs once a flip is saved, with the value saved. */
  onSaved?: (on: boolean) => void;
}

/** An on/off setting, saved as soon as it is flipped (shown flipped while it saves). */
export function SettingSwitch({ field, label, hint, onSaved }: SettingSwitchProps) {
  const setting = useSetting(field);
  return (
    <Switch
      checked={setting.value}
      label={label}
      hint={hint}
      error={setting.error}
      onToggle={() => {
        if (setting.saving) return;
        const on = !setting.saved;
        setting.save(
          on,
          onSaved === undefined
            ? undefined
            : () => {
                onSaved(on);
              },
        );
      }}
    />
  );
}
