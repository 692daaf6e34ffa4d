import { niceCeiling, stackedWidths } from '../../lib/chart-scale';

export interface StackedRow {
  readonly key: string;
  readonly label: string;
  readonly onTime: number;
  readonly late: number;
  /** What is written after the bar: the compliance percentage. */
  readonly valueText: string;
}

const WIDTH = 560;
const ROW = 50;
const BAR = 22;
const VALUE_SPACE = 72;

/** On-time (solid) and late (hatched) deadlines per step, side by side in one bar, with the share on time. */
export function StackedBarChart({ rows }: { rows: readonly StackedRow[] }) {
  const max = niceCeiling(Math.max(0, ...rows.map((r) => r.onTime + r.late)));
  const span = WIDTH - VALUE_SPACE;
  const height = Math.max(ROW, rows.length * ROW);
  return (
    <svg className="chart__svg" viewBox={`0 0 ${WIDTH} ${height}`} width={WIDTH} height={height} preserveAspectRatio="xMinYMin meet" aria-hidden="true" focusable="false">
      {rows.map((r, i) => {
        const y = i * ROW;
        const w = stackedWidths(r.onTime, r.late, max, span);
        return (
          <g key={r.key}>
            <text x={0} y={y + 15} className="chart__label">
              {r.label}
            </text>
            <rect x={0} y={y + 21} width={span} height={BAR} className="chart__track" />
            <rect x={0} y={y + 21} width={w.onTime} height={BAR} className="chart__bar chart__bar--on-time" />
            <rect x={w.onTime} y={y + 21} width={w.late} height={BAR} className="chart__bar--late" fill="url(#pattern-late)" />
            {w.onTime >= 28 ? (
              <text x={w.onTime / 2} y={y + 37} className="chart__inside" textAnchor="middle">
                {r.onTime}
              </text>
            ) : null}
            {w.late >= 28 ? (
              <text x={w.onTime + w.late / 2} y={y + 37} className="chart__inside chart__inside--late" textAnchor="middle">
                {r.late}
              </text>
            ) : null}
            <text x={w.onTime + w.late + 6} y={y + 37} className="chart__value">
              {r.valueText}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
