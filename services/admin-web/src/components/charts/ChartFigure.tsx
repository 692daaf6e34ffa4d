import { useId, useState, type ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';

/**
 * A chart in a <figure> with its <figcaption>, and the same numbers as a table: read by screen
 * readers always, shown to everyone behind "Tampilkan tabel". The SVG itself is decoration for
 * assistive technology (aria-hidden), so nothing is read twice.
 */
export function ChartFigure({
  caption,
  description,
  legend,
  chart,
  table,
  wide,
}: {
  caption: string;
  description?: string;
  legend?: ReactNode;
  chart: ReactNode;
  table: ReactNode;
  /** A chart too detailed to shrink on a phone: it scrolls sideways in its frame instead. */
  wide?: boolean;
}) {
  const { t } = useI18n();
  const [showTable, setShowTable] = useState(false);
  const tableId = useId();
  return (
    <figure className="chart">
      <figcaption className="chart__caption">
        <span className="chart__title">{caption}</span>
        {description ? <span className="chart__description">{description}</span> : null}
      </figcaption>
      {legend}
      {wide ? (
        // It may scroll sideways on a phone: a scroll container must be reachable by keyboard.
        <div className="chart__canvas chart__canvas--wide" tabIndex={0} role="group" aria-label={caption}>
          {chart}
        </div>
      ) : (
        <div className="chart__canvas">{chart}</div>
      )}
      <button type="button" className="button button--ghost button--small" aria-expanded={showTable} aria-controls={tableId} onClick={() => setShowTable((s) => !s)}>
        {showTable ? t('chart.hideTable') : t('chart.showTable')}
      </button>
      <div id={tableId} className={showTable ? 'chart__table table-scroll' : 'sr-only'}>
        {table}
      </div>
    </figure>
  );
}

/** A legend of swatches that repeat the chart's fills (pattern included), each with its word. */
export function Legend({ items }: { items: readonly { label: string; swatch: 'on-time' | 'late' | 'bar' }[] }) {
  return (
    <ul className="legend" aria-hidden="true">
      {items.map((i) => (
        <li key={i.label} className="legend__item">
          <svg width="18" height="18" viewBox="0 0 18 18" focusable="false">
            <rect x="1" y="1" width="16" height="16" className={`swatch swatch--${i.swatch}`} fill={i.swatch === 'late' ? 'url(#pattern-late)' : undefined} />
          </svg>
          {i.label}
        </li>
      ))}
    </ul>
  );
}

/** The hatching that marks "late" without relying on its colour; rendered once per page, used by every chart. */
export function ChartPatterns() {
  return (
    <svg className="svg-defs" aria-hidden="true" focusable="false" width="0" height="0">
      <defs>
      <pattern id="pattern-late" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
        <rect width="6" height="6" className="pattern-late__bg" />
        <line x1="0" y1="0" x2="0" y2="6" className="pattern-late__line" strokeWidth="3" />
      </pattern>
      </defs>
    </svg>
  );
}
