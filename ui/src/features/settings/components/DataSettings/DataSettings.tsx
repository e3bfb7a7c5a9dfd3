import { useId, useState } from "react";
import { Button } from "../../../../components/Button";
import { useT } from "../../../../i18n";
import type { Profile } from "../../../../lib/backend";
import { useActiveProfile } from "../../../../lib/queries";
import { DeleteProfileDialog } from "../../../profile/components/DeleteProfileDialog";
import sectionStyles from "../../../../styles/settingsSection.module.css";
import { ExportData } from "./ExportData";
import { ImportData } from "./ImportData";

/**
 * Settings → Your data: everything the profile owns saved to an archive, a profile brought back from
 * one (as a new profile), and the profile deleted with all its data (as from the profile switcher).
 */
export function DataSettings({ profileId }: { profileId: string }) {
  const t = useT();
  const copy = t.settings.data;
  const titleId = useId();
  // Settings are always the active profile's, which the app has already loaded.
  const active = useActiveProfile();
  const profile = active.data?.id === profileId ? active.data : undefined;

  return (
    <section className={sectionStyles.section} aria-labelledby={titleId}>
      <h2 id={titleId} className={sectionStyles.title}>
        {copy.title}
      </h2>
      <p className={sectionStyles.muted}>{copy.intro}</p>
      <ExportData profileId={profileId} />
      <ImportData activeId={profileId} />
      {profile === undefined ? null : <DeleteData profile={profile} />}
    </section>
  );
}

function DeleteData({ profile }: { profile: Profile }) {
  const t = useT();
  const copy = t.settings.data;
  const hintId = useId();
  const [asking, setAsking] = useState(false);
  const name = profile.displayName;

  return (
    <div className={sectionStyles.part}>
      <p id={hintId} className={sectionStyles.muted}>
        {copy.deleteHint}
      </p>
      <div className={sectionStyles.row}>
        <Button
          variant="danger"
          aria-describedby={hintId}
          onClick={() => {
            setAsking(true);
          }}
        >
          {copy.delete}
        </Button>
      </div>
      {asking ? (
        <DeleteProfileDialog
          profile={profile}
          words={{
            title: copy.deleteTitle(name),
            description: copy.deleteText(name),
            confirmLabel: copy.deleteConfirm,
          }}
          onClose={() => {
            setAsking(false);
          }}
        />
      ) : null}
    </div>
  );
}
