import { useId, type ChangeEvent } from "react";
import { Button } from "../../../../components/Button";
import { ProgressBar } from "../../../../components/ProgressBar";
import { InlineError } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import { useImportProfile, useSwitchProfile } from "../../../../lib/queries";
import { useJobProgress } from "../../hooks/useJobProgress";
import sectionStyles from "../../../../styles/settingsSection.module.css";
import styles from "./DataSettings.module.css";

/**
 * Creates a new profile from an archive the person picks (a file input, visually hidden behind its
 * button-like label), with the core's progress, then offers to switch to it.
 */
export function ImportData({ activeId }: { activeId: string }) {
  const t = useT();
  const copy = t.settings.data;
  const ids = useId();
  const inputId = `${ids}-file`;
  const hintId = `${ids}-hint`;
  const importProfile = useImportProfile();
  const switchProfile = useSwitchProfile();
  // The new profile's id is not known before the import: its notices are any profile's.
  const { progress, reset } = useJobProgress("profile.import", null);
  const imported = importProfile.data?.profile;

  function onChange(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    // Emptied, so choosing the same file again is a change too.
    input.value = "";
    if (file === undefined || importProfile.isPending) return;
    reset();
    switchProfile.reset();
    importProfile.mutate(file);
  }

  return (
    <div className={sectionStyles.part}>
      <p id={hintId} className={sectionStyles.muted}>
        {copy.importHint}
      </p>
      <div className={sectionStyles.row}>
        <input
          id={inputId}
          type="file"
          accept=".zip,application/zip"
          className={`visually-hidden ${styles.fileInput}`}
          aria-describedby={hintId}
          disabled={importProfile.isPending}
          onChange={onChange}
        />
        <label htmlFor={inputId} className={styles.fileButton}>
          {copy.import}
        </label>
        {importProfile.isPending ? (
          <ProgressBar
            label={copy.importProgress}
            done={progress?.done ?? 0}
            total={progress?.total ?? null}
            valueText={copy.progress}
          />
        ) : null}
      </div>
      <p role="status" className={`${sectionStyles.done} ${styles.done}`}>
        {imported === undefined ? "" : copy.imported(imported.displayName)}
      </p>
      {imported !== undefined && imported.id !== activeId ? (
        <div className={sectionStyles.row}>
          <Button
            variant="primary"
            disabled={switchProfile.isPending}
            onClick={() => {
              switchProfile.mutate(imported.id);
            }}
          >
            {copy.switchTo(imported.displayName)}
          </Button>
        </div>
      ) : null}
      <InlineError error={importProfile.error ?? switchProfile.error} />
    </div>
  );
}
