import {
  BackendError,
  type Checkin,
  type DayRange,
  type Emotion,
  type Moment,
  type MoodActivity,
  type MoodChange,
  type MoodDay,
  type MoodTrend,
  type NewCheckin,
  type Page,
  type Subject,
} from "../lib/backend";
import { EMOTIONS, MOOD_ACTIVITIES } from "../features/mood/emotions";
import { isId, pageLimit } from "./validation";

/** The core's longest check-in note, in characters. */
const MAX_NOTE_CHARS = 1_000;
/** The core's largest page of check-ins. */
const MAX_PAGE = 200;
/** The core's longest trend, in days. */
const MAX_TREND_DAYS = 366;
const DAY_MS = 86_400_000;

/** The core's check of an optional 1–5 mood; `subject` names which one. */
export function checkMood(mood: number | null | undefined, subject: Subject) {
  if (mood == null) return;
  if (!Number.isInteger(mood) || mood < 1 || mood > 5) {
    throw new BackendError("validation", "out_of_range", { subject, min: 1, max: 5, actual: mood });
  }
}

/** A `YYYY-MM-DD` day as the UTC instant of its midnight; the core's error otherwise. */
export function parseDate(raw: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw.trim());
  if (match !== null) {
    const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const at = Date.UTC(y, m - 1, d);
    const back = new Date(at);
    if (back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d) {
      return at;
    }
  }
  throw new BackendError("validation", "invalid_format", { subject: "date", value: raw });
}

/** A checked day range: the stored instants that bound it and the calendar day of an instant. */
export interface Days {
  /** The first instant of `from` and the first instant after `to`, in ms since the epoch. */
  start: number;
  end: number;
  /** Every day of the range, `YYYY-MM-DD`, in order. */
  dates: string[];
  /** The person's calendar day of a stored time. */
  dayOf: (iso: string) => string;
}

/** The core's DayRange check (the same errors, in the same order) and its bounds. */
export function checkedDays(range: DayRange, maxDays: number): Days {
  const from = parseDate(range.from);
  const to = parseDate(range.to);
  if (to < from) {
    throw new BackendError("validation", "end_before_start", { subject: "date_range" });
  }
  const count = Math.round((to - from) / DAY_MS) + 1;
  if (count > maxDays) {
    throw new BackendError("validation", "out_of_range", {
      subject: "date_range",
      min: 1,
      max: maxDays,
      actual: count,
    });
  }
  const minutes = range.utcOffsetMinutes;
  if (minutes < -840 || minutes > 840) {
    throw new BackendError("validation", "out_of_range", {
      subject: "utc_offset",
      min: -840,
      max: 840,
      actual: minutes,
    });
  }
  const offsetMs = minutes * 60_000;
  const day = (at: number) => new Date(at).toISOString().slice(0, 10);
  return {
    start: from - offsetMs,
    end: to + DAY_MS - offsetMs,
    dates: Array.from({ length: count }, (_, i) => day(from + i * DAY_MS)),
    dayOf: (iso) => day(Date.parse(iso) + offsetMs),
  };
}

/** Newest first, as the core lists (created_at, then id, descending). */
function newestFirst(a: Checkin, b: Checkin) {
  return Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id.localeCompare(a.id);
}

/** An activity done in a range, for the trend: its kind, its id and when it ended. */
export interface ActivityDone {
  activity: MoodActivity;
  id: string;
  at: string;
}

/**
 * Mood check-ins for the fake backend, with the core's rules: one list of every mood (standalone, and
 * before/after activities, which the activities' saves add), validation, paging and the trend on the
 * person's calendar days.
 */
export class FakeMood {
  /** Every profile's check-ins, newest first. */
  readonly checkins: Checkin[] = [];
  readonly owner = new Map<string, string>();
  /** Every trend asked for, in order. */
  readonly trends: DayRange[] = [];

  constructor(private readonly requireProfile: (profileId: string) => void) {}

  private insert(profileId: string, checkin: Checkin) {
    this.checkins.push(checkin);
    this.checkins.sort(newestFirst);
    this.owner.set(checkin.id, profileId);
  }

  add(profileId: string, input: NewCheckin): Checkin {
    if (!Number.isInteger(input.mood) || input.mood < 1 || input.mood > 5) {
      throw new BackendError("validation", "out_of_range", {
        subject: "mood",
        min: 1,
        max: 5,
        actual: input.mood,
      });
    }
    const given = new Set<Emotion>();
    for (const raw of input.emotions ?? []) {
      const emotion = EMOTIONS.find((e) => e === raw.trim());
      if (emotion === undefined) {
        throw new BackendError("validation", "invalid_value", {
          subject: "emotion",
          value: raw,
          expected: [...EMOTIONS],
        });
      }
      given.add(emotion);
    }
    const note = (input.note ?? "").trim();
    if (note.includes("\0")) {
      throw new BackendError("validation", "invalid_characters", { subject: "checkin_note" });
    }
    const chars = Array.from(note).length;
    if (chars > MAX_NOTE_CHARS) {
      throw new BackendError("validation", "too_long", {
        subject: "checkin_note",
        max: MAX_NOTE_CHARS,
        actual: chars,
      });
    }
    let createdAt = new Date().toISOString();
    if (input.at != null) {
      const at = Date.parse(input.at.trim());
      if (Number.isNaN(at) || at > Date.now() + 60_000) {
        throw new BackendError("validation", "invalid_time", {
          subject: "checkin_time",
          value: input.at,
        });
      }
      createdAt = new Date(at).toISOString();
    }
    this.requireProfile(profileId);
    const checkin: Checkin = {
      id: crypto.randomUUID(),
      mood: input.mood,
      emotions: EMOTIONS.filter((e) => given.has(e)),
      note,
      activity: null,
      activityId: null,
      moment: null,
      createdAt,
    };
    this.insert(profileId, checkin);
    return checkin;
  }

  /** Saves the moods given around an activity, as the activity's save does in the core. */
  saveActivityMoods(
    profileId: string,
    activity: MoodActivity,
    activityId: string,
    before: { mood: number; at: string } | null,
    after: { mood: number; at: string } | null,
  ) {
    for (const [moment, given] of [
      ["before", before],
      ["after", after],
    ] as const) {
      if (given === null) continue;
      const existing = this.checkins.find(
        (c) => c.activityId === activityId && c.moment === moment,
      );
      if (existing !== undefined) {
        existing.mood = given.mood;
        continue;
      }
      this.insert(profileId, {
        id: crypto.randomUUID(),
        mood: given.mood,
        emotions: [],
        note: "",
        activity,
        activityId,
        moment,
        createdAt: new Date(Date.parse(given.at)).toISOString(),
      });
    }
  }

  /** An activity's mood before or after, as the core reads it from the check-ins. */
  moodOf(activityId: string, moment: Moment): number | null {
    return (
      this.checkins.find((c) => c.activityId === activityId && c.moment === moment)?.mood ?? null
    );
  }

  /** Drops the moods of a deleted activity. */
  forgetActivity(activityId: string) {
    for (let i = this.checkins.length - 1; i >= 0; i--) {
      const checkin = this.checkins[i];
      if (checkin?.activityId === activityId) {
        this.checkins.splice(i, 1);
        this.owner.delete(checkin.id);
      }
    }
  }

  list(profileId: string, { limit, offset }: Page): Checkin[] {
    this.requireProfile(profileId);
    const size = pageLimit(limit, 50, MAX_PAGE);
    return this.checkins
      .filter((c) => this.owner.get(c.id) === profileId)
      .slice(offset, offset + size);
  }

  /** Deletes a check-in and returns it (the backend clears the mood of its activity). */
  delete(profileId: string, checkinId: string): Checkin {
    if (!isId(checkinId)) {
      throw new BackendError("validation", "invalid_format", {
        subject: "mood_checkin",
        value: checkinId,
      });
    }
    this.requireProfile(profileId);
    const index = this.checkins.findIndex(
      (c) => c.id === checkinId.trim().toLowerCase() && this.owner.get(c.id) === profileId,
    );
    const checkin = this.checkins[index];
    if (checkin === undefined) {
      throw new BackendError("not_found", "not_found", {
        subject: "mood_checkin",
        value: checkinId,
      });
    }
    this.checkins.splice(index, 1);
    this.owner.delete(checkin.id);
    return checkin;
  }

  /** The core's trend: each day's moods (every kind), the activities of each day, and the changes. */
  trend(profileId: string, range: DayRange, activities: ActivityDone[]): MoodTrend {
    this.trends.push(range);
    const days = checkedDays(range, MAX_TREND_DAYS);
    this.requireProfile(profileId);
    const inRange = (iso: string) => {
      const at = Date.parse(iso);
      return at >= days.start && at < days.end;
    };
    const byDay = new Map<string, MoodDay>(
      days.dates.map((date) => [
        date,
        { date, checkins: 0, average: null, lowest: null, highest: null, activities: [] },
      ]),
    );
    const sums = new Map<string, number>();
    for (const checkin of this.checkins) {
      if (this.owner.get(checkin.id) !== profileId || !inRange(checkin.createdAt)) continue;
      const date = days.dayOf(checkin.createdAt);
      const day = byDay.get(date);
      if (day === undefined) continue;
      const sum = (sums.get(date) ?? 0) + checkin.mood;
      sums.set(date, sum);
      day.checkins += 1;
      day.average = sum / day.checkins;
      day.lowest = Math.min(day.lowest ?? checkin.mood, checkin.mood);
      day.highest = Math.max(day.highest ?? checkin.mood, checkin.mood);
    }
    const changes: MoodChange[] = [];
    for (const activity of MOOD_ACTIVITIES) {
      const change: MoodChange = {
        activity,
        rated: 0,
        improved: 0,
        same: 0,
        declined: 0,
        averageChange: 0,
      };
      let total = 0;
      for (const done of activities) {
        if (done.activity !== activity || !inRange(done.at)) continue;
        const day = byDay.get(days.dayOf(done.at));
        if (day !== undefined) {
          const count = day.activities.find((a) => a.activity === activity);
          if (count === undefined) day.activities.push({ activity, count: 1 });
          else count.count += 1;
        }
        const before = this.moodOf(done.id, "before");
        const after = this.moodOf(done.id, "after");
        if (before === null || after === null) continue;
        const delta = after - before;
        change.rated += 1;
        total += delta;
        if (delta > 0) change.improved += 1;
        else if (delta === 0) change.same += 1;
        else change.declined += 1;
      }
      if (change.rated > 0) {
        change.averageChange = total / change.rated;
        changes.push(change);
      }
    }
    return { days: [...byDay.values()], changes };
  }
}
