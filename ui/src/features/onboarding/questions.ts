import type { Messages } from "../../i18n";
import type { Contraindication, OnboardingAnswers } from "../../lib/backend";
import type { Choice } from "./components/ChoiceList";
import {
  CHALLENGES,
  COMMUNICATION_STYLES,
  CONTRAINDICATIONS,
  CURRENT_FEELINGS,
  EXPERIENCE_LEVELS,
  PREFERRED_ACTIVITIES,
  PRIMARY_GOALS,
  SESSION_LENGTHS,
  SUPPORT_TYPES,
} from "./options";

/** One onboarding question, as the onboarding flow and Settings → About you show it. */
export interface OnboardingQuestion {
  key: keyof OnboardingAnswers;
  title: string;
  hint: string;
  multiple: boolean;
  /** Whether it has an answer yet; a multi-select has one even with nothing ticked. */
  answered: boolean;
  choices: Choice[];
}

type MultiKey = "challenges" | "preferredActivities";

/**
 * The answers to the eight questions so far: a single choice is undefined until it is picked (only
 * in the onboarding flow; saved answers have them all).
 */
export type QuestionAnswers = Partial<Omit<OnboardingAnswers, MultiKey | "contraindications">> &
  Pick<OnboardingAnswers, MultiKey>;

type Copy<T extends string> = { title: string; hint: string; options: Record<T, string> };
type Change = (patch: Partial<OnboardingAnswers>) => void;

function single<T extends string>(
  key: keyof OnboardingAnswers,
  copy: Copy<T>,
  values: readonly T[],
  selected: T | undefined,
  select: (value: T) => void,
): OnboardingQuestion {
  return {
    key,
    title: copy.title,
    hint: copy.hint,
    multiple: false,
    answered: selected !== undefined,
    choices: values.map((value) => ({
      key: value,
      label: copy.options[value],
      pressed: value === selected,
      onPress: () => {
        select(value);
      },
    })),
  };
}

function toggled<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

function multi<T extends string>(
  key: keyof OnboardingAnswers,
  copy: Copy<T>,
  values: readonly T[],
  selected: readonly T[],
  change: (values: T[]) => void,
): OnboardingQuestion {
  return {
    key,
    title: copy.title,
    hint: copy.hint,
    multiple: true,
    answered: true,
    choices: values.map((value) => ({
      key: value,
      label: copy.options[value],
      pressed: selected.includes(value),
      onPress: () => {
        // Kept in the offered order, whatever order they were ticked in.
        const next = toggled(selected, value);
        change(values.filter((v) => next.includes(v)));
      },
    })),
  };
}

/** The eight onboarding questions, answered as in `answers`, in onboarding's order. */
export function onboardingQuestions(
  copy: Messages["onboarding"],
  answers: QuestionAnswers,
  change: Change,
): OnboardingQuestion[] {
  return [
    single("currentFeeling", copy.currentFeeling, CURRENT_FEELINGS, answers.currentFeeling, (v) => {
      change({ currentFeeling: v });
    }),
    single("primaryGoal", copy.primaryGoal, PRIMARY_GOALS, answers.primaryGoal, (v) => {
      change({ primaryGoal: v });
    }),
    multi("challenges", copy.challenges, CHALLENGES, answers.challenges, (v) => {
      change({ challenges: v });
    }),
    single(
      "communicationStyle",
      copy.communicationStyle,
      COMMUNICATION_STYLES,
      answers.communicationStyle,
      (v) => {
        change({ communicationStyle: v });
      },
    ),
    single("supportType", copy.supportType, SUPPORT_TYPES, answers.supportType, (v) => {
      change({ supportType: v });
    }),
    multi(
      "preferredActivities",
      copy.preferredActivities,
      PREFERRED_ACTIVITIES,
      answers.preferredActivities,
      (v) => {
        change({ preferredActivities: v });
      },
    ),
    single(
      "experienceLevel",
      copy.experienceLevel,
      EXPERIENCE_LEVELS,
      answers.experienceLevel,
      (v) => {
        change({ experienceLevel: v });
      },
    ),
    single("sessionLength", copy.sessionLength, SESSION_LENGTHS, answers.sessionLength, (v) => {
      change({ sessionLength: v });
    }),
  ];
}

/**
 * The Wim Hof safety question: the conditions, and "None of these" (no condition ticked), answered
 * as in `selected` (null: not answered yet). "None of these" changes the answer to `[]`; unticking
 * the last condition is not the same as answering "None of these", so it changes it to null.
 */
export function safetyQuestion(
  copy: Messages["onboarding"],
  selected: readonly Contraindication[] | null,
  change: (contraindications: Contraindication[] | null) => void,
): OnboardingQuestion {
  const question = multi(
    "contraindications",
    copy.contraindications,
    CONTRAINDICATIONS,
    selected ?? [],
    (contraindications) => {
      change(contraindications.length === 0 ? null : contraindications);
    },
  );
  question.answered = selected !== null;
  question.choices.push({
    key: "none",
    label: copy.contraindications.none,
    pressed: selected?.length === 0,
    onPress: () => {
      change([]);
    },
  });
  return question;
}
