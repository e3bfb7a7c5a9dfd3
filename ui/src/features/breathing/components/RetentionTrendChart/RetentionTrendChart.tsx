import { useT } from "../../../../i18n";
import type { RetentionPoint } from "../../../../lib/backend";
import { formatClock } from "../../format";
import styles from "./RetentionTrendChart.module.css";

const W = 320;
const H = 120;
const PAD = 8;

/** Best (line) and average (dots) Wim Hof retention per day, as inline SVG. */
export function RetentionTrendChart({ points }: { points: RetentionPoint[] }) {
  const t = useT();
  if (points.length === 0) return <p className={styles.empty}>{t.breathing.trendEmpty}</p>;
  const max = Math.max(1, ...points.map((p) => p.bestMs ?? 0));
  const x = (i: number) =>
    points.length === 1 ? W / 2 : PAD + (i * (W - 2 * PAD)) / (points.length - 1);
  const y = (ms: number | null) => H - PAD - ((ms ?? 0) / max) * (H - 2 * PAD);
  const best = points.map((p, i) => `${String(x(i))},${String(y(p.bestMs))}`).join(" ");
  return (
    <figure className={styles.figure}>
      <svg
        viewBox={`0 0 ${String(W)} ${String(H)}`}
        role="img"
        aria-label={t.breathing.trendLabel(points.length, formatClock(max))}
        className={styles.chart}
      >
        <line x1={PAD} y1={H - PAD} x2={W - PAD} y2={H - PAD} className={styles.axis} />
        <polyline points={best} className={styles.line} />
        {points.map((p, i) => (
          <circle key={p.date} cx={x(i)} cy={y(p.averageMs)} r={3} className={styles.dot} />
        ))}
      </svg>
      <figcaption className={styles.caption}>
        <span>{points[0]?.date}</span>
        <span>{points[points.length - 1]?.date}</span>
      </figcaption>
    </figure>
  );
}
