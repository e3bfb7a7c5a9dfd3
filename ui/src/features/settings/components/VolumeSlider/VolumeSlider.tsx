import { useEffect, useEffectEvent, useId, useRef, useState } from "react";
import { InlineError } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import { useSetting } from "../../hooks/useSetting";
import styles from "./VolumeSlider.module.css";

/** The settings that are a volume, 0–100. */
export type VolumeSetting = "cueVolume" | "ambientVolume" | "voiceCueVolume" | "breathVolume";

export interface VolumeSliderProps {
  field: VolumeSetting;
  label: string;
  hint?: string;
}

/**
 * A volume slider labelled with its value. Moving it only moves it; the value is saved when the
 * person lets go (the input's native `change`: pointer released, or each arrow/Page/Home/End key).
 */
export function VolumeSlider({ field, label, hint }: VolumeSliderProps) {
  const t = useT();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const setting = useSetting(field);
  // The value while the slider is held, until it is let go.
  const [moving, setMoving] = useState<number | null>(null);
  const value = moving ?? setting.value;
  const valueText = t.settings.sound.volumeValue(value);

  const commit = useEffectEvent((next: number) => {
    setMoving(null);
    if (next !== setting.saved) setting.save(next);
  });

  // React's onChange follows every movement; the native change event is the commit.
  useEffect(() => {
    const element = input.current;
    if (element === null) return;
    const onCommit = () => {
      commit(Number(element.value));
    };
    element.addEventListener("change", onCommit);
    return () => {
      element.removeEventListener("change", onCommit);
    };
  }, []);

  return (
    <div className={styles.field}>
      <div className={styles.head}>
        <label htmlFor={id} className={styles.label}>
          {label}
        </label>
        <output htmlFor={id} className={styles.value} aria-hidden="true">
          {valueText}
        </output>
      </div>
      {hint !== undefined && (
        <p id={`${id}-hint`} className={styles.hint}>
          {hint}
        </p>
      )}
      <input
        ref={input}
        id={id}
        type="range"
        min={0}
        max={100}
        step={1}
        className={styles.slider}
        aria-describedby={hint !== undefined ? `${id}-hint` : undefined}
        aria-valuetext={valueText}
        value={value}
        onChange={(event) => {
          setMoving(Number(event.target.value));
        }}
      />
      <InlineError error={setting.error} />
    </div>
  );
}
