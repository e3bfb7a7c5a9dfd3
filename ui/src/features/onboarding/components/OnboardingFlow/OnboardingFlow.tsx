import { useEffect, useId, useRef, useState, type SubmitEvent } from "react";
import { Button } from "../../../../components/Button";
import { InlineError } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import type { Contraindication, NewProfile } from "../../../../lib/backend";
import { useCreateProfile } from "../../../../lib/queries";
import { onboardingQuestions, safetyQuestion, type QuestionAnswers } from "../../questions";
import { ChoiceList } from "../ChoiceList";
import styles from "./OnboardingFlow.module.css";

const QUESTION_COUNT = 8;
const NAME_STEP = 0;
const SAFETY_STEP = QUESTION_COUNT + 1;

interface Draft extends QuestionAnswers {
  displayName: string;
  /** null until the person answers, "None of these" included. */
  contraindications: Contraindication[] | null;
}

const EMPTY_DRAFT: Draft = {
  displayName: "",
  challenges: [],
  preferredActivities: [],
  contraindications: null,
};

function toNewProfile(draft: Draft): NewProfile | null {
  const { currentFeeling, primaryGoal, communicationStyle, supportType } = draft;
  const { experienceLevel, sessionLength, contraindications } = draft;
  if (
    currentFeeling === undefined ||
    primaryGoal === undefined ||
    communicationStyle === undefined ||
    supportType === undefined ||
    experienceLevel === undefined ||
    sessionLength === undefined ||
    contraindications === null
  ) {
    return null;
  }
  return {
    displayName: draft.displayName,
    onboarding: {
      currentFeeling,
      primaryGoal,
      challenges: draft.challenges,
      communicationStyle,
      supportType,
      preferredActivities: draft.preferredActivities,
      experienceLevel,
      sessionLength,
      contraindications,
    },
  };
}

export interface OnboardingFlowProps {
  /** Offered when adding another profile: leaves the flow without creating anything. */
  onCancel?: () => void;
  onCreated?: () => void;
}

/** The name, the eight onboarding questions and the breathing-safety question, one per screen. */
export function OnboardingFlow({ onCancel, onCreated }: OnboardingFlowProps) {
  const t = useT();
  const copy = t.onboarding;
  const ids = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const isFirstStep = useRef(true);
  const [step, setStep] = useState(NAME_STEP);
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const create = useCreateProfile();

  // Move focus to the new question so screen readers announce it; not on first render.
  useEffect(() => {
    if (isFirstStep.current) {
      isFirstStep.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [step]);

  const update = (patch: Partial<Draft>) => {
    setDraft((current) => ({ ...current, ...patch }));
  };

  const questions = onboardingQuestions(copy, draft, update);
  const safety = safetyQuestion(copy, draft.contraindications, (contraindications) => {
    update({ contraindications });
  });

  const question = step === SAFETY_STEP ? safety : questions[step - 1];
  const canContinue = question?.answered ?? true;

  function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    if (!canContinue) return;
    if (step < SAFETY_STEP) {
      setStep(step + 1);
      return;
    }
    const input = toNewProfile(draft);
    if (input === null || create.isPending) return;
    create.mutate(input, { onSuccess: onCreated });
  }

  const titleId = `${ids}-title`;
  const hintId = `${ids}-hint`;
  const nameId = `${ids}-name`;

  return (
    <main className={styles.page}>
      <form className={styles.card} onSubmit={onSubmit} noValidate>
        {onCancel !== undefined && (
          <Button variant="ghost" className={styles.cancel} onClick={onCancel}>
            {t.common.cancel}
          </Button>
        )}

        {step > NAME_STEP && (
          <div className={styles.progress}>
            <p>{step === SAFETY_STEP ? copy.lastStep : copy.progress(step, QUESTION_COUNT)}</p>
            <div className={styles.track} aria-hidden="true">
              <div
                className={styles.bar}
                style={{
                  width: `${String((Math.min(step, QUESTION_COUNT) / QUESTION_COUNT) * 100)}%`,
                }}
              />
            </div>
          </div>
        )}

        {question === undefined ? (
          <>
            <h1 ref={headingRef} tabIndex={-1} id={titleId} className={styles.title}>
              {onCancel === undefined ? copy.welcomeTitle : copy.addProfileTitle}
            </h1>
            <p id={hintId} className={styles.hint}>
              {copy.welcomeText}
            </p>
            <div className={styles.field}>
              <label htmlFor={nameId} className={styles.label}>
                {copy.nameLabel}
              </label>
              <input
                id={nameId}
                type="text"
                className={styles.input}
                autoComplete="given-name"
                placeholder={copy.nameHint}
                value={draft.displayName}
                onChange={(event) => {
                  update({ displayName: event.target.value });
                }}
              />
            </div>
          </>
        ) : (
          <>
            <h1 ref={headingRef} tabIndex={-1} id={titleId} className={styles.title}>
              {question.title}
            </h1>
            <p id={hintId} className={styles.hint}>
              {question.hint}
            </p>
            <ChoiceList
              labelledBy={titleId}
              describedBy={hintId}
              choices={question.choices}
              multiple={question.multiple}
            />
          </>
        )}

        <InlineError error={create.error} />
        {create.isPending && <p role="status">{copy.creating}</p>}

        <div className={styles.actions}>
          {step > NAME_STEP && (
            <Button
              onClick={() => {
                setStep(step - 1);
              }}
            >
              {copy.back}
            </Button>
          )}
          <Button type="submit" variant="primary" disabled={!canContinue} className={styles.next}>
            {step === SAFETY_STEP ? copy.finish : copy.next}
          </Button>
        </div>
      </form>
    </main>
  );
}
