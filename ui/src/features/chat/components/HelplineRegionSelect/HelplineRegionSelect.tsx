import { useId } from "react";
import { InlineError } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import { HELPLINE_REGIONS } from "../../format";
import { useChatStatus, useSetHelplineRegion } from "../../hooks/queries";
import sectionStyles from "../../../../styles/settingsSection.module.css";
import styles from "./HelplineRegionSelect.module.css";

/** Which country's helplines the safety card shows. */
export function HelplineRegionSelect({ profileId }: { profileId: string }) {
  const t = useT();
  const id = useId();
  const status = useChatStatus(profileId);
  const set = useSetHelplineRegion(profileId);
  const current = set.isPending ? set.variables : (status.data?.helplineRegion ?? "");
  const known: readonly string[] = HELPLINE_REGIONS;
  const names: Record<string, string> = t.chatSettings.regions;
  return (
    <div className={`${sectionStyles.field} ${styles.field}`}>
      <label htmlFor={id} className={sectionStyles.label}>
        {t.chatSettings.regionLabel}
      </label>
      <p id={`${id}-hint`} className={sectionStyles.muted}>
        {t.chatSettings.regionHint}
      </p>
      <select
        id={id}
        className={sectionStyles.compactControl}
        aria-describedby={`${id}-hint`}
        value={current}
        disabled={status.isPending}
        onChange={(e) => {
          set.mutate(e.target.value);
        }}
      >
        {known.map((region) => (
          <option key={region} value={region}>
            {names[region]}
          </option>
        ))}
        {!known.includes(current) ? <option value={current}>{current}</option> : null}
      </select>
      <InlineError error={status.error ?? set.error} />
    </div>
  );
}
