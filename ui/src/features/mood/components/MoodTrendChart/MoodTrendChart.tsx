// recharts draws the chart: declarative React components rendering SVG, with a keyboard accessibility
// layer and tooltips, widely used and maintained; no hand-drawn SVG to keep up.
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from "recharts";
import { useT } from "../../../../i18n";
import type { MoodActivity, MoodDay } from "../../../../lib/backend";
import { formatDay } from "../../../../lib/days";
import { MOOD_ACTIVITIES } from "../../emotions";
import { average } from "../../format";
import styles from "./MoodTrendChart.module.css";

/** Series colours with at least 3:1 contrast on both the light and the dark surface. */
const AVERAGE_COLOUR = "#2d7a78";
const ACTIVITY_COLOURS: Record<MoodActivity, string> = {
  breathing: "#2f86ad",
  meditation: "#7b68b8",
  journaling: "#c2553a",
};
/** Each kind of activity has its own shape too, so colour is never the only difference. */
const ACTIVITY_SHAPES = {
  breathing: "circle",
  meditation: "diamond",
  journaling: "square",
} as const;
/** Where each kind's markers sit: a lane under the 1–5 scale. */
const ACTIVITY_LANES: Record<MoodActivity, number> = {
  breathing: 0.7,
  meditation: 0.45,
  journaling: 0.2,
};

interface Row {
  day: string;
  average: number | null;
  range: [number, number] | null;
  breathing: number | null;
  meditation: number | null;
  journaling: number | null;
}

function toRow(day: MoodDay): Row {
  const lane = (activity: MoodActivity) =>
    day.activities.some((a) => a.activity === activity && a.count > 0)
      ? ACTIVITY_LANES[activity]
      : null;
  return {
    day: day.date,
    average: day.average,
    range: day.lowest === null || day.highest === null ? null : [day.lowest, day.highest],
    breathing: lane("breathing"),
    meditation: lane("meditation"),
    journaling: lane("journaling"),
  };
}

function reducedMotion(): boolean {
  return window.matchMedia("(prefers-reduced-motion: reduce)").matches;
}

export interface MoodTrendChartProps {
  days: MoodDay[];
  locale: string;
  /** What the chart shows, e.g. "Mood over the last 7 days". */
  title: string;
}

/**
 * The daily average mood as a line, each day's lowest–highest as a band, and the days of each kind of
 * activity as markers under the scale. Its text alternative is the table beside it (MoodTrends).
 */
export function MoodTrendChart({ days, locale, title }: MoodTrendChartProps) {
  const t = useT();
  const rows = days.map(toRow);
  const animate = !reducedMotion();
  const byDay = new Map(days.map((d) => [d.date, d]));

  const tooltip = ({ active, label }: TooltipContentProps) => {
    const day = active && typeof label === "string" ? byDay.get(label) : undefined;
    if (day === undefined) return null;
    return (
      <div className={styles.tooltip}>
        <p className={styles.tooltipDay}>{formatDay(day.date, locale, { dateStyle: "medium" })}</p>
        {day.average === null || day.lowest === null || day.highest === null ? null : (
          <p>
            {t.mood.average}: {average(day.average, locale)} ({day.lowest}–{day.highest})
          </p>
        )}
        {day.activities.map((a) => (
          <p key={a.activity}>{t.mood.activityCount(t.mood.activities[a.activity], a.count)}</p>
        ))}
      </div>
    );
  };

  return (
    <div className={styles.chart}>
      <ComposedChart
        responsive
        data={rows}
        title={title}
        style={{ width: "100%", height: 280 }}
        margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
      >
        <CartesianGrid stroke="currentColor" strokeOpacity={0.15} vertical={false} />
        <XAxis
          dataKey="day"
          stroke="currentColor"
          tick={{ fill: "currentColor", fontSize: 12 }}
          tickFormatter={(day: string) => formatDay(day, locale)}
          interval="preserveStartEnd"
          minTickGap={16}
        />
        <YAxis
          domain={[0, 5]}
          ticks={[1, 2, 3, 4, 5]}
          width={24}
          stroke="currentColor"
          tick={{ fill: "currentColor", fontSize: 12 }}
        />
        <Tooltip content={tooltip} />
        <Legend
          itemSorter={null}
          formatter={(name: string) => <span className={styles.legend}>{name}</span>}
        />
        <Area
          dataKey="range"
          name={t.mood.range}
          fill={AVERAGE_COLOUR}
          fillOpacity={0.2}
          stroke="none"
          legendType="square"
          isAnimationActive={animate}
        />
        <Line
          dataKey="average"
          name={t.mood.average}
          stroke={AVERAGE_COLOUR}
          strokeWidth={2}
          dot={{ r: 3, fill: AVERAGE_COLOUR }}
          connectNulls
          isAnimationActive={animate}
        />
        {MOOD_ACTIVITIES.map((activity) => (
          <Scatter
            key={activity}
            dataKey={activity}
            name={t.mood.activities[activity]}
            fill={ACTIVITY_COLOURS[activity]}
            shape={ACTIVITY_SHAPES[activity]}
            isAnimationActive={animate}
          />
        ))}
      </ComposedChart>
    </div>
  );
}
