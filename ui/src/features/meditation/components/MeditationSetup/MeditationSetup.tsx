import { useId, useState } from "react";
import { Button } from "../../../../components/Button";
import { MoodPicker } from "../../../../components/MoodPicker";
import { InlineError } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import type { AmbientKind, BinauralBand, Settings, StartMeditation } from "../../../../lib/backend";
import { AMBIENT_KINDS } from "../../../settings/components/SoundSettings";
import { VolumeSlider } from "../../../settings/components/VolumeSlider";
import styles from "./MeditationSetup.module.css";

/** The lengths offered at a click, in minutes. */
export const LENGTH_PRESETS = [3, 5, 10, 15, 20, 30] as const;
/** The bell intervals offered, in minutes. */
export const BELL_INTERVALS = [1, 2, 3, 5, 10, 15, 20, 30] as const;
/** The binaural bands, slowest first. */
export const BINAURAL_BANDS: readonly BinauralBand[] = ["delta", "theta", "alpha", "beta"];

const DEFAULT_MINUTES = 10;

export interface MeditationSetupProps {
  /** The profile's settings: its ambient bed is the one offered first. */
  settings: Settings;
  starting?: boolean;
  error?: Error | null;
  onBegin: (input: StartMeditation) => void;
}

/**
 * Set up a timer: its length (a preset or 1–180 minutes), interval bells, an ambient bed and its
 * volume (the profile's, saved at once), binaural beats, the mood before, and Begin. The core checks
 * what is sent and its error is shown here.
 */
export function MeditationSetup({
  settings,
  starting = false,
  error = null,
  onBegin,
}: MeditationSetupProps) {
  const t = useT();
  const id = useId();
  const [length, setLength] = useState<number | "custom">(DEFAULT_MINUTES);
  const [custom, setCustom] = useState(String(DEFAULT_MINUTES));
  const [bellInterval, setBellInterval] = useState<number | null>(null);
  const [ambient, setAmbient] = useState<AmbientKind | null>(
    settings.ambientOn ? settings.ambientSound : null,
  );
  const [binaural, setBinaural] = useState<BinauralBand | null>(null);
  const [mood, setMood] = useState<number | null>(null);

  const submit = () => {
    if (starting) return;
    // An empty field is 0 minutes: the core answers that it is out of range.
    const minutes = length === "custom" ? Number(custom) : length;
    onBegin({
      config: {
        plannedMs: Math.round(minutes * 60_000),
        intervalMs: bellInterval === null ? null : bellInterval * 60_000,
        ambient,
        binaural,
      },
      moodBefore: mood,
    });
  };

  return (
    <form
      className={styles.form}
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h2 id={`${id}-title`} className={styles.title}>
        {t.meditation.setupTitle}
      </h2>
      <fieldset className={styles.group}>
        <legend className={styles.legend}>{t.meditation.length}</legend>
        <div className={styles.segments}>
          {[...LENGTH_PRESETS, "custom" as const].map((choice) => (
            <label key={choice} className={styles.segment}>
              <input
                type="radio"
                name={`${id}-length`}
                value={choice}
                checked={length === choice}
                onChange={() => {
                  if (choice === "custom" && length !== "custom") setCustom(String(length));
                  setLength(choice);
                }}
              />
              <span>
                {choice === "custom" ? t.meditation.custom : t.meditation.presetMinutes(choice)}
              </span>
            </label>
          ))}
        </div>
        {length === "custom" ? (
          <div className={styles.field}>
            <label htmlFor={`${id}-custom`}>{t.meditation.customMinutes}</label>
            <input
              id={`${id}-custom`}
              className={styles.input}
              type="number"
              inputMode="numeric"
              min={1}
              max={180}
              step={1}
              value={custom}
              onChange={(e) => {
                setCustom(e.target.value);
              }}
            />
          </div>
        ) : null}
      </fieldset>

      <div className={styles.field}>
        <label htmlFor={`${id}-interval`} className={styles.legend}>
          {t.meditation.interval}
        </label>
        <select
          id={`${id}-interval`}
          className={styles.select}
          value={bellInterval ?? ""}
          onChange={(e) => {
            setBellInterval(e.target.value === "" ? null : Number(e.target.value));
          }}
        >
          <option value="">{t.meditation.intervalOff}</option>
          {BELL_INTERVALS.map((minutes) => (
            <option key={minutes} value={minutes}>
              {t.meditation.intervalEvery(minutes)}
            </option>
          ))}
        </select>
      </div>

      <div className={styles.field}>
        <label htmlFor={`${id}-ambient`} className={styles.legend}>
          {t.meditation.ambient}
        </label>
        <select
          id={`${id}-ambient`}
          className={styles.select}
          value={ambient ?? ""}
          onChange={(e) => {
            const value = e.target.value;
            setAmbient(AMBIENT_KINDS.find((kind) => kind === value) ?? null);
          }}
        >
          <option value="">{t.meditation.ambientNone}</option>
          {AMBIENT_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t.meditation.beds[kind]}
            </option>
          ))}
        </select>
      </div>
      {ambient !== null ? (
        <VolumeSlider field="ambientVolume" label={t.meditation.ambientVolume} />
      ) : null}

      <div className={styles.field}>
        <label htmlFor={`${id}-binaural`} className={styles.legend}>
          {t.meditation.binaural}
        </label>
        <select
          id={`${id}-binaural`}
          className={styles.select}
          value={binaural ?? ""}
          aria-describedby={binaural !== null ? `${id}-headphones` : undefined}
          onChange={(e) => {
            const value = e.target.value;
            setBinaural(BINAURAL_BANDS.find((band) => band === value) ?? null);
          }}
        >
          <option value="">{t.meditation.binauralOff}</option>
          {BINAURAL_BANDS.map((band) => (
            <option key={band} value={band}>
              {t.meditation.bands[band]}
            </option>
          ))}
        </select>
        {binaural !== null ? (
          <p id={`${id}-headphones`} className={styles.hint} role="note">
            {t.meditation.headphones}
          </p>
        ) : null}
      </div>

      <MoodPicker legend={t.meditation.moodBefore} value={mood} onChange={setMood} />
      <InlineError error={error} />
      <div className={styles.actions}>
        <Button type="submit" variant="primary" aria-busy={starting} disabled={starting}>
          {starting ? t.meditation.starting : t.meditation.begin}
        </Button>
      </div>
    </form>
  );
}
