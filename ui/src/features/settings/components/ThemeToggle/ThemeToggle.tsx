import { InlineError } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import type { Settings, Theme } from "../../../../lib/backend";
import { useUpdateSettings } from "../../../../lib/queries";
import styles from "./ThemeToggle.module.css";

const ICONS: Record<Theme, string> = {
  light:
    "M12 4V2m0 20v-2m8-8h2M2 12h2m13.66-5.66 1.41-1.41M4.93 19.07l1.41-1.41m0-11.32L4.93 4.93m14.14 14.14-1.41-1.41M12 17a5 5 0 1 0 0-10 5 5 0 0 0 0 10Z",
  system: "M4 5h16v11H4zM9 20h6m-3-4v4",
  dark: "M20 14.5A8 8 0 0 1 9.5 4 8 8 0 1 0 20 14.5Z",
};

const THEMES: readonly Theme[] = ["light", "system", "dark"];

export function ThemeToggle({ profileId, settings }: { profileId: string; settings: Settings }) {
  const t = useT();
  const update = useUpdateSettings(profileId);

  return (
    <div className={styles.wrapper}>
      <div role="group" aria-label={t.theme.group} className={styles.group}>
        {THEMES.map((theme) => (
          <button
            key={theme}
            type="button"
            className={styles.option}
            aria-label={t.theme[theme]}
            aria-pressed={settings.theme === theme}
            title={t.theme[theme]}
            onClick={() => {
              if (!update.isPending) update.mutate({ ...settings, theme });
            }}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true" className={styles.icon}>
              <path d={ICONS[theme]} />
            </svg>
          </button>
        ))}
      </div>
      <InlineError error={update.error} />
    </div>
  );
}
