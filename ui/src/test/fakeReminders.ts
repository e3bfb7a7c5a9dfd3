import {
  BackendError,
  type CoreNotice,
  type Reminder,
  type ReminderDue,
  type ReminderInput,
  type ReminderKind,
  type Weekday,
} from "../lib/backend";
import { isId, requireText } from "./validation";

/** The core's most reminders per profile. */
export const MAX_REMINDERS = 10;
/** The shell's longest notification title and text, in characters. */
const MAX_TITLE_CHARS = 100;
const MAX_BODY_CHARS = 300;

const WEEK: readonly Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const KINDS: readonly ReminderKind[] = ["checkin", "practice"];

/** The core's check of a time of day: exactly `HH:MM`, 00–23 and 00–59. */
function checkTime(time: string) {
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) {
    throw new BackendError("validation", "invalid_format", {
      subject: "reminder_time",
      value: time,
    });
  }
}

/** The CoreNotice a due reminder reaches the UI as: tagged `reminderDue`, the reminder's kind beside. */
export function reminderDueNotice(due: ReminderDue): CoreNotice {
  return { kind: "reminderDue", ...due };
}

/** Reminders for the fake backend, with the core's rules; and the notifications shown. */
export class FakeReminders {
  /** Every profile's reminders, oldest first. */
  readonly items: (Reminder & { profileId: string })[] = [];
  /** What `showNotification` was asked to show, in order. */
  readonly notifications: { title: string; body: string }[] = [];

  list(profileId: string): Reminder[] {
    return this.items.filter((r) => r.profileId === profileId).map((r) => this.copy(r));
  }

  /** The shell's and the core's checks of a reminder to save, in their order (before the profile's). */
  check(input: ReminderInput) {
    // What the shell could not read as a ReminderInput.
    const shapeOk =
      (input.id == null || isId(input.id)) &&
      KINDS.includes(input.kind) &&
      input.days.every((d) => WEEK.includes(d));
    if (!shapeOk) throw new BackendError("validation", "invalid_input", { value: "reminder" });
    checkTime(input.time);
    if (input.days.length === 0) {
      throw new BackendError("validation", "empty", { subject: "reminder_days" });
    }
  }

  save(profileId: string, input: ReminderInput): Reminder {
    // Stored as the core stores them: a set of days, read back Monday first.
    const days = WEEK.filter((d) => input.days.includes(d));
    if (input.id != null) {
      const saved = this.find(profileId, input.id);
      Object.assign(saved, { kind: input.kind, time: input.time, days, enabled: input.enabled });
      return this.copy(saved);
    }
    if (this.list(profileId).length >= MAX_REMINDERS) {
      throw new BackendError("validation", "too_many_reminders", { max: MAX_REMINDERS });
    }
    const reminder = {
      id: crypto.randomUUID(),
      profileId,
      kind: input.kind,
      time: input.time,
      days,
      enabled: input.enabled,
    };
    this.items.push(reminder);
    return this.copy(reminder);
  }

  delete(profileId: string, reminderId: string) {
    if (!isId(reminderId)) {
      throw new BackendError("validation", "invalid_format", {
        subject: "reminder",
        value: reminderId,
      });
    }
    const saved = this.find(profileId, reminderId);
    this.items.splice(this.items.indexOf(saved), 1);
  }

  /** Shows a notification as the shell does: both texts trimmed, not empty, and short enough. */
  show(title: string, body: string) {
    const shown = {
      title: requireText(title, "notification_text", MAX_TITLE_CHARS),
      body: requireText(body, "notification_text", MAX_BODY_CHARS),
    };
    this.notifications.push(shown);
  }

  private find(profileId: string, reminderId: string) {
    const saved = this.items.find((r) => r.id === reminderId && r.profileId === profileId);
    if (saved === undefined) {
      throw new BackendError("not_found", "not_found", { subject: "reminder", value: reminderId });
    }
    return saved;
  }

  private copy(saved: Reminder & { profileId: string }): Reminder {
    const { id, kind, time, days, enabled } = saved;
    return { id, kind, time, days: [...days], enabled };
  }
}
