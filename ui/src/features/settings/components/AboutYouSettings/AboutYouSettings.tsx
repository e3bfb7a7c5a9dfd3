import { useId, useState, type SubmitEvent } from "react";
import { Button } from "../../../../components/Button";
import { ErrorState, InlineError, Loading } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import type { OnboardingAnswers } from "../../../../lib/backend";
import { useActiveProfile } from "../../../../lib/queries";
import { ChoiceList } from "../../../onboarding/components/ChoiceList";
import {
  onboardingQuestions,
  safetyQuestion,
  type OnboardingQuestion,
} from "../../../onboarding/questions";
import { useOnboarding, useUpdateOnboarding } from "../../hooks/queries";
import sectionStyles from "../../../../styles/settingsSection.module.css";
import styles from "./AboutYouSettings.module.css";
import { DisplayNameForm } from "./DisplayNameForm";

/**
 * Settings → About you: the name the companion calls the person by (saved on its own), then the
 * onboarding answers and the Wim Hof safety answers, saved together.
 */
export function AboutYouSettings({ profileId }: { profileId: string }) {
  const t = useT();
  const titleId = useId();
  const answers = useOnboarding(profileId);
  // Settings are always the active profile's, whose name the app has already loaded.
  const active = useActiveProfile();
  const name = active.data?.id === profileId ? active.data.displayName : undefined;

  return (
    <section className={sectionStyles.section} aria-labelledby={titleId}>
      <h2 id={titleId} className={sectionStyles.title}>
        {t.settings.aboutYou.title}
      </h2>
      {name === undefined ? null : <DisplayNameForm profileId={profileId} saved={name} />}
      <p className={sectionStyles.muted}>{t.settings.aboutYou.intro}</p>
      {answers.isPending ? (
        <Loading />
      ) : answers.isError ? (
        <ErrorState error={answers.error} onRetry={() => void answers.refetch()} />
      ) : (
        <AnswersForm profileId={profileId} saved={answers.data} />
      )}
    </section>
  );
}

function AnswersForm({ profileId, saved }: { profileId: string; saved: OnboardingAnswers }) {
  const t = useT();
  const copy = t.settings.aboutYou;
  const ids = useId();
  const [draft, setDraft] = useState(saved);
  const update = useUpdateOnboarding(profileId);

  const change = (patch: Partial<OnboardingAnswers>) => {
    setDraft((current) => ({ ...current, ...patch }));
    // A new change hides the last save's confirmation or error.
    if (!update.isPending) update.reset();
  };

  function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    if (!update.isPending) update.mutate(draft);
  }

  // Saved answers always answer the safety question: with no condition ticked, "None of these".
  const safety = safetyQuestion(t.onboarding, draft.contraindications, (contraindications) => {
    change({ contraindications: contraindications ?? [] });
  });

  const question = (q: OnboardingQuestion) => {
    const titleId = `${ids}-${q.key}`;
    return (
      <div key={q.key} className={styles.question}>
        <h3 id={titleId} className={styles.questionTitle}>
          {q.title}
        </h3>
        <p id={`${titleId}-hint`} className={sectionStyles.muted}>
          {q.hint}
        </p>
        <ChoiceList
          labelledBy={titleId}
          describedBy={`${titleId}-hint`}
          choices={q.choices}
          multiple={q.multiple}
        />
      </div>
    );
  };

  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate>
      <div className={styles.questions}>
        {onboardingQuestions(t.onboarding, draft, change).map(question)}
      </div>
      <div className={styles.safety}>{question(safety)}</div>
      <InlineError error={update.error} />
      <div className={styles.actions}>
        <Button type="submit" variant="primary" disabled={update.isPending}>
          {update.isPending ? copy.saving : copy.save}
        </Button>
        <p role="status" className={sectionStyles.done}>
          {update.isSuccess ? copy.saved : ""}
        </p>
      </div>
    </form>
  );
}
