import { useId, useState } from "react";
import { Button } from "../../../../components/Button";
import { ProgressBar } from "../../../../components/ProgressBar";
import { InlineError } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import { BackendError } from "../../../../lib/backend";
import { useJobProgress } from "../../../settings/hooks/useJobProgress";
import { useVoiceBusy, useWriteMeditation } from "../../hooks/tracks";
import { VOICE_JOB, WRITE_JOB } from "../../tracks";
import listStyles from "../../../../styles/listSection.module.css";
import spokenStyles from "../../spoken.module.css";
import fields from "../../fields.module.css";
import styles from "./PersonalMeditation.module.css";

/** The lengths offered, in minutes (the core takes 3–30). */
const LENGTHS = [5, 10, 15] as const;
const DEFAULT_LENGTH = 10;

export interface PersonalMeditationProps {
  profileId: string;
  /** Opens Settings, where a chat model is set up (offered when there is none). */
  onOpenSettings?: () => void;
}

/**
 * "A meditation for me": the person's chat model writes a meditation from what they shared lately and
 * how they feel, and the voice on the device speaks it into a new track; the writing, then the voice,
 * with their progress.
 */
export function PersonalMeditation({ profileId, onOpenSettings }: PersonalMeditationProps) {
  const t = useT();
  const copy = t.tracks;
  const id = useId();
  const write = useWriteMeditation(profileId);
  // One meditation is spoken at a time (one the team wrote too).
  const busy = useVoiceBusy(profileId);
  const writing = useJobProgress(WRITE_JOB, profileId);
  const voice = useJobProgress(VOICE_JOB, profileId);
  const [minutes, setMinutes] = useState<number>(DEFAULT_LENGTH);
  const [ready, setReady] = useState<string | null>(null);
  const noChatModel = write.error instanceof BackendError && write.error.reason === "no_chat_model";

  const start = () => {
    if (busy) return;
    writing.reset();
    voice.reset();
    setReady(null);
    write.mutate(
      { minutes, title: copy.personal.trackTitle },
      {
        onSuccess: (track) => {
          setReady(track.title);
        },
      },
    );
  };

  // The voice speaks once the script is written: its first notice ends the writing phase.
  const phase =
    voice.progress !== null
      ? { label: copy.spoken.preparing, progress: voice.progress }
      : { label: copy.personal.writing, progress: writing.progress };

  return (
    <section
      className={`${listStyles.section} ${spokenStyles.section}`}
      aria-labelledby={`${id}-title`}
    >
      <h2 id={`${id}-title`} className={listStyles.title}>
        {copy.personal.title}
      </h2>
      <p className={listStyles.muted}>
        {copy.personal.hint} {copy.personal.english}
      </p>
      <div className={styles.form}>
        <div className={fields.field}>
          <label htmlFor={`${id}-length`} className={fields.label}>
            {t.meditation.length}
          </label>
          <select
            id={`${id}-length`}
            className={fields.select}
            value={String(minutes)}
            disabled={write.isPending}
            onChange={(e) => {
              setMinutes(Number(e.target.value));
            }}
          >
            {LENGTHS.map((n) => (
              <option key={n} value={String(n)}>
                {copy.personal.minutes(n)}
              </option>
            ))}
          </select>
        </div>
        <Button variant="primary" aria-busy={write.isPending} disabled={busy} onClick={start}>
          {copy.personal.write}
        </Button>
      </div>
      {write.isPending ? (
        <ProgressBar
          label={phase.label}
          done={phase.progress?.done ?? 0}
          total={phase.progress?.total ?? null}
          valueText={copy.progress}
        />
      ) : null}
      {ready !== null ? (
        <p role="status" className={spokenStyles.ready}>
          {copy.spoken.ready(ready)}
        </p>
      ) : null}
      <InlineError error={write.error} />
      {noChatModel && onOpenSettings !== undefined ? (
        <div>
          <Button variant="secondary" onClick={onOpenSettings}>
            {t.chat.setupButton}
          </Button>
        </div>
      ) : null}
    </section>
  );
}
