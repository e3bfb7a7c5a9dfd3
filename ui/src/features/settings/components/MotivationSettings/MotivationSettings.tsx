import { useId } from "react";
import { InlineError } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import { useSetting } from "../../hooks/useSetting";
import { SettingSwitch } from "../SettingSwitch";
import sectionStyles from "../../../../styles/settingsSection.module.css";

/** The weekly goals the core accepts: 1 to 7 active days in a Monday-first week. */
export const WEEKLY_GOAL_DAYS: readonly number[] = [1, 2, 3, 4, 5, 6, 7];

/** Settings → Motivation: streaks and badges on or off, and the weekly goal. */
export function MotivationSettings() {
  const t = useT();
  const copy = t.settings.motivation;
  const titleId = useId();
  const goalId = useId();
  const goal = useSetting("weeklyGoalDays");

  return (
    <section className={sectionStyles.section} aria-labelledby={titleId}>
      <h2 id={titleId} className={sectionStyles.title}>
        {copy.title}
      </h2>
      <p className={sectionStyles.muted}>{copy.intro}</p>
      <SettingSwitch field="streaksOn" label={copy.streaks} hint={copy.streaksHint} />
      <SettingSwitch field="badgesOn" label={copy.badges} hint={copy.badgesHint} />
      <div className={sectionStyles.selectField}>
        <label htmlFor={goalId} className={sectionStyles.label}>
          {copy.weeklyGoal}
        </label>
        <p id={`${goalId}-hint`} className={sectionStyles.muted}>
          {copy.weeklyGoalHint}
        </p>
        {/* Only the days the core accepts can be chosen. */}
        <select
          id={goalId}
          className={sectionStyles.select}
          aria-describedby={`${goalId}-hint`}
          value={goal.value}
          onChange={(event) => {
            goal.save(Number(event.target.value));
          }}
        >
          {WEEKLY_GOAL_DAYS.map((days) => (
            <option key={days} value={days}>
              {copy.weeklyGoalDays(days)}
            </option>
          ))}
        </select>
        <InlineError error={goal.error} />
      </div>
    </section>
  );
}
