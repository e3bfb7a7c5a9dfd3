import { useState } from "react";
import { useT } from "../../../../i18n";
import type { Profile, Technique } from "../../../../lib/backend";
import { useBreathingRun } from "../../hooks/useBreathingRun";
import { BreathingConfirmation, type BreathingProposal } from "../BreathingConfirmation";
import { BreathingHistory } from "../BreathingHistory";
import { ImmersiveBreathing } from "../ImmersiveBreathing";
import { WimHofExercise } from "../WimHofExercise";
import styles from "./BreathingPage.module.css";

export interface BreathingPageProps {
  profile: Profile;
  locale: string;
  proposal?: BreathingProposal;
}

/** The Breathing section: practise (pick, run, finish) or look back at history and stats. */
export function BreathingPage({ profile, locale, proposal }: BreathingPageProps) {
  const t = useT();
  const [tab, setTab] = useState<"practice" | "history">("practice");
  const [saved, setSaved] = useState(false);
  const [technique, setTechnique] = useState<Technique>("box");
  const run = useBreathingRun(profile.id);
  const running = run.view.live !== null;
  const title = t.breathing.techniques[run.view.live?.config.technique ?? technique];
  const onSaved = () => {
    run.reset();
    setSaved(true);
  };

  return (
    <section className={styles.page} aria-labelledby="breathing-title">
      <h1 id="breathing-title" className={styles.title}>
        {t.breathing.title}
      </h1>
      <div className={styles.tabs}>
        {(["practice", "history"] as const).map((name) => (
          <button
            key={name}
            type="button"
            className={styles.tab}
            aria-pressed={tab === name}
            onClick={() => {
              setTab(name);
              setSaved(false);
            }}
          >
            {name === "practice" ? t.breathing.practiceTab : t.breathing.historyTab}
          </button>
        ))}
      </div>
      {tab === "history" ? (
        <BreathingHistory profileId={profile.id} locale={locale} />
      ) : (
        <>
          {saved ? (
            <p role="status" className={styles.saved}>
              {t.breathing.savedTitle}
            </p>
          ) : null}
          <BreathingConfirmation
            profileId={profile.id}
            proposal={proposal}
            starting={run.pending === "start"}
            error={running ? null : run.error}
            onStart={(input) => {
              setSaved(false);
              setTechnique(input.config.technique);
              void run.start(input);
            }}
          />
        </>
      )}
      {running ? (
        run.view.live?.config.technique === "wim_hof" ? (
          <WimHofExercise run={run} title={title} onSaved={onSaved} />
        ) : (
          <ImmersiveBreathing run={run} title={title} onSaved={onSaved} />
        )
      ) : null}
    </section>
  );
}
