// Progress and effectiveness for the fake backend, computed from its saved activities the way the
// core's progress.rs does it (the same rules, the same order), so the Progress page and the chat's
// "helped" proposals meet the answers the app would.
import type {
  ActivityProposal,
  Badge,
  BadgeCode,
  Effectiveness,
  MoodActivity,
  ProgressOverview,
  Settings,
  Streak,
  Technique,
  WeeklyGoal,
} from "../lib/backend";
import { MOOD_ACTIVITIES } from "../features/mood/emotions";
import { JOURNAL_CATEGORIES } from "../features/journaling/prompts";
import { parseDate } from "./fakeMood";

/** The core's streak milestones. */
export const MILESTONES = [7, 14, 30, 60, 90, 180, 365] as const;
const CALENDAR_DAYS = 365;
const MIN_COMPLETIONS = 3;
const RECOMMENDED_SCORE = 50;
const RECENT = 5;
const DAY_MS = 86_400_000;
const BADGES: readonly BadgeCode[] = [
  "first_breath",
  "first_meditation",
  "first_journal",
  "first_wim_hof",
  "first_week",
  "ten_breaths",
  "ten_meditations",
  "ten_entries",
  "month_streak",
  "series_completed",
];

/** One saved activity as the core's progress reads it. */
export interface Done {
  activity: MoodActivity;
  /** Technique, kind of practice, or journal category (`free` without one). */
  kind: string;
  /** Its calendar day where the person was, `YYYY-MM-DD`. */
  day: string | null;
  completed: boolean;
  before: number | null;
  after: number | null;
  /** When it started, ms since the epoch (the order). */
  at: number;
}

/** The calendar day a start time was written in (its own offset), as the core stores it. */
export function dayWritten(time: string): string | null {
  return /^(\d{4}-\d{2}-\d{2})T/.exec(time.trim())?.[1] ?? null;
}

const text = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Oldest first, as the core's query orders them (start time, then activity). */
function ordered(done: Done[]): Done[] {
  return [...done].sort(
    (a, b) => a.at - b.at || (a.activity < b.activity ? -1 : a.activity > b.activity ? 1 : 0),
  );
}

/** Effectiveness per kind of activity, best score first (ties in the core's key order). */
export function effectiveness(all: Done[]): Effectiveness[] {
  const groups = new Map<string, Done[]>();
  for (const d of ordered(all)) {
    const key = `${String(MOOD_ACTIVITIES.indexOf(d.activity))}\u0000${d.kind}`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  const keys = [...groups.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out = keys.map((key): Effectiveness => {
    const sessions = groups.get(key) ?? [];
    const first = sessions[0];
    const moved = sessions.flatMap((d) =>
      d.before === null || d.after === null ? [] : [Math.sign(d.after - d.before)],
    );
    const recent = moved.slice(Math.max(0, moved.length - RECENT));
    const started = sessions.length;
    const completed = sessions.filter((d) => d.completed).length;
    const improved = moved.filter((m) => m > 0).length;
    const raw =
      started === 0
        ? 0
        : 40 * (completed / started) +
          40 * (moved.length === 0 ? 0 : improved / moved.length) +
          20 * Math.min(completed / 10, 1);
    const score = Math.round(raw * 10) / 10;
    return {
      activity: first?.activity ?? "breathing",
      kind: first?.kind ?? "",
      started,
      completed,
      improved,
      same: moved.filter((m) => m === 0).length,
      declined: moved.filter((m) => m < 0).length,
      score,
      recommended: score >= RECOMMENDED_SCORE && completed >= MIN_COMPLETIONS,
      recentImproved: recent.filter((m) => m > 0).length,
      recentRated: recent.length,
    };
  });
  return out.sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
}

/** Runs of consecutive days as [first day (ms), length], oldest first. */
function runs(days: number[]): [number, number][] {
  const out: [number, number][] = [];
  let previous: number | null = null;
  for (const day of days) {
    const last = out[out.length - 1];
    if (previous !== null && last !== undefined && previous + DAY_MS === day) last[1] += 1;
    else out.push([day, 1]);
    previous = day;
  }
  return out;
}

function streak(days: number[], today: number): Streak {
  const all = runs(days);
  const last = all[all.length - 1];
  // Current while the last run reaches yesterday or later.
  const current = last !== undefined && last[0] + last[1] * DAY_MS >= today ? last[1] : 0;
  return {
    current,
    longest: Math.max(0, ...all.map(([, len]) => len)),
    activeToday: days.includes(today),
    milestone: [...MILESTONES].reverse().find((m) => current >= m) ?? null,
    nextMilestone: MILESTONES.find((m) => current < m) ?? null,
  };
}

function weeklyGoal(days: number[], today: number, goalDays: number): WeeklyGoal {
  // Day 0 of the epoch was a Thursday: Monday-first, it is day 3.
  const monday = today - ((((Math.round(today / DAY_MS) + 3) % 7) + 7) % 7) * DAY_MS;
  const week = Array.from({ length: 7 }, (_, i) => days.includes(monday + i * DAY_MS));
  return {
    weekStart: text(monday),
    goalDays,
    activeDays: week.filter(Boolean).length,
    days: week,
  };
}

function badges(done: Done[], days: number[], seriesCompleted: string[]): Badge[] {
  const all = runs(days);
  const nth = (n: number, pick: (d: Done) => boolean): [number, string | null] => {
    const matching = done.filter((d) => d.completed && pick(d));
    return [matching.length, matching[n - 1]?.day ?? null];
  };
  const streakDay = (n: number): [number, string | null] => {
    const run = all.find(([, len]) => len >= n);
    return [
      Math.max(0, ...all.map(([, len]) => len)),
      run === undefined ? null : text(run[0] + (n - 1) * DAY_MS),
    ];
  };
  const of = (activity: MoodActivity) => (d: Done) => d.activity === activity;
  const rules: Record<BadgeCode, [number, [number, string | null]]> = {
    first_breath: [1, nth(1, of("breathing"))],
    first_meditation: [1, nth(1, of("meditation"))],
    first_journal: [1, nth(1, of("journaling"))],
    first_wim_hof: [1, nth(1, (d) => d.kind === "wim_hof")],
    first_week: [7, streakDay(7)],
    ten_breaths: [10, nth(10, of("breathing"))],
    ten_meditations: [10, nth(10, of("meditation"))],
    ten_entries: [10, nth(10, of("journaling"))],
    month_streak: [30, streakDay(30)],
    // Earned the day the first series was completed (its last day).
    series_completed: [1, [seriesCompleted.length, [...seriesCompleted].sort()[0] ?? null]],
  };
  return BADGES.map((code) => {
    const [target, [progress, earnedOn]] = rules[code];
    return { code, earnedOn, progress: Math.min(progress, target), target };
  });
}

/**
 * The core's Progress page for `today`; an invalid day is refused with the core's error.
 * `seriesCompleted`: the day each meditation series done was completed.
 */
export function progress(
  all: Done[],
  rawToday: string,
  settings: Settings,
  seriesCompleted: string[] = [],
): ProgressOverview {
  const today = parseDate(rawToday);
  const done = ordered(all);
  const days = [
    ...new Set(done.flatMap((d) => (d.completed && d.day !== null ? [parseDate(d.day)] : []))),
  ].sort((a, b) => a - b);
  const from = today - (CALENDAR_DAYS - 1) * DAY_MS;
  return {
    today: text(today),
    streak: settings.streaksOn ? streak(days, today) : null,
    weeklyGoal: weeklyGoal(days, today, settings.weeklyGoalDays),
    badges: settings.badgesOn ? badges(done, days, seriesCompleted) : null,
    activeDays: days.filter((d) => d >= from && d <= today).map(text),
    totals: MOOD_ACTIVITIES.map((activity) => ({
      activity,
      completed: done.filter((d) => d.activity === activity && d.completed).length,
    })),
  };
}

/** The techniques a proposal may name (not Wim Hof, behind its gate, nor a custom pattern). */
const PRESETS: readonly Technique[] = ["box", "relaxing_478", "coherent", "deep_calm"];

/**
 * The core's choice of what helped the person most (recommended, best first) over the usual proposal
 * of the same activity; Wim Hof and custom patterns are never proposed.
 */
export function withHistory(
  proposal: ActivityProposal | null,
  helped: Effectiveness[],
): ActivityProposal | null {
  if (proposal === null) return null;
  for (const e of helped) {
    if (!e.recommended || e.activity !== proposal.suggestion.kind) continue;
    let suggestion = proposal.suggestion;
    if (suggestion.kind === "breathing") {
      const technique = PRESETS.find((t) => t === e.kind);
      if (technique === undefined) continue;
      suggestion = { kind: "breathing", technique };
    } else if (suggestion.kind === "journaling") {
      const category = JOURNAL_CATEGORIES.find((c) => c === e.kind);
      if (category === undefined) continue;
      suggestion = { kind: "journaling", category, prompt: "" };
    }
    return {
      ...proposal,
      suggestion,
      reason: "helped",
      evidence: { improved: e.recentImproved, rated: e.recentRated },
    };
  }
  return proposal;
}
