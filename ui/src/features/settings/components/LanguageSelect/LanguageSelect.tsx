import { useId } from "react";
import { InlineError } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import type { Locale, Settings } from "../../../../lib/backend";
import { useUpdateSettings } from "../../../../lib/queries";
import sectionStyles from "../../../../styles/settingsSection.module.css";

// Each language is named in itself, so it can be found whatever the current language is.
const LANGUAGES: Record<Locale, string> = { en: "English", es: "Español" };

export function LanguageSelect({ profileId, settings }: { profileId: string; settings: Settings }) {
  const t = useT();
  const id = useId();
  const update = useUpdateSettings(profileId);

  return (
    <div className={sectionStyles.selectField}>
      <label htmlFor={id} className={sectionStyles.label}>
        {t.settings.language}
      </label>
      <p id={`${id}-hint`} className={sectionStyles.muted}>
        {t.settings.languageHint}
      </p>
      <select
        id={id}
        className={sectionStyles.select}
        aria-describedby={`${id}-hint`}
        value={settings.locale}
        onChange={(event) => {
          // The backend validates the value; an unknown one comes back as a typed error shown below.
          update.mutate({ ...settings, locale: event.target.value as Locale });
        }}
      >
        {Object.entries(LANGUAGES).map(([value, name]) => (
          <option key={value} value={value}>
            {name}
          </option>
        ))}
      </select>
      <InlineError error={update.error} />
    </div>
  );
}
