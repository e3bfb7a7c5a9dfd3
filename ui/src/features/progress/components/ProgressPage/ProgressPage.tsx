import { ErrorState, Loading } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import type { ProgressOverview } from "../../../../lib/backend";
import { localDay } from "../../../../lib/days";
import { useProgress } from "../../hooks/queries";
import { ActivityCalendar } from "../ActivityCalendar";
import { ActivityTotals } from "../ActivityTotals";
import { BadgeGrid } from "../BadgeGrid";
import { StreakDisplay } from "../StreakDisplay";
import { WeeklyGoals } from "../WeeklyGoals";
import { WhatHelps } from "../WhatHelps";
import pageStyles from "../../../../styles/page.module.css";

export interface ProgressPageProps {
  profileId: string;
  locale: string;
}

/** Which motivation parts the person turned off, if any. */
function turnedOff({ streak, badges }: ProgressOverview) {
  if (streak === null) return badges === null ? "both" : "streaks";
  return badges === null ? "badges" : null;
}

/**
 * The Progress section: the streak and its milestones, this week's goal, badges, a calendar of active
 * days, totals, and what helps the person most. Streaks and badges show only when they are on.
 */
export function ProgressPage({ profileId, locale }: ProgressPageProps) {
  const t = useT();
  // The person's own calendar day: the core counts days where the person is.
  const today = localDay();
  const progress = useProgress(profileId, today);

  const content = (() => {
    if (progress.isPending) return <Loading />;
    if (progress.isError) {
      return <ErrorState error={progress.error} onRetry={() => void progress.refetch()} />;
    }
    const overview = progress.data;
    const empty =
      overview.activeDays.length === 0 && overview.totals.every((total) => total.completed === 0);
    const off = turnedOff(overview);
    return (
      <>
        {empty ? <p className={pageStyles.empty}>{t.progress.empty}</p> : null}
        {overview.streak !== null && !empty ? <StreakDisplay streak={overview.streak} /> : null}
        <WeeklyGoals goal={overview.weeklyGoal} locale={locale} />
        {overview.badges !== null ? <BadgeGrid badges={overview.badges} locale={locale} /> : null}
        {off !== null ? <p className={pageStyles.muted}>{t.progress.turnedOff[off]}</p> : null}
        {empty ? null : (
          <>
            <ActivityCalendar
              activeDays={overview.activeDays}
              today={overview.today}
              locale={locale}
            />
            <ActivityTotals totals={overview.totals} locale={locale} />
            <WhatHelps profileId={profileId} locale={locale} />
          </>
        )}
      </>
    );
  })();

  return (
    <div className={pageStyles.page}>
      <header className={pageStyles.header}>
        <h1 className={pageStyles.title}>{t.progress.title}</h1>
        <p className={pageStyles.muted}>{t.progress.intro}</p>
      </header>
      {content}
    </div>
  );
}
