import { lazy, Suspense, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { ErrorState, Loading } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import type { MoodChange, MoodDay } from "../../../../lib/backend";
import { formatDay, lastDays, TREND_PERIODS, type TrendPeriod } from "../../../../lib/days";
import { average, signed } from "../../format";
import { useMoodTrend } from "../../hooks/queries";
import styles from "./MoodTrends.module.css";

// The charting library is most of a chart's weight: it loads with the first chart, not with the app.
const MoodTrendChart = lazy(() =>
  import("../MoodTrendChart").then((m) => ({ default: m.MoodTrendChart })),
);

const PERIODS = Object.keys(TREND_PERIODS) as TrendPeriod[];

export interface MoodTrendsProps {
  profileId: string;
  locale: string;
}

/** Mood over the last 7 days, 30 days or 12 weeks (tabs): the chart, its table, and the changes. */
export function MoodTrends({ profileId, locale }: MoodTrendsProps) {
  const t = useT();
  const id = useId();
  const [period, setPeriod] = useState<TrendPeriod>("week");
  const range = useMemo(() => lastDays(TREND_PERIODS[period]), [period]);
  const trend = useMoodTrend(profileId, range);
  const tabs = useRef(new Map<TrendPeriod, HTMLButtonElement>());

  // Arrow keys move between the tabs (and choose), as the ARIA tabs pattern has it.
  const onKeyDown = (event: KeyboardEvent) => {
    const step =
      event.key === "ArrowRight"
        ? 1
        : event.key === "ArrowLeft"
          ? -1
          : event.key === "Home"
            ? 0
            : null;
    const last = event.key === "End";
    if (step === null && !last) return;
    event.preventDefault();
    const index = PERIODS.indexOf(period);
    const next = last
      ? PERIODS.length - 1
      : step === 0
        ? 0
        : (index + (step ?? 0) + PERIODS.length) % PERIODS.length;
    const chosen = PERIODS[next] ?? period;
    setPeriod(chosen);
    tabs.current.get(chosen)?.focus();
  };

  const panel = (() => {
    if (trend.isPending) return <Loading />;
    if (trend.isError) {
      return <ErrorState error={trend.error} onRetry={() => void trend.refetch()} />;
    }
    const periodName = t.mood.periods[period];
    const recorded = trend.data.days.filter((d) => d.checkins > 0 || d.activities.length > 0);
    return (
      <>
        {recorded.length === 0 ? (
          <p className={styles.muted}>{t.mood.trendEmpty}</p>
        ) : (
          <>
            <Suspense fallback={<div className={styles.chartSpace} />}>
              <MoodTrendChart
                days={trend.data.days}
                locale={locale}
                title={t.mood.chartTitle(periodName)}
              />
            </Suspense>
            <TrendTable days={recorded} locale={locale} caption={t.mood.tableCaption(periodName)} />
          </>
        )}
        <Changes changes={trend.data.changes} locale={locale} />
      </>
    );
  })();

  return (
    <section aria-labelledby={`${id}-title`} className={styles.trends}>
      <h2 id={`${id}-title`} className={styles.title}>
        {t.mood.trendsTitle}
      </h2>
      <div role="tablist" aria-label={t.mood.periodLabel} className={styles.tabs}>
        {PERIODS.map((p) => (
          <button
            key={p}
            ref={(node) => {
              if (node === null) tabs.current.delete(p);
              else tabs.current.set(p, node);
            }}
            id={`${id}-tab-${p}`}
            type="button"
            role="tab"
            aria-selected={p === period}
            aria-controls={`${id}-panel`}
            tabIndex={p === period ? 0 : -1}
            className={styles.tab}
            onClick={() => {
              setPeriod(p);
            }}
            onKeyDown={onKeyDown}
          >
            {t.mood.periods[p]}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${id}-panel`}
        aria-labelledby={`${id}-tab-${period}`}
        aria-busy={trend.isPlaceholderData}
        className={styles.panel}
      >
        {panel}
      </div>
    </section>
  );
}

/** The chart's text alternative: one row per day with something recorded. Hidden unless asked for. */
function TrendTable({
  days,
  locale,
  caption,
}: {
  days: MoodDay[];
  locale: string;
  caption: string;
}) {
  const t = useT();
  const id = useId();
  const [shown, setShown] = useState(false);
  const value = (n: number | null) => (n === null ? t.mood.noValue : average(n, locale));
  return (
    <div className={styles.tableBlock}>
      <button
        type="button"
        className={styles.toggle}
        aria-expanded={shown}
        aria-controls={id}
        onClick={() => {
          setShown(!shown);
        }}
      >
        {shown ? t.mood.hideTable : t.mood.showTable}
      </button>
      <div id={id} className={shown ? styles.tableWrap : "visually-hidden"}>
        <table className={styles.table} aria-describedby={`${id}-note`}>
          <caption className={styles.caption}>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.mood.columns.date}</th>
              <th scope="col">{t.mood.columns.average}</th>
              <th scope="col">{t.mood.columns.lowest}</th>
              <th scope="col">{t.mood.columns.highest}</th>
              <th scope="col">{t.mood.columns.activities}</th>
            </tr>
          </thead>
          <tbody>
            {days.map((day) => (
              <tr key={day.date}>
                <th scope="row">
                  {formatDay(day.date, locale, {
                    weekday: "short",
                    month: "short",
                    day: "numeric",
                  })}
                </th>
                <td>{value(day.average)}</td>
                <td>{value(day.lowest)}</td>
                <td>{value(day.highest)}</td>
                <td>
                  {day.activities.length === 0
                    ? t.mood.noValue
                    : day.activities
                        .map((a) => t.mood.activityCount(t.mood.activities[a.activity], a.count))
                        .join(", ")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p id={`${id}-note`} className={styles.note}>
          {t.mood.tableNote}
        </p>
      </div>
    </div>
  );
}

/** How mood moved around each kind of activity in the period. */
function Changes({ changes, locale }: { changes: MoodChange[]; locale: string }) {
  const t = useT();
  const id = useId();
  return (
    <section aria-labelledby={id} className={styles.changes}>
      <h3 id={id} className={styles.subtitle}>
        {t.mood.changesTitle}
      </h3>
      {changes.length === 0 ? (
        <p className={styles.muted}>{t.mood.changesEmpty}</p>
      ) : (
        <ul className={styles.changeList}>
          {changes.map((c) => (
            <li key={c.activity}>
              {t.mood.change[c.activity](
                c.improved,
                c.rated,
                c.same,
                c.declined,
                signed(c.averageChange, locale),
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
