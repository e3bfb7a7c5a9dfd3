import { useT } from "../../../../i18n";
import { useAudioState, useSetAudioMuted } from "../../hooks/queries";
import styles from "./BreathingControls.module.css";

export interface BreathingControlsProps {
  paused: boolean;
  /** A command is on its way: the buttons wait for it. */
  busy: boolean;
  onPause: () => void;
  onResume: () => void;
  onStop: () => void;
}

/** Pause/Resume, Stop and Mute, and whether sound can be heard at all. */
export function BreathingControls({
  paused,
  busy,
  onPause,
  onResume,
  onStop,
}: BreathingControlsProps) {
  const t = useT();
  const audio = useAudioState();
  const setMuted = useSetAudioMuted();
  const available = audio.data?.status.available ?? false;
  const muted = audio.data?.cueMuted ?? false;
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
          disabled={!available || setMuted.isPending}
          onClick={() => {
            setMuted.mutate({ layer: "cue", muted: !muted });
          }}
        >
          {t.breathing.mute}
        </button>
      </div>
      {audio.data !== undefined && !available ? (
        <p className={styles.note} role="status">
          {t.breathing.soundOff}
        </p>
      ) : null}
    </div>
  );
}
