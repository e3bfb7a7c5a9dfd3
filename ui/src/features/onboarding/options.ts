import type {
  Challenge,
  CommunicationStyle,
  Contraindication,
  CurrentFeeling,
  ExperienceLevel,
  PreferredActivity,
  PrimaryGoal,
  SessionLength,
  SupportType,
} from "../../lib/backend";

// The order options are offered in; their labels live in the i18n dictionaries.
export const CURRENT_FEELINGS: readonly CurrentFeeling[] = [
  "great",
  "good",
  "okay",
  "low",
  "struggling",
];
export const PRIMARY_GOALS: readonly PrimaryGoal[] = [
  "reduce_stress",
  "improve_sleep",
  "manage_anxiety",
  "build_habits",
  "process_emotions",
  "self_discovery",
];
export const CHALLENGES: readonly Challenge[] = [
  "stress",
  "anxiety",
  "sleep",
  "focus",
  "relationships",
  "work",
  "low_mood",
  "loneliness",
];
export const COMMUNICATION_STYLES: readonly CommunicationStyle[] = [
  "warm",
  "direct",
  "reflective",
  "structured",
];
export const SUPPORT_TYPES: readonly SupportType[] = [
  "listening",
  "guidance",
  "practical_tools",
  "encouragement",
];
export const PREFERRED_ACTIVITIES: readonly PreferredActivity[] = [
  "breathing",
  "meditation",
  "journaling",
  "mood_tracking",
  "conversation",
];
export const EXPERIENCE_LEVELS: readonly ExperienceLevel[] = ["beginner", "some", "experienced"];
export const SESSION_LENGTHS: readonly SessionLength[] = ["short", "medium", "long"];
export const CONTRAINDICATIONS: readonly Contraindication[] = [
  "heart_condition",
  "high_blood_pressure",
  "pregnancy",
  "epilepsy",
];
