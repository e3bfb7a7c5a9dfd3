import { useId, useState } from "react";
import { Button } from "../../../../components/Button";
import { ProgressBar } from "../../../../components/ProgressBar";
import { ErrorState, InlineError, Loading } from "../../../../components/StatusView";
import { useT, type Messages } from "../../../../i18n";
import type { WrittenMeditation } from "../../../../lib/backend";
import { useJobProgress } from "../../../settings/hooks/useJobProgress";
import { useSpeakWritten, useVoiceBusy, useWrittenMeditations } from "../../hooks/tracks";
import { VOICE_JOB, isTrackLanguage, isWrittenId } from "../../tracks";
import listStyles from "../../../../styles/listSection.module.css";
import spokenStyles from "../../spoken.module.css";
import styles from "./SpokenMeditations.module.css";

/** A written meditation's title in the UI's language; one the UI has no words for is called by its type. */
function writtenTitle(copy: Messages["tracks"], written: WrittenMeditation): string {
  return isWrittenId(written.id) ? copy.spoken.titles[written.id] : copy.kinds[written.kind];
}

/**
 * The meditations the Wbot team wrote: each one is spoken by the voice on the device into a new
 * guided track (titled in the UI's language), with its progress; one at a time.
 */
export function SpokenMeditations({ profileId }: { profileId: string }) {
  const t = useT();
  const copy = t.tracks;
  const id = useId();
  const written = useWrittenMeditations();
  const speak = useSpeakWritten(profileId);
  // One meditation is spoken at a time (a meditation written for the person too).
  const busy = useVoiceBusy(profileId);
  const { progress, reset } = useJobProgress(VOICE_JOB, profileId);
  const [ready, setReady] = useState<string | null>(null);
  const speaking = speak.isPending ? speak.variables.writtenId : null;

  const prepare = (item: WrittenMeditation) => {
    if (busy) return;
    reset();
    setReady(null);
    speak.mutate(
      { writtenId: item.id, title: writtenTitle(copy, item) },
      {
        onSuccess: (track) => {
          setReady(track.title);
        },
      },
    );
  };

  const all = written.data ?? [];

  return (
    <section
      className={`${listStyles.section} ${spokenStyles.section}`}
      aria-labelledby={`${id}-title`}
    >
      <h2 id={`${id}-title`} className={listStyles.title}>
        {copy.spoken.title}
      </h2>
      <p className={listStyles.muted}>{copy.spoken.hint}</p>
      {written.isPending ? (
        <Loading />
      ) : written.isError ? (
        <ErrorState error={written.error} onRetry={() => void written.refetch()} />
      ) : all.length === 0 ? (
        <p className={listStyles.muted}>{copy.spoken.empty}</p>
      ) : (
        <ul className={listStyles.list} aria-labelledby={`${id}-title`}>
          {all.map((item) => {
            const title = writtenTitle(copy, item);
            const language = isTrackLanguage(item.language)
              ? copy.languages[item.language]
              : item.language.toUpperCase();
            const details = [copy.kinds[item.kind], copy.spoken.minutes(item.minutes), language];
            return (
              <li key={item.id} className={`${listStyles.rowItem} ${styles.item}`}>
                <div className={styles.itemText}>
                  <span className={styles.name}>{title}</span>
                  <span className={listStyles.muted}>{details.join(" · ")}</span>
                </div>
                <Button
                  variant="primary"
                  aria-label={copy.spoken.prepareTrack(title)}
                  aria-busy={speaking === item.id}
                  disabled={busy}
                  onClick={() => {
                    prepare(item);
                  }}
                >
                  {copy.spoken.prepare}
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      {speak.isPending ? (
        <ProgressBar
          label={copy.spoken.preparing}
          done={progress?.done ?? 0}
          total={progress?.total ?? null}
          valueText={copy.progress}
        />
      ) : null}
      {ready !== null ? (
        <p role="status" className={spokenStyles.ready}>
          {copy.spoken.ready(ready)}
        </p>
      ) : null}
      <InlineError error={speak.error} />
    </section>
  );
}
