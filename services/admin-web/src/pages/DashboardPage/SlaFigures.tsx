import type { Dashboard, SlaSummary } from '../../api/types';
import { ChartFigure, Legend } from '../../components/charts/ChartFigure';
import { ColumnChart } from '../../components/charts/ColumnChart';
import { StackedBarChart } from '../../components/charts/StackedBarChart';
import { useI18n } from '../../i18n/i18n';
import { complianceRatio } from '../../lib/chart-scale';
import { formatHours, formatNumber, formatPercent, formatWib, formatWibDate, formatWibDayMonth } from '../../lib/format';
import { stepFullName, stepShortName } from '../../lib/sop-labels';

/** How each SLA step's deadlines fared in the period. */
export function SlaPerStepFigure({ asOf, steps }: { asOf: string; steps: SlaSummary['offices'][number]['steps'] }) {
  const { t, lang } = useI18n();
  return (
    <ChartFigure
      caption={t('dashboard.slaPerStep')}
      description={t('dashboard.slaPerStepNote', { asOf: formatWib(asOf, lang) })}
      legend={
        <Legend
          items={[
            { label: t('chart.onTime'), swatch: 'on-time' },
            { label: t('chart.late'), swatch: 'late' },
          ]}
        />
      }
      chart={
        steps.length > 0 ? (
          <StackedBarChart
            rows={steps.map((s) => ({
              key: s.stepId,
              label: stepShortName(s.stepId, lang),
              onTime: s.onTime,
              late: s.late,
              valueText: formatPercent(complianceRatio(s.onTime, s.late), lang),
            }))}
          />
        ) : (
          <p className="muted">{t('chart.noData')}</p>
        )
      }
      table={
        <table className="table">
          <caption>{t('dashboard.slaPerStep')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('complaint.deadlineStep')}</th>
              <th scope="col">{t('chart.onTime')}</th>
              <th scope="col">{t('chart.late')}</th>
              <th scope="col">{t('chart.compliance')}</th>
              <th scope="col">{t('chart.open')}</th>
              <th scope="col">{t('chart.openOverdue')}</th>
              <th scope="col">{t('chart.median')}</th>
              <th scope="col">{t('chart.p90')}</th>
            </tr>
          </thead>
          <tbody>
            {steps.map((s) => (
              <tr key={s.stepId}>
                <th scope="row" title={stepFullName(s.stepId, lang)}>
                  {stepShortName(s.stepId, lang)}
                </th>
                <td>{formatNumber(s.onTime, lang)}</td>
                <td>{formatNumber(s.late, lang)}</td>
                <td>{formatPercent(complianceRatio(s.onTime, s.late), lang)}</td>
                <td>{formatNumber(s.open, lang)}</td>
                <td>{formatNumber(s.openOverdue, lang)}</td>
                <td>{formatHours(s.medianHours, lang)}</td>
                <td>{formatHours(s.p90Hours, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

/** The share of deadlines met per day or week of the period. */
export function SlaOverTimeFigure({ dashboard: d }: { dashboard: Dashboard }) {
  const { t, lang } = useI18n();
  return (
    <ChartFigure
      caption={t(d.bucket === 'week' ? 'dashboard.overTimeWeek' : 'dashboard.overTimeDay')}
      description={t('dashboard.overTimeNote')}
      wide
      chart={
        d.slaOverTime.length > 0 ? (
          <ColumnChart
            columns={d.slaOverTime.map((p) => ({ key: p.periodStart, label: formatWibDayMonth(p.periodStart, lang), ratio: complianceRatio(p.onTime, p.late) }))}
            percent={(r) => formatPercent(r, lang)}
          />
        ) : (
          <p className="muted">{t('chart.noData')}</p>
        )
      }
      table={
        <table className="table">
          <caption>{t(d.bucket === 'week' ? 'dashboard.overTimeWeek' : 'dashboard.overTimeDay')}</caption>
          <thead>
            <tr>
              <th scope="col">{t(d.bucket === 'week' ? 'chart.weekOf' : 'chart.day')}</th>
              <th scope="col">{t('chart.onTime')}</th>
              <th scope="col">{t('chart.late')}</th>
              <th scope="col">{t('chart.compliance')}</th>
            </tr>
          </thead>
          <tbody>
            {d.slaOverTime.map((p) => (
              <tr key={p.periodStart}>
                <th scope="row">{formatWibDate(p.periodStart, lang)}</th>
                <td>{formatNumber(p.onTime, lang)}</td>
                <td>{formatNumber(p.late, lang)}</td>
                <td>{formatPercent(complianceRatio(p.onTime, p.late), lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
