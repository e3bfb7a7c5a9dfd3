import { useId, useState, type SubmitEvent } from "react";
import { Button } from "../../../../components/Button";
import { InlineError } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import type { Reminder, ReminderKind, Weekday } from "../../../../lib/backend";
import { REMINDER_KINDS, WEEK, shortDayNames } from "../../../reminders/format";
import { useSaveReminder } from "../../../reminders/hooks/queries";
import sectionStyles from "../../../../styles/settingsSection.module.css";
import styles from "./ReminderSettings.module.css";

export interface ReminderFormProps {
  profileId: string;
  locale: string;
  /** The reminder being changed; a new one (a check-in at 09:00, every day) without it. */
  initial?: Reminder;
  /** Saved or cancelled. */
  onDone: () => void;
}

/** A reminder's kind, time and days. The time and days are checked by the core, which words what is wrong. */
export function ReminderForm({ profileId, locale, initial, onDone }: ReminderFormProps) {
  const t = useT();
  const copy = t.reminders;
  const ids = useId();
  const [kind, setKind] = useState<ReminderKind>(initial?.kind ?? "checkin");
  const [time, setTime] = useState(initial?.time ?? "09:00");
  const [days, setDays] = useState<Weekday[]>(initial?.days ?? [...WEEK]);
  const [keepOneDay, setKeepOneDay] = useState(false);
  const save = useSaveReminder(profileId);
  const names = shortDayNames(locale);

  const toggle = (day: Weekday) => {
    if (days.includes(day)) {
      // The last day stays chosen: a reminder fires on at least one.
      if (days.length === 1) {
        setKeepOneDay(true);
        return;
      }
      setDays(days.filter((d) => d !== day));
    } else {
      setDays(WEEK.filter((d) => d === day || days.includes(d)));
    }
    setKeepOneDay(false);
  };

  function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    if (save.isPending) return;
    save.mutate(
      { id: initial?.id ?? null, kind, time, days, enabled: initial?.enabled ?? true },
      { onSuccess: onDone },
    );
  }

  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate>
      <div className={styles.fields}>
        <div className={sectionStyles.field}>
          <label htmlFor={`${ids}-kind`} className={sectionStyles.label}>
            {copy.kind}
          </label>
          <select
            id={`${ids}-kind`}
            className={sectionStyles.compactControl}
            value={kind}
            onChange={(event) => {
              setKind(REMINDER_KINDS.find((k) => k === event.target.value) ?? "checkin");
            }}
          >
            {REMINDER_KINDS.map((k) => (
              <option key={k} value={k}>
                {copy.kinds[k]}
              </option>
            ))}
          </select>
        </div>
        <div className={sectionStyles.field}>
          <label htmlFor={`${ids}-time`} className={sectionStyles.label}>
            {copy.time}
          </label>
          <input
            id={`${ids}-time`}
            type="time"
            className={sectionStyles.compactControl}
            value={time}
            onChange={(event) => {
              setTime(event.target.value);
            }}
          />
        </div>
      </div>
      <div className={sectionStyles.field}>
        <span id={`${ids}-days`} className={sectionStyles.label}>
          {copy.days}
        </span>
        <div role="group" aria-labelledby={`${ids}-days`} className={styles.days}>
          {WEEK.map((day) => (
            <button
              key={day}
              type="button"
              aria-pressed={days.includes(day)}
              className={styles.day}
              onClick={() => {
                toggle(day);
              }}
            >
              {names[day]}
            </button>
          ))}
        </div>
      </div>
      <InlineError error={keepOneDay ? copy.keepOneDay : null} />
      <InlineError error={save.error} />
      <div className={sectionStyles.actions}>
        <Button type="submit" variant="primary" aria-busy={save.isPending}>
          {save.isPending ? copy.saving : copy.save}
        </Button>
        <Button onClick={onDone}>{t.common.cancel}</Button>
      </div>
    </form>
  );
}
