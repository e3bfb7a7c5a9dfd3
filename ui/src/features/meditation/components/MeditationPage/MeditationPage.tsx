import { useState } from "react";
import { useT } from "../../../../i18n";
import type { Settings } from "../../../../lib/backend";
import { SettingsProvider } from "../../../settings/hooks/useSetting";
import { useMeditationRun } from "../../hooks/useMeditationRun";
import { MeditationHistory } from "../MeditationHistory";
import { GuidedTracks } from "../GuidedTracks";
import { MeditationSeries } from "../MeditationSeries";
import { MeditationSetup } from "../MeditationSetup";
import { PersonalMeditation } from "../PersonalMeditation";
import { SpokenMeditations } from "../SpokenMeditations";
import { TimerMeditation } from "../TimerMeditation";
import styles from "./MeditationPage.module.css";

export interface MeditationPageProps {
  profileId: string;
  locale: string;
  /** The profile's settings: its ambient bed and volume. */
  settings: Settings;
  /** Opens Settings (offered when a meditation cannot be written for want of a chat model). */
  onOpenSettings?: () => void;
}

/**
 * The Meditation section: set up a timer, run it full screen, save it, and look back; a meditation
 * the person's chat model writes for them, the series of meditations (a day at a time, in order) and
 * the meditations the team wrote, spoken by the voice on the device into tracks; and the guided
 * tracks, to play (a series' day plays in their player).
 */
export function MeditationPage({
  profileId,
  locale,
  settings,
  onOpenSettings,
}: MeditationPageProps) {
  const t = useT();
  const run = useMeditationRun(profileId);
  const [saved, setSaved] = useState(false);
  const running = run.view.live !== null;

  return (
    <section className={styles.page} aria-labelledby="meditation-title">
      <h1 id="meditation-title" className={styles.title}>
        {t.meditation.title}
      </h1>
      {saved ? (
        <p role="status" className={styles.saved}>
          {t.meditation.saved}
        </p>
      ) : null}
      <SettingsProvider profileId={profileId} settings={settings}>
        <MeditationSetup
          settings={settings}
          starting={run.pending === "start"}
          error={running ? null : run.error}
          onBegin={(input) => {
            setSaved(false);
            void run.start(input);
          }}
        />
      </SettingsProvider>
      <PersonalMeditation profileId={profileId} onOpenSettings={onOpenSettings} />
      <MeditationSeries profileId={profileId} locale={locale} settings={settings} />
      <SpokenMeditations profileId={profileId} />
      <GuidedTracks profileId={profileId} settings={settings} />
      <MeditationHistory profileId={profileId} locale={locale} />
      {running ? (
        <TimerMeditation
          run={run}
          onSaved={() => {
            run.reset();
            setSaved(true);
          }}
        />
      ) : null}
    </section>
  );
}
