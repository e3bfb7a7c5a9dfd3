import { useId } from "react";
import { Button } from "../../../../components/Button";
import { ProgressBar } from "../../../../components/ProgressBar";
import { InlineError } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import { useExportProfile } from "../../../../lib/queries";
import { useJobProgress } from "../../hooks/useJobProgress";
import sectionStyles from "../../../../styles/settingsSection.module.css";
import styles from "./DataSettings.module.css";

/** Saves everything the profile owns to an archive, with the core's progress, then says where. */
export function ExportData({ profileId }: { profileId: string }) {
  const t = useT();
  const copy = t.settings.data;
  const hintId = useId();
  const exportProfile = useExportProfile();
  const { progress, reset } = useJobProgress("profile.export", profileId);

  return (
    <div className={sectionStyles.part}>
      <p id={hintId} className={sectionStyles.muted}>
        {copy.exportHint}
      </p>
      <div className={sectionStyles.row}>
        <Button
          aria-describedby={hintId}
          disabled={exportProfile.isPending}
          onClick={() => {
            reset();
            exportProfile.mutate(profileId);
          }}
        >
          {copy.export}
        </Button>
        {exportProfile.isPending ? (
          <ProgressBar
            label={copy.exportProgress}
            done={progress?.done ?? 0}
            total={progress?.total ?? null}
            valueText={copy.progress}
          />
        ) : null}
        <p role="status" className={`${sectionStyles.done} ${styles.done}`}>
          {exportProfile.isSuccess ? copy.exported(exportProfile.data.path) : ""}
        </p>
      </div>
      <InlineError error={exportProfile.error} />
    </div>
  );
}
