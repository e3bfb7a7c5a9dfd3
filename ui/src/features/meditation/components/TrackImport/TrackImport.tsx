import { useId, useState } from "react";
import { Button } from "../../../../components/Button";
import { ProgressBar } from "../../../../components/ProgressBar";
import { InlineError } from "../../../../components/StatusView";
import { useLocale, useT } from "../../../../i18n";
import type { GuidedKind } from "../../../../lib/backend";
import { useJobProgress } from "../../../settings/hooks/useJobProgress";
import { useImportTrack, usePickTrackFile } from "../../hooks/tracks";
import {
  GUIDED_KINDS,
  TRACK_LANGUAGES,
  fileName,
  fileStem,
  isTrackLanguage,
  type TrackLanguage,
} from "../../tracks";
import styles from "./TrackImport.module.css";

/** The core's progress job of a track import. */
export const TRACK_IMPORT_JOB = "meditation.track_import";

const FIRST_KIND: GuidedKind = "body_scan";

/**
 * Imports an audio file as a guided track: the shell's file dialog picks it, then a short form names
 * it (its file name unless changed), says what it practises and its language, and the core imports it
 * with its progress. The core checks the file and its error is shown here.
 */
export function TrackImport({ profileId }: { profileId: string }) {
  const t = useT();
  const copy = t.tracks;
  const locale = useLocale();
  const id = useId();
  const pick = usePickTrackFile();
  const importTrack = useImportTrack(profileId);
  const { progress, reset } = useJobProgress(TRACK_IMPORT_JOB, profileId);
  const fallbackLanguage: TrackLanguage = isTrackLanguage(locale) ? locale : "en";
  const [path, setPath] = useState<string | null>(null);
  const [title, setTitle] = useState("");
  const [kind, setKind] = useState<GuidedKind>(FIRST_KIND);
  const [language, setLanguage] = useState<TrackLanguage>(fallbackLanguage);
  const [imported, setImported] = useState<string | null>(null);
  const busy = pick.isPending || importTrack.isPending;

  const choose = () => {
    if (busy) return;
    setImported(null);
    pick.mutate(undefined, {
      onSuccess: (picked) => {
        // Cancelled: whatever was being imported stays as it was.
        if (picked === null) return;
        importTrack.reset();
        setPath(picked);
        setTitle(fileStem(picked));
        setKind(FIRST_KIND);
        setLanguage(fallbackLanguage);
      },
    });
  };

  const submit = () => {
    if (path === null || importTrack.isPending) return;
    reset();
    importTrack.mutate(
      { path, title, kind, language },
      {
        onSuccess: (track) => {
          setPath(null);
          setImported(track.title);
        },
      },
    );
  };

  return (
    <div className={styles.import}>
      <div className={styles.row}>
        <Button variant="primary" aria-busy={pick.isPending} disabled={busy} onClick={choose}>
          {pick.isPending ? copy.picking : copy.importButton}
        </Button>
        {imported !== null ? (
          <p role="status" className={styles.done}>
            {copy.imported(imported)}
          </p>
        ) : null}
      </div>
      <InlineError error={pick.error} />
      {path !== null ? (
        <form
          className={styles.form}
          aria-labelledby={`${id}-title`}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <h3 id={`${id}-title`} className={styles.title}>
            {copy.formTitle(fileName(path))}
          </h3>
          <div className={styles.field}>
            <label htmlFor={`${id}-name`}>{copy.titleLabel}</label>
            <input
              id={`${id}-name`}
              className={styles.input}
              type="text"
              value={title}
              disabled={importTrack.isPending}
              onChange={(e) => {
                setTitle(e.target.value);
              }}
            />
          </div>
          <div className={styles.field}>
            <label htmlFor={`${id}-kind`}>{copy.kindLabel}</label>
            <select
              id={`${id}-kind`}
              className={styles.input}
              value={kind}
              disabled={importTrack.isPending}
              onChange={(e) => {
                const value = e.target.value;
                setKind(GUIDED_KINDS.find((k) => k === value) ?? FIRST_KIND);
              }}
            >
              {GUIDED_KINDS.map((k) => (
                <option key={k} value={k}>
                  {copy.kinds[k]}
                </option>
              ))}
            </select>
          </div>
          <div className={styles.field}>
            <label htmlFor={`${id}-language`}>{copy.languageLabel}</label>
            <select
              id={`${id}-language`}
              className={styles.input}
              value={language}
              disabled={importTrack.isPending}
              onChange={(e) => {
                const value = e.target.value;
                if (isTrackLanguage(value)) setLanguage(value);
              }}
            >
              {TRACK_LANGUAGES.map((code) => (
                <option key={code} value={code}>
                  {copy.languages[code]}
                </option>
              ))}
            </select>
          </div>
          {importTrack.isPending ? (
            <ProgressBar
              label={copy.importProgress}
              done={progress?.done ?? 0}
              total={progress?.total ?? null}
              valueText={copy.progress}
            />
          ) : null}
          <InlineError error={importTrack.error} />
          <div className={styles.actions}>
            <Button
              type="submit"
              variant="primary"
              aria-busy={importTrack.isPending}
              disabled={importTrack.isPending}
            >
              {importTrack.isPending ? copy.importing : copy.import}
            </Button>
            <Button
              disabled={importTrack.isPending}
              onClick={() => {
                setPath(null);
                importTrack.reset();
              }}
            >
              {t.common.cancel}
            </Button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
