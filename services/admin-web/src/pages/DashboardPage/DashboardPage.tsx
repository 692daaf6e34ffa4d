import { CHANNELS, COMPLAINT_STATUSES } from '@pengaduan/sop';
import { useEffect, useMemo, useState } from 'react';
import { ApiError, queryString } from '../../api/client';
import type { Dashboard, SlaSummary } from '../../api/types';
import { useAuth } from '../../app/auth';
import { ErrorMessage, StatusMessage } from '../../components/Alerts';
import { BarChart, type BarRow } from '../../components/charts/BarChart';
import { ChartFigure, ChartPatterns } from '../../components/charts/ChartFigure';
import { PageHeading } from '../../components/PageHeading';
import { SelectField } from '../../components/fields';
import { PeriodPicker } from '../../components/PeriodPicker';
import { useI18n } from '../../i18n/i18n';
import { complianceRatio } from '../../lib/chart-scale';
import { formatNumber, formatPercent } from '../../lib/format';
import { LOADING, type Loadable } from '../../lib/loadable';
import { periodRange, type DashboardPeriod } from '../../lib/periods';
import { channelLabel, classificationLabel, statusLabel } from '../../lib/sop-labels';
import { FeedbackFigures } from './FeedbackFigures';
import { SlaOverTimeFigure, SlaPerStepFigure } from './SlaFigures';

/** `/dasbor`: volumes by channel, classification and status, and how the SLA deadlines fared. */
export function DashboardPage() {
  const { t, lang } = useI18n();
  const { api } = useAuth();
  const [days, setDays] = useState<DashboardPeriod>(30);
  // The ratings' and appeals' channel ('' = every channel); the other figures count every channel.
  const [channel, setChannel] = useState('');
  const [dashboard, setDashboard] = useState<Loadable<Dashboard>>(LOADING);
  const [sla, setSla] = useState<Loadable<SlaSummary>>(LOADING);
  // The period is fixed when it is chosen, not on every render.
  const range = useMemo(() => periodRange(days, Date.now()), [days]);

  useEffect(() => {
    let cancelled = false;
    setDashboard(LOADING);
    setSla(LOADING);
    const fail = (set: (l: Loadable<never>) => void) => (err: unknown) => !cancelled && set({ state: 'error', status: err instanceof ApiError ? err.status : 0 });
    api
      .get<Dashboard>(`/api/v1/dashboard${queryString({ from: range.from, to: range.to, bucket: range.bucket, channel })}`)
      .then((value) => !cancelled && setDashboard({ state: 'ok', value }))
      .catch(fail(setDashboard));
    api
      .get<SlaSummary>(`/api/v1/sla/summary${queryString({ from: range.from, to: range.to })}`)
      .then((value) => !cancelled && setSla({ state: 'ok', value }))
      .catch(fail(setSla));
    return () => {
      cancelled = true;
    };
  }, [api, range, channel]);

  const d = dashboard.state === 'ok' ? dashboard.value : null;
  const steps = sla.state === 'ok' ? (sla.value.offices[0]?.steps ?? []) : [];
  const totals = steps.reduce((acc, s) => ({ onTime: acc.onTime + s.onTime, late: acc.late + s.late, openOverdue: acc.openOverdue + s.openOverdue }), { onTime: 0, late: 0, openOverdue: 0 });
  const received = d ? d.byChannel.reduce((n, c) => n + c.count, 0) : null;

  return (
    <div className="page">
      <ChartPatterns />
      <PageHeading title={t('dashboard.title')}>{t('dashboard.title')}</PageHeading>
      <PeriodPicker id="dashboard-period" days={days} range={range} onDays={setDays} />

      <ul className="tiles" aria-label={t('dashboard.keyFigures')}>
        <li className="tile">
          <span className="tile__label">{t('dashboard.received')}</span>
          <span className="tile__value">{received === null ? '—' : formatNumber(received, lang)}</span>
        </li>
        <li className="tile">
          <span className="tile__label">{t('dashboard.compliance')}</span>
          <span className="tile__value">{sla.state === 'ok' ? formatPercent(complianceRatio(totals.onTime, totals.late), lang) : '—'}</span>
        </li>
        <li className="tile">
          <span className="tile__label">{t('dashboard.openOverdue')}</span>
          <span className="tile__value">{sla.state === 'ok' ? formatNumber(totals.openOverdue, lang) : '—'}</span>
        </li>
      </ul>

      <section className="section" aria-labelledby="dashboard-volumes">
        <h2 id="dashboard-volumes">{t('dashboard.volumes')}</h2>
        {dashboard.state === 'loading' ? <StatusMessage>{t('common.loading')}</StatusMessage> : null}
        {dashboard.state === 'error' ? <ErrorMessage>{t('dashboard.volumesFailed')}</ErrorMessage> : null}
        {d ? <VolumeFigures dashboard={d} received={received ?? 0} /> : null}
      </section>

      <section className="section" aria-labelledby="dashboard-sla">
        <h2 id="dashboard-sla">{t('dashboard.sla')}</h2>
        {sla.state === 'loading' ? <StatusMessage>{t('common.loading')}</StatusMessage> : null}
        {sla.state === 'error' ? <ErrorMessage>{t('dashboard.slaFailed')}</ErrorMessage> : null}
        {sla.state === 'ok' ? <SlaPerStepFigure asOf={sla.value.asOf} steps={steps} /> : null}
        {d ? <SlaOverTimeFigure dashboard={d} /> : null}
      </section>

      <section className="section" aria-labelledby="dashboard-feedback">
        <h2 id="dashboard-feedback">{t('dashboard.feedback')}</h2>
        <p className="muted">{t('dashboard.feedbackNote')}</p>
        <SelectField id="dashboard-feedback-channel" label={t('dashboard.feedbackChannel')} value={channel} onValue={setChannel} placeholder={t('list.all')} options={CHANNELS.map((c) => ({ value: c, label: channelLabel(c, lang) }))} />
        {dashboard.state === 'error' ? <ErrorMessage>{t('dashboard.feedbackFailed')}</ErrorMessage> : null}
        {d ? <FeedbackFigures feedback={d.feedback} /> : null}
      </section>
    </div>
  );
}

/** The three volume charts of the period, each with its table. */
function VolumeFigures({ dashboard: d, received }: { dashboard: Dashboard; received: number }) {
  const { t, lang } = useI18n();
  const count = (n: number) => t('chart.count', { n: formatNumber(n, lang) });
  const channelRows: BarRow[] = [...d.byChannel].sort((a, b) => b.count - a.count).map((c) => ({ key: c.channel, label: channelLabel(c.channel, lang), value: c.count, valueText: formatNumber(c.count, lang) }));
  const classificationRows: BarRow[] = d.byClassification
    // The gateway counts the complaints not confirmed yet under null; the chart is of confirmed ones.
    .filter((c): c is { classificationCode: string; count: number } => c.classificationCode !== null)
    .sort((a, b) => a.classificationCode.localeCompare(b.classificationCode))
    .map((c) => ({ key: c.classificationCode, label: classificationLabel(c.classificationCode, lang), value: c.count, valueText: formatNumber(c.count, lang) }));
  const statusRows: BarRow[] = [...d.byStatus]
    .sort((a, b) => COMPLAINT_STATUSES.indexOf(a.status as never) - COMPLAINT_STATUSES.indexOf(b.status as never))
    .map((s) => ({ key: s.status, label: statusLabel(s.status, lang), value: s.count, valueText: formatNumber(s.count, lang) }));

  return (
    <div className="chart-grid">
      <ChartFigure
        caption={t('dashboard.byChannel')}
        chart={channelRows.length > 0 ? <BarChart rows={channelRows} /> : <p className="muted">{t('chart.noData')}</p>}
        table={
          <CountTable caption={t('dashboard.byChannel')} head={t('complaint.channel')} rows={channelRows} total={t('chart.total')} totalText={count(received)} />
        }
      />
      <ChartFigure
        caption={t('dashboard.byClassification')}
        description={t('dashboard.byClassificationNote')}
        chart={classificationRows.length > 0 ? <BarChart rows={classificationRows} /> : <p className="muted">{t('chart.noData')}</p>}
        table={<CountTable caption={t('dashboard.byClassification')} head={t('field.classification')} rows={classificationRows} />}
      />
      <ChartFigure
        caption={t('dashboard.byStatus')}
        chart={statusRows.length > 0 ? <BarChart rows={statusRows} /> : <p className="muted">{t('chart.noData')}</p>}
        table={<CountTable caption={t('dashboard.byStatus')} head={t('complaint.status')} rows={statusRows} />}
      />
    </div>
  );
}

function CountTable({ caption, head, rows, total, totalText }: { caption: string; head: string; rows: readonly BarRow[]; total?: string; totalText?: string }) {
  const { t } = useI18n();
  return (
    <table className="table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{head}</th>
          <th scope="col">{t('chart.complaints')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            <td>{r.valueText}</td>
          </tr>
        ))}
      </tbody>
      {total && totalText ? (
        <tfoot>
          <tr>
            <th scope="row">{total}</th>
            <td>{totalText}</td>
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}
