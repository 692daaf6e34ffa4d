import { POOR_RATING_MAX } from '@pengaduan/sop';
import type { DashboardFeedback } from '../../api/types';
import { BarChart, type BarRow } from '../../components/charts/BarChart';
import { ChartFigure } from '../../components/charts/ChartFigure';
import { useI18n } from '../../i18n/i18n';
import { formatDecimal, formatNumber, formatPercent } from '../../lib/format';

/** Ratings and appeals given in the period (docs/adr/0053): key figures, the ratings by value, appeals and reviews. */
export function FeedbackFigures({ feedback: f }: { feedback: DashboardFeedback }) {
  const { t, lang } = useI18n();
  const ratingRows: BarRow[] = f.ratingDistribution.map((r) => ({ key: String(r.rating), label: String(r.rating), value: r.count, valueText: t('dashboard.ratingCount', { n: formatNumber(r.count, lang) }) }));
  return (
    <>
      <ul className="tiles" aria-label={t('dashboard.feedback')}>
        <li className="tile">
          <span className="tile__label">{t('dashboard.ratings')}</span>
          <span className="tile__value">{formatNumber(f.ratings, lang)}</span>
        </li>
        <li className="tile">
          <span className="tile__label">{t('dashboard.averageRating')}</span>
          <span className="tile__value">{f.averageRating === null ? '—' : formatDecimal(f.averageRating, lang, 2)}</span>
        </li>
        <li className="tile">
          <span className="tile__label">{t('dashboard.poorRatingShare', { max: POOR_RATING_MAX })}</span>
          <span className="tile__value">{formatPercent(f.poorRatingShare, lang)}</span>
        </li>
      </ul>
      <div className="chart-grid">
        <ChartFigure
          caption={t('dashboard.ratingDistribution')}
          chart={f.ratings > 0 ? <BarChart rows={ratingRows} /> : <p className="muted">{t('chart.noData')}</p>}
          table={<FeedbackTable caption={t('dashboard.ratingDistribution')} heads={[t('dashboard.rating'), t('dashboard.count')]} rows={ratingRows.map((r) => [r.label, formatNumber(r.value, lang)])} />}
        />
        <FeedbackTable
          caption={t('dashboard.appealsByTrigger')}
          heads={[t('dashboard.trigger'), t('dashboard.count')]}
          rows={f.appealsByTrigger.map((a) => [t(`dashboard.trigger.${a.trigger}`), formatNumber(a.count, lang)])}
        />
        <FeedbackTable
          caption={t('dashboard.appealReviews')}
          heads={[t('dashboard.decision'), t('dashboard.returnStep'), t('dashboard.count')]}
          rows={f.appealReviews.map((r) => [t(`dashboard.decision.${r.decision}`), String(r.stepNumber), formatNumber(r.count, lang)])}
        />
      </div>
    </>
  );
}

/** A table whose first column names each row. */
function FeedbackTable({ caption, heads, rows }: { caption: string; heads: readonly string[]; rows: readonly (readonly string[])[] }) {
  return (
    <table className="table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {heads.map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(([name, ...cells]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            {cells.map((c, i) => (
              <td key={i}>{c}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
