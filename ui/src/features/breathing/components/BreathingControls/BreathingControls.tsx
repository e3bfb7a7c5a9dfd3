import { useT } from "../../../../i18n";
import { useSettings } from "../../../../lib/queries";
import { useAudioState, useSetAudioMuted, useSetBreathingAmbient } from "../../hooks/queries";
import styles from "./BreathingControls.module.css";

export interface BreathingControlsProps {
  /** Whose sound switches these are (saved in that profile's settings). */
  profileId: string;
  paused: boolean;
  /** A command is on its way: the buttons wait for it. */
  busy: boolean;
  onPause: () => void;
  onResume: () => void;
  onStop: () => void;
}

/**
 * Pause/Resume, Stop, and two sound switches that the profile keeps for its next sessions: Mute
 * (every session sound) and Ambient sound (the bed fades in over 2 s and out over 1 s). Says when
 * sound cannot be heard at all.
 */
export function BreathingControls({
  profileId,
  paused,
  busy,
  onPause,
  onResume,
  onStop,
}: BreathingControlsProps) {
  const t = useT();
  const audio = useAudioState(profileId);
  const settings = useSettings(profileId);
  const setMuted = useSetAudioMuted(profileId);
  const setAmbient = useSetBreathingAmbient(profileId);
  const available = audio.data?.status.available ?? false;
  const muted = settings.data?.muted ?? audio.data?.muted ?? false;
  const ambientOn = settings.data?.ambientOn ?? audio.data?.ambientOn ?? false;
  const switching = setMuted.isPending || setAmbient.isPending;
  return (
    <div className={styles.controls}>
      <div className={styles.buttons}>
        <button
          type="button"
          className={styles.button}
          disabled={busy}
          onClick={paused ? onResume : onPause}
        >
          {paused ? t.breathing.resume : t.breathing.pause}
        </button>
        <button type="button" className={styles.button} disabled={busy} onClick={onStop}>
          {t.breathing.stop}
        </button>
        <button
          type="button"
          className={styles.button}
          aria-pressed={muted}
          disabled={!available || switching}
          onClick={() => {
            setMuted.mutate(!muted);
          }}
        >
          {t.breathing.mute}
        </button>
        <button
          type="button"
          className={styles.button}
          aria-pressed={ambientOn}
          disabled={!available || switching}
          onClick={() => {
            setAmbient.mutate(!ambientOn);
          }}
        >
          {t.breathing.ambient}
        </button>
      </div>
      {audio.data !== undefined && !available ? (
        <p className={styles.note} role="status">
          {t.breathing.soundOff}
        </p>
      ) : null}
      {(setMuted.error ?? setAmbient.error) ? (
        <p className={styles.note} role="alert">
          {t.breathing.soundSwitchFailed}
        </p>
      ) : null}
    </div>
  );
}
