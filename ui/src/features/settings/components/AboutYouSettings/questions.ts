import type { Messages } from "../../../../i18n";
import type { OnboardingAnswers } from "../../../../lib/backend";
import type { Choice } from "../../../onboarding/components/ChoiceList";
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
} from "../../../onboarding/options";

/** One onboarding question as the About you form shows it. */
export interface AnswerQuestion {
  key: keyof OnboardingAnswers;
  title: string;
  hint: string;
  multiple: boolean;
  choices: Choice[];
}

type Copy<T extends string> = { title: string; hint: string; options: Record<T, string> };
type Change = (patch: Partial<OnboardingAnswers>) => void;

function single<T extends string>(
  key: keyof OnboardingAnswers,
  copy: Copy<T>,
  values: readonly T[],
  selected: T,
  select: (value: T) => void,
): AnswerQuestion {
  return {
    key,
    title: copy.title,
    hint: copy.hint,
    multiple: false,
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
): AnswerQuestion {
  return {
    key,
    title: copy.title,
    hint: copy.hint,
    multiple: true,
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
export function answerQuestions(
  copy: Messages["onboarding"],
  answers: OnboardingAnswers,
  change: Change,
): AnswerQuestion[] {
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

/** The Wim Hof safety question: the conditions, and "None of these" (no condition ticked). */
export function safetyQuestion(
  copy: Messages["onboarding"],
  answers: OnboardingAnswers,
  change: Change,
): AnswerQuestion {
  const question = multi(
    "contraindications",
    copy.contraindications,
    CONTRAINDICATIONS,
    answers.contraindications,
    (contraindications) => {
      change({ contraindications });
    },
  );
  question.choices.push({
    key: "none",
    label: copy.contraindications.none,
    pressed: answers.contraindications.length === 0,
    onPress: () => {
      change({ contraindications: [] });
    },
  });
  return question;
}
