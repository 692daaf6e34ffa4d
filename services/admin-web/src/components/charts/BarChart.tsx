import { niceCeiling, scaleLinear } from '../../lib/chart-scale';

export interface BarRow {
  readonly key: string;
  readonly label: string;
  readonly value: number;
  /** The value as text (with its unit, in the current language). */
  readonly valueText: string;
}

const WIDTH = 420;
const ROW = 46;
const BAR = 18;
const VALUE_SPACE = 64;

/** Horizontal bars, one per row: the label above its bar, the value at its end. */
export function BarChart({ rows }: { rows: readonly BarRow[] }) {
  const max = niceCeiling(Math.max(0, ...rows.map((r) => r.value)));
  const x = scaleLinear(max, WIDTH - VALUE_SPACE);
  const height = Math.max(ROW, rows.length * ROW);
  return (
    <svg className="chart__svg" viewBox={`0 0 ${WIDTH} ${height}`} width={WIDTH} height={height} preserveAspectRatio="xMinYMin meet" aria-hidden="true" focusable="false">
      {rows.map((r, i) => {
        const y = i * ROW;
        const w = Math.max(r.value > 0 ? 2 : 0, x(r.value));
        return (
          <g key={r.key}>
            <text x={0} y={y + 15} className="chart__label">
              {r.label}
            </text>
            <rect x={0} y={y + 21} width={WIDTH - VALUE_SPACE} height={BAR} className="chart__track" />
            <rect x={0} y={y + 21} width={w} height={BAR} className="chart__bar" />
            <text x={w + 6} y={y + 35} className="chart__value">
              {r.valueText}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
