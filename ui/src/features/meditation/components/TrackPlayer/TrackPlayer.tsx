import { useEffect, useEffectEvent, useId, useRef, useState, type ReactNode } from "react";
import { Button } from "../../../../components/Button";
import { InlineError } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import type { TrackPlayback } from "../../../../lib/backend";
import { formatClock } from "../../../breathing/format";
import styles from "./TrackPlayer.module.css";

/** The seek slider's step: a second. */
const SEEK_STEP_MS = 1000;

export interface TrackPlayerProps {
  title: string;
  playback: TrackPlayback;
  /** Whether a control is on its way to the core. */
  pending: boolean;
  error: Error | null;
  volume: number;
  onPause: () => void;
  /** Plays on from where it was paused (or from the start once it has ended). */
  onResume: () => void;
  onStop: () => void;
  /** Resolves once the core has answered, so the slider can follow the playback again. */
  onSeek: (positionMs: number) => Promise<unknown>;
  onVolume: (volume: number) => void;
  /** The background sound's choice. */
  children?: ReactNode;
}

/**
 * Calls `commit` with a range input's value on its native `change` (pointer let go, or each arrow,
 * Page, Home or End key); React's onChange follows every movement in between.
 */
function useCommitOnChange(commit: (value: number) => void) {
  const input = useRef<HTMLInputElement>(null);
  const onCommit = useEffectEvent(commit);
  useEffect(() => {
    const element = input.current;
    if (element === null) return;
    const listener = () => {
      onCommit(Number(element.value));
    };
    element.addEventListener("change", listener);
    return () => {
      element.removeEventListener("change", listener);
    };
  }, []);
  return input;
}

/**
 * The track loaded now: its title, where it is ("m:ss / m:ss") with a slider to move in it, pause or
 * resume, stop, its volume and the background sound.
 */
export function TrackPlayer({
  title,
  playback,
  pending,
  error,
  volume,
  onPause,
  onResume,
  onStop,
  onSeek,
  onVolume,
  children,
}: TrackPlayerProps) {
  const t = useT();
  const copy = t.tracks;
  const id = useId();
  const { durationMs, playing, ended } = playback;
  // Where the slider is held, until the core has moved the track there.
  const [seeking, setSeeking] = useState<number | null>(null);
  const [movingVolume, setMovingVolume] = useState<number | null>(null);
  const positionMs = seeking ?? playback.positionMs;
  const position = formatClock(positionMs);
  const duration = formatClock(durationMs);
  const shownVolume = movingVolume ?? volume;

  const seekInput = useCommitOnChange((value) => {
    // The core plays from any place before the end.
    const target = Math.max(0, Math.min(value, durationMs - 1));
    setSeeking(target);
    // A refused seek is shown with the player's error; the slider goes back to where the track is.
    void onSeek(target)
      .catch(() => undefined)
      .finally(() => {
        setSeeking(null);
      });
  });
  const volumeInput = useCommitOnChange((value) => {
    setMovingVolume(null);
    if (value !== volume) onVolume(value);
  });

  return (
    <section aria-label={copy.nowPlaying} className={styles.player}>
      <div className={styles.head}>
        <p className={styles.title}>{title}</p>
        <p role="status" className={styles.state}>
          {ended ? copy.finished : playing ? "" : copy.paused}
        </p>
      </div>
      <div className={styles.seek}>
        <input
          ref={seekInput}
          type="range"
          aria-label={copy.position}
          aria-valuetext={copy.positionText(position, duration)}
          className={styles.slider}
          min={0}
          max={durationMs}
          step={SEEK_STEP_MS}
          value={positionMs}
          onChange={(e) => {
            setSeeking(Number(e.target.value));
          }}
        />
        <span className={styles.time}>{copy.time(position, duration)}</span>
      </div>
      <div className={styles.actions}>
        {playing ? (
          <Button variant="primary" disabled={pending} onClick={onPause}>
            {copy.pause}
          </Button>
        ) : (
          <Button variant="primary" disabled={pending} onClick={onResume}>
            {ended ? copy.playAgain : copy.resume}
          </Button>
        )}
        <Button disabled={pending} onClick={onStop}>
          {copy.stop}
        </Button>
      </div>
      <div className={styles.controls}>
        <div className={styles.field}>
          <div className={styles.fieldHead}>
            <label htmlFor={`${id}-volume`} className={styles.label}>
              {copy.volume}
            </label>
            <output htmlFor={`${id}-volume`} className={styles.value} aria-hidden="true">
              {copy.volumeValue(shownVolume)}
            </output>
          </div>
          <input
            ref={volumeInput}
            id={`${id}-volume`}
            type="range"
            className={styles.slider}
            min={0}
            max={100}
            step={1}
            aria-valuetext={copy.volumeValue(shownVolume)}
            value={shownVolume}
            onChange={(e) => {
              setMovingVolume(Number(e.target.value));
            }}
          />
        </div>
        {children}
      </div>
      <InlineError error={error} />
    </section>
  );
}
