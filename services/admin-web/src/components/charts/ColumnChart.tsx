import { scaleLinear, ticks } from '../../lib/chart-scale';

export interface Column {
  readonly key: string;
  /** The period, short: `1 Des`. */
  readonly label: string;
  /** 0..1, or null for a period with nothing to count. */
  readonly ratio: number | null;
}

const WIDTH = 640;
const HEIGHT = 240;
const LEFT = 44;
const BOTTOM = 28;
const TOP = 10;

/** Compliance over time: one column per period on a 0–100 % scale; a period with no stopped deadline shows a dash. */
export function ColumnChart({ columns, percent }: { columns: readonly Column[]; percent: (ratio: number) => string }) {
  const plotW = WIDTH - LEFT - 8;
  const plotH = HEIGHT - TOP - BOTTOM;
  const y = scaleLinear(1, plotH);
  const slot = columns.length > 0 ? plotW / columns.length : plotW;
  const barW = Math.max(2, Math.min(36, slot * 0.7));
  const every = Math.max(1, Math.ceil(columns.length / 8));
  return (
    <svg className="chart__svg" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} preserveAspectRatio="xMinYMin meet" aria-hidden="true" focusable="false">
      {ticks(1, 4).map((tick) => (
        <g key={tick}>
          <line x1={LEFT} x2={WIDTH - 8} y1={TOP + plotH - y(tick)} y2={TOP + plotH - y(tick)} className="chart__grid" />
          <text x={LEFT - 6} y={TOP + plotH - y(tick) + 4} className="chart__axis" textAnchor="end">
            {percent(tick)}
          </text>
        </g>
      ))}
      {columns.map((c, i) => {
        const cx = LEFT + slot * i + slot / 2;
        const h = c.ratio === null ? 0 : y(c.ratio);
        return (
          <g key={c.key}>
            {c.ratio === null ? (
              <text x={cx} y={TOP + plotH - 4} className="chart__axis" textAnchor="middle">
                –
              </text>
            ) : (
              <rect x={cx - barW / 2} y={TOP + plotH - h} width={barW} height={Math.max(1, h)} className="chart__bar" />
            )}
            {i % every === 0 ? (
              <text x={cx} y={HEIGHT - 8} className="chart__axis" textAnchor="middle">
                {c.label}
              </text>
            ) : null}
          </g>
        );
      })}
      <line x1={LEFT} x2={WIDTH - 8} y1={TOP + plotH} y2={TOP + plotH} className="chart__baseline" />
    </svg>
  );
}
